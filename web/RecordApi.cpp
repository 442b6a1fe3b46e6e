#include "web/RecordApi.h"

#include "affairs/CouncilCodes.h"
#include "core/Error.h"
#include "core/Log.h"
#include "web/Access.h"
#include "web/ContentDisposition.h"
#include "web/JsonBody.h"
#include "web/LimitedStream.h"
#include "web/Multipart.h"
#include "web/RequestInput.h"
#include "workflow/Fields.h"

#include <Poco/StreamCopier.h>

#include <fstream>

namespace majlis::web {

namespace {

using records::RecordVersion;

std::string fileUrl(const RecordVersion& version, std::size_t index)
{
    return "/api/v1/records/" + version.id + "/versions/" + std::to_string(version.version) + "/files/"
        + std::to_string(index);
}

nlohmann::json versionToApiJson(const RecordVersion& version)
{
    nlohmann::json json = records::toDisplayJson(version);
    for (std::size_t i = 0; i < version.files.size(); ++i)
        json["files"][i]["url"] = fileUrl(version, i);
    return json;
}

std::uint32_t parseVersionNumber(const std::string& text)
{
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos
        || std::stoul(text) == 0)
        throw Error(ErrorCode::invalid_argument, "error.invalid_version",
            "invalid version '" + text + "'; give a whole number from 1", {{"value", text}});
    return static_cast<std::uint32_t>(std::stoul(text));
}

RecordVersion readableVersionOf(const Exchange& exchange, records::RecordStore& store, std::optional<std::uint32_t> number)
{
    const std::string& id = exchange.param("id");
    return number ? readableVersion(exchange.caller, store, id, *number) : readableRecord(exchange.caller, store, id);
}

// Throws invalid_argument for a field only the workflow engine writes.
void rejectEngineField(const std::string& name)
{
    if (workflow::fields::isEngineField(name))
        throw Error(ErrorCode::invalid_argument, "error.reserved_field",
            "the field '" + name + "' is set by the workflow; leave it out and use /api/v1/items to route the record",
            {{"field", name}});
}

std::map<std::string, records::FieldValue> freeFieldsOf(const nlohmann::json& json)
{
    if (!json.is_object())
        throw Error(ErrorCode::invalid_argument, "error.invalid_field",
            "'fields' must be an object of {\"type\": …, \"value\": …} entries", {{"field", "fields"}});
    std::map<std::string, records::FieldValue> fields;
    for (const auto& [name, value] : json.items()) {
        rejectEngineField(name);
        fields.emplace(name, records::fieldFromJson(name, value));
    }
    return fields;
}

void handleCreate(Exchange& exchange, records::RecordStore& store, const affairs::Affairs& councils, const ServerLimits& limits)
{
    requireSameOrigin(exchange);
    // A role that writes no council's records is refused before the body is
    // read; the record's own council is checked once it is known.
    requireWrite(exchange, exchange.caller.council);
    const MetadataInput input = readInput(exchange, store, limits);

    records::NewRecord record;
    const auto type = input.get("type");
    const auto title = input.get("title");
    if (!type || !title)
        throw Error(ErrorCode::invalid_argument, "error.missing_field", "'type' and 'title' are required",
            {{"field", "type, title"}});
    record.type = records::parseRecordType(*type);
    record.title = *title;
    record.council = affairs::recordCouncilCode(*councils.snapshot(), record.type, input.get("council").value_or(""));
    record.access = records::parseAccessLevel(input.get("access").value_or("internal"));
    record.reference = input.get("reference").value_or("");
    if (const auto date = input.get("date"); date && !date->empty())
        record.date = CalendarDate::parse(*date);
    record.tags = input.all("tag");
    if (record.tags.empty())
        record.tags = input.all("tags");
    record.fields = freeFieldsOf(input.freeFields);
    record.body = input.get("body").value_or("");
    record.files = input.files;
    requireWrite(exchange.caller, record.council);

    const RecordVersion version
        = store.create(record, exchange.caller.name, input.get("reason").value_or("created"));
    exchange.response.set("Location", "/api/v1/records/" + version.id);
    exchange.sendJson(201, versionToApiJson(version));
}

void handleUpdate(Exchange& exchange, records::RecordStore& store, const affairs::Affairs& councils, const ServerLimits& limits)
{
    requireSameOrigin(exchange);
    requireSignedIn(exchange);
    const RecordVersion current = writableRecord(exchange.caller, store, exchange.param("id"));
    const MetadataInput input = readInput(exchange, store, limits);

    records::RecordChange change;
    if (const auto type = input.get("type"))
        change.type = records::parseRecordType(*type);
    change.title = input.get("title");
    change.council = input.get("council");
    // Text stored before councils were checked may be sent back unchanged.
    if (change.council && *change.council != current.council)
        change.council = affairs::recordCouncilCode(*councils.snapshot(), change.type.value_or(current.type), *change.council);
    if (const auto access = input.get("access"))
        change.access = records::parseAccessLevel(*access);
    change.reference = input.get("reference");
    if (const auto date = input.get("date"))
        change.date = date->empty() ? std::optional<CalendarDate>() : CalendarDate::parse(*date);
    if (input.fields.contains("tag"))
        change.tags = input.all("tag");
    change.setFields = freeFieldsOf(input.freeFields);
    change.removeFields = input.all("remove_field");
    for (const std::string& name : change.removeFields)
        rejectEngineField(name);
    change.body = input.get("body");
    change.addFiles = input.files;
    change.removeFiles = input.all("remove_file");
    change.reason = input.get("reason").value_or("");
    writableRecord(exchange.caller, store, exchange.param("id"), change.council);

    const RecordVersion version = store.update(exchange.param("id"), change, exchange.caller.name);
    exchange.sendJson(201, versionToApiJson(version));
}

void handleDownload(Exchange& exchange, records::RecordStore& store)
{
    const RecordVersion version = readableVersionOf(exchange, store, parseVersionNumber(exchange.param("version")));
    const std::string& indexText = exchange.param("index");
    const bool numeric = !indexText.empty() && indexText.size() < 6
        && indexText.find_first_not_of("0123456789") == std::string::npos;
    if (!numeric || std::stoul(indexText) >= version.files.size())
        throw Error(ErrorCode::not_found, "error.file_not_found",
            "version " + std::to_string(version.version) + " of " + version.id + " has no file " + indexText);
    const records::FileRef& file = version.files[std::stoul(indexText)];

    std::ifstream in(store.pathOf(file), std::ios::binary);
    auto& response = exchange.response;
    response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    response.setContentType(file.mediaType.empty() ? "application/octet-stream" : file.mediaType);
    response.setContentLength64(static_cast<Poco::Int64>(file.size));
    response.set("Content-Disposition", attachmentHeader(file.name));
    response.set("ETag", "\"" + file.sha256 + "\"");
    response.set("Cache-Control", version.access == records::AccessLevel::public_access ? "public, max-age=3600" : "private, no-store");
    addSecurityHeaders(response);
    Poco::StreamCopier::copyStream(in, response.send());
}

} // namespace

