#include "workflow/WorkflowIndex.h"

#include "workflow/Fields.h"

#include <nlohmann/json.hpp>

namespace majlis::workflow {

namespace {

std::string textField(const records::RecordVersion& version, const char* name)
{
    const auto found = version.fields.find(name);
    if (found == version.fields.end())
        return {};
    const auto* text = std::get_if<std::string>(&found->second);
    return text ? *text : std::string();
}

nlohmann::json itemJson(const records::RecordVersion& version)
{
    nlohmann::json item = {
        {"definition", textField(version, fields::kDefinition)},
        {"state", textField(version, fields::kState)},
        {"owner", textField(version, fields::kOwner)},
        {"council", textField(version, fields::kCouncil)},
        {"assignee", textField(version, fields::kAssignee)},
        {"due", nullptr},
    };
    if (const auto due = version.fields.find(fields::kDue); due != version.fields.end())
        if (const auto* date = std::get_if<CalendarDate>(&due->second))
            item["due"] = date->daysSinceEpoch();
    return item;
}

WorkItem itemOf(std::string_view id, const nlohmann::json& json)
{
    WorkItem item;
    item.id = std::string(id);
    item.definition = json.at("definition").get<std::string>();
    item.state = json.at("state").get<std::string>();
    item.owner = json.at("owner").get<std::string>();
    item.council = json.at("council").get<std::string>();
    item.assignee = json.at("assignee").get<std::string>();
    if (!json.at("due").is_null())
        item.due = CalendarDate::fromDaysSinceEpoch(json.at("due").get<std::int32_t>());
    return item;
}

} // namespace

WorkflowIndex::WorkflowIndex(records::LmdbEnvironment& environment)
    : environment_(environment)
    , items_(environment.openDatabase("workflow_items"))
    , trackingCodes_(environment.openDatabase("tracking_codes"))
{
}

void WorkflowIndex::update(records::LmdbTransaction& txn, const records::RecordVersion& version, bool open) const
{
    if (open)
        txn.put(items_, version.id, itemJson(version).dump());
    else
        txn.erase(items_, version.id);
}

bool WorkflowIndex::addTrackingCode(records::LmdbTransaction& txn, const std::string& code, const std::string& id) const
{
    return txn.putNew(trackingCodes_, code, id);
}

std::vector<WorkItem> WorkflowIndex::openItems() const
{
    std::vector<WorkItem> items;
    environment_.read([&](records::LmdbTransaction& txn) {
        txn.scan(items_, {}, [&](std::string_view key, std::string_view value) {
            items.push_back(itemOf(key, nlohmann::json::parse(value)));
            return true;
        });
    });
    return items;
}

std::optional<std::string> WorkflowIndex::recordOfTrackingCode(const std::string& canonicalCode) const
{
    std::optional<std::string> id;
    environment_.read([&](records::LmdbTransaction& txn) {
        if (const auto found = txn.get(trackingCodes_, canonicalCode))
            id = std::string(*found);
    });
    return id;
}

} // namespace majlis::workflow