void addRecordRoutes(
    Router& router, records::RecordStore& store, const affairs::Affairs& councils, const ServerLimits& limits, WriteListener onWrite)
{
    router.add("POST", "/api/v1/records", [&store, &councils, limits, onWrite](Exchange& exchange) {
        handleCreate(exchange, store, councils, limits);
        onWrite();
    });
    router.add("GET", "/api/v1/records/{id}", [&store](Exchange& exchange) {
        exchange.sendJson(200, versionToApiJson(readableVersionOf(exchange, store, std::nullopt)));
    });
    router.add("GET", "/api/v1/records/{id}/versions", [&store](Exchange& exchange) {
        nlohmann::json versions = nlohmann::json::array();
        for (const RecordVersion& version : readableHistory(exchange.caller, store, exchange.param("id")))
            versions.push_back(versionToApiJson(version));
        exchange.sendJson(200, {{"id", exchange.param("id")}, {"versions", versions}});
    });
    router.add("POST", "/api/v1/records/{id}/versions", [&store, &councils, limits, onWrite](Exchange& exchange) {
        handleUpdate(exchange, store, councils, limits);
        onWrite();
    });
    router.add("GET", "/api/v1/records/{id}/versions/{version}", [&store](Exchange& exchange) {
        const auto number = parseVersionNumber(exchange.param("version"));
        exchange.sendJson(200, versionToApiJson(readableVersionOf(exchange, store, number)));
    });
    router.add("GET", "/api/v1/records/{id}/versions/{version}/files/{index}", [&store](Exchange& exchange) {
        handleDownload(exchange, store);
    });
}

} // namespace majlis::web
