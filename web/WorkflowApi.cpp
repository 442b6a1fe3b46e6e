#include "web/WorkflowApi.h"

#include "affairs/CouncilCodes.h"
#include "core/Error.h"
#include "core/Log.h"
#include "web/Access.h"
#include "web/RequestInput.h"
#include "workflow/Fields.h"
#include "workflow/TrackingCode.h"

#include <Poco/StreamCopier.h>

#include <functional>

namespace majlis::web {

namespace {

using records::RecordVersion;
namespace fields = workflow::fields;
using workflow::fields::textField;

// The largest number of items one inbox or dashboard list returns.
constexpr std::size_t kMaxListedItems = 500;

nlohmann::json labelJson(const workflow::Label& label)
{
    return {{"ar", label.ar}, {"en", label.en}};
}

std::string fileUrl(const RecordVersion& version, std::size_t index)
{
    return "/api/v1/records/" + version.id + "/versions/" + std::to_string(version.version) + "/files/"
        + std::to_string(index);
}

nlohmann::json filesJson(const RecordVersion& version)
{
    nlohmann::json files = nlohmann::json::array();
    for (std::size_t i = 0; i < version.files.size(); ++i)
        files.push_back({{"name", version.files[i].name}, {"size", version.files[i].size}, {"url", fileUrl(version, i)}});
    return files;
}

// The current version of a workflow item the caller may read; not_found,
// as for a missing record, when it is hidden or not a workflow item.
RecordVersion readableItem(const Exchange& exchange, records::RecordStore& store)
{
    const std::string& id = exchange.param("id");
    RecordVersion version = readableRecord(exchange.caller, store, id);
    if (textField(version, fields::kDefinition).empty())
        throw Error(ErrorCode::not_found, "error.not_workflow_item",
            "record " + id + " is not a workflow item; read it at /api/v1/records/" + id, {{"id", id}});
    return version;
}

std::optional<std::uint32_t> expectedVersionOf(const MetadataInput& input)
{
    const auto text = input.get("expected_version");
    if (!text || text->empty())
        return std::nullopt;
    if (text->size() > 9 || text->find_first_not_of("0123456789") != std::string::npos)
        throw Error(ErrorCode::invalid_argument, "error.invalid_version",
            "invalid expected_version '" + *text + "'; give the version number the page showed", {{"value", *text}});
    return static_cast<std::uint32_t>(std::stoul(*text));
}

} // namespace

nlohmann::json workItemList(const std::vector<workflow::WorkItem>& items, const Caller& caller,
    records::RecordStore& store, WorkflowService& workflow)
{
    nlohmann::json list = nlohmann::json::array();
    for (const workflow::WorkItem& item : items) {
        if (list.size() >= kMaxListedItems)
            break;
        const RecordVersion version = store.current(item.id);
        if (canRead(caller, version))
            list.push_back(workItemSummary(version, workflow));
    }
    return list;
}

nlohmann::json workItemDetail(const RecordVersion& version, const Caller& caller, records::RecordStore& store,
    WorkflowService& workflow)
{
    nlohmann::json json = workItemSummary(version, workflow);
    json["body"] = version.body;
    json["files"] = filesJson(version);
    json["answer"] = textField(version, fields::kAnswer);

    nlohmann::json transitions = nlohmann::json::array();
    for (const workflow::Transition& transition :
        workflow.engine().transitions(version, workflowCaller(caller))) {
        transitions.push_back({{"id", transition.id}, {"to", transition.to}, {"label", labelJson(transition.label)},
            {"comment", transition.comment == workflow::CommentRule::required ? "required"
                    : transition.comment == workflow::CommentRule::none       ? "none"
                                                                              : "optional"},
            {"attachments", transition.attachments}, {"answer", transition.answer},
            {"url", "/api/v1/items/" + version.id + "/transitions/" + transition.id}});
    }
    json["transitions"] = transitions;

    const auto definition = workflow.engine().definitionOf(version);
    nlohmann::json history = nlohmann::json::array();
    for (const RecordVersion& step : readableHistory(caller, store, version.id)) {
        const std::string action = textField(step, fields::kAction);
        if (action.empty())
            continue;
        nlohmann::json entry = {{"version", step.version}, {"action", action}, {"state", textField(step, fields::kState)},
            {"comment", textField(step, fields::kComment)}, {"author", step.author}, {"time", step.time},
            {"reason", step.reason}, {"files", filesJson(step)}};
        // A transition's label comes from the definition; the engine's own
        // actions (start, comment, assign, change_council, escalate) have none.
        if (const workflow::Transition* transition = definition ? definition->findTransition(action) : nullptr)
            entry["action_label"] = labelJson(transition->label);
        history.push_back(std::move(entry));
    }
    json["history"] = history;
    return json;
}

std::vector<workflow::WorkItem> openItemsOf(const std::string& council, WorkflowService& workflow)
{
    const CalendarDate today = workflow.today();
    std::vector<workflow::WorkItem> items = workflow.engine().index().openItems();
    std::erase_if(items, [&](const workflow::WorkItem& item) { return item.council != council; });
    std::stable_sort(items.begin(), items.end(), [&](const auto& a, const auto& b) {
        const bool aLate = a.due && *a.due < today;
        const bool bLate = b.due && *b.due < today;
        if (aLate != bLate)
            return aLate;
        if (a.due.has_value() != b.due.has_value())
            return a.due.has_value();
        return a.due && b.due && *a.due < *b.due;
    });
    return items;
}

std::vector<workflow::WorkItem> escalatedItems(records::RecordStore& store, WorkflowService& workflow)
{
    std::vector<workflow::WorkItem> items = workflow.engine().index().openItems();
    std::erase_if(items, [&](const workflow::WorkItem& item) {
        return textField(store.current(item.id), fields::kEscalatedFrom).empty();
    });
    return items;
}

namespace {

void sendStep(Exchange& exchange, const RecordVersion& version, records::RecordStore& store, WorkflowService& workflow)
{
    exchange.response.set("Location", "/api/v1/items/" + version.id);
    exchange.sendJson(201, workItemDetail(version, exchange.caller, store, workflow));
}

// Starts an item of `definitionId` from the request's metadata and files.
void startItem(Exchange& exchange, records::RecordStore& store, WorkflowService& workflow,
    const affairs::Affairs& councils, const std::string& definitionId, const MetadataInput& input)
{
    records::NewRecord record;
    const auto title = input.get("title");
    const auto council = input.get("council");
    if (!title || title->empty() || !council || council->empty())
        throw Error(ErrorCode::invalid_argument, "error.missing_field",
            "'title' and 'council' are required; council is the council the item concerns",
            {{"field", "title, council"}});
    record.title = *title;
    record.council = affairs::resolveCouncilCode(*councils.snapshot(), *council);
    record.access = records::parseAccessLevel(input.get("access").value_or("internal"));
    record.reference = input.get("reference").value_or("");
    if (const auto date = input.get("date"); date && !date->empty())
        record.date = CalendarDate::parse(*date);
    record.body = input.get("body").value_or("");
    record.files = input.files;
    const RecordVersion version = workflow.engine().start(definitionId, record, workflowCaller(exchange.caller),
        input.get("comment").value_or(""));
    sendStep(exchange, version, store, workflow);
}

void handleCorrespondence(Exchange& exchange, records::RecordStore& store, WorkflowService& workflow,
    const affairs::Affairs& councils, const ServerLimits& limits)
{
    requireSameOrigin(exchange);
    requireSignedIn(exchange);
    requireStaff(exchange.caller);
    const MetadataInput input = readInput(exchange, store, limits);
    const std::string direction = input.get("direction").value_or("");
    if (direction != "incoming" && direction != "outgoing")
        throw Error(ErrorCode::invalid_argument, "error.invalid_direction",
            "invalid direction '" + direction
                + "'; use incoming (a council to the secretariat) or outgoing (the secretariat to a council)",
            {{"value", direction}});
    startItem(exchange, store, workflow, councils, direction + "_correspondence", input);
}

void handleStart(Exchange& exchange, records::RecordStore& store, WorkflowService& workflow,
    const affairs::Affairs& councils, const ServerLimits& limits)
{
    requireSameOrigin(exchange);
    requireSignedIn(exchange);
    requireStaff(exchange.caller);
    const MetadataInput input = readInput(exchange, store, limits);
    const auto definition = input.get("definition");
    if (!definition || definition->empty())
        throw Error(ErrorCode::invalid_argument, "error.missing_field",
            "'definition' is required; GET /api/v1/workflows lists them", {{"field", "definition"}});
    startItem(exchange, store, workflow, councils, *definition, input);
}

void handleInbox(Exchange& exchange, records::RecordStore& store, WorkflowService& workflow)
{
    requireSignedIn(exchange);
    requireStaff(exchange.caller);
    const workflow::Caller caller = workflowCaller(exchange.caller);
    std::string council = exchange.query("council").value_or(exchange.caller.council);
    if (!exchange.caller.council.empty() && council != exchange.caller.council)
        throw Error(ErrorCode::forbidden, "error.council_scope",
            "your account works for " + exchange.caller.council + " only; leave out 'council' or give your own",
            {{"council", council}});

    const CalendarDate today = workflow.today();
    std::vector<workflow::WorkItem> ofCouncil;
    if (!council.empty())
        ofCouncil = openItemsOf(council, workflow);
    nlohmann::json body = {{"today", today.toIsoString()},
        {"waiting_on_me", workItemList(workflow.engine().waitingOn(caller), exchange.caller, store, workflow)},
        {"new_since_seen", workItemList(workflow.unseenInInbox(caller), exchange.caller, store, workflow)},
        {"council", council}, {"council_items", workItemList(ofCouncil, exchange.caller, store, workflow)}};
    workflow.markInboxSeen(caller);
    exchange.sendJson(200, body);
}

void handleNotifications(Exchange& exchange, records::RecordStore& store, WorkflowService& workflow)
{
    requireSignedIn(exchange);
    requireStaff(exchange.caller);
    const nlohmann::json items
        = workItemList(workflow.unseenInInbox(workflowCaller(exchange.caller)), exchange.caller, store, workflow);
    exchange.sendJson(200, {{"count", items.size()}, {"items", items}});
}

// One step on an item the caller may read: `step` stores it from the
// request's fields and files, and the item after it is sent back.
using StepFunction = std::function<RecordVersion(const std::string& id, const Exchange& exchange,
    const MetadataInput& input)>;

void handleStep(Exchange& exchange, records::RecordStore& store, WorkflowService& workflow,
    const ServerLimits& limits, const StepFunction& step)
{
    requireSameOrigin(exchange);
    requireSignedIn(exchange);
    readableItem(exchange, store);
    const MetadataInput input = readInput(exchange, store, limits);
    const RecordVersion version = step(exchange.param("id"), exchange, input);
    sendStep(exchange, version, store, workflow);
}

RecordVersion changeCouncil(workflow::Engine& engine, const affairs::Affairs& councils, const std::string& id,
    const Exchange& exchange, const MetadataInput& input)
{
    const auto council = input.get("council");
    if (!council || council->empty())
        throw Error(ErrorCode::invalid_argument, "error.missing_field",
            "'council' is required: the council to move the item to", {{"field", "council"}});
    return engine.changeCouncil(id, affairs::resolveCouncilCode(*councils.snapshot(), *council),
        workflowCaller(exchange.caller), input.get("comment").value_or(""));
}

void handleOverdue(Exchange& exchange, records::RecordStore& store, WorkflowService& workflow)
{
    requireReadAll(exchange);
    requireStaff(exchange.caller);
    const CalendarDate today = workflow.today();
    const std::vector<workflow::WorkItem> escalated = escalatedItems(store, workflow);
    exchange.sendJson(200, {{"today", today.toIsoString()},
        {"overdue", workItemList(workflow.engine().overdue(today), exchange.caller, store, workflow)},
        {"escalated", workItemList(escalated, exchange.caller, store, workflow)}});
}

nlohmann::json definitionJson(const workflow::Definition& definition)
{
    nlohmann::json states = nlohmann::json::array();
    for (const workflow::State& state : definition.states)
        states.push_back({{"id", state.id}, {"label", labelJson(state.label)},
            {"owner", std::string(workflow::toString(state.owner))}, {"final", state.final}});
    nlohmann::json transitions = nlohmann::json::array();
    for (const workflow::Transition& transition : definition.transitions) {
        nlohmann::json roles = nlohmann::json::array();
        for (accounts::Role role : transition.roles)
            roles.push_back(std::string(accounts::toString(role)));
        transitions.push_back({{"id", transition.id}, {"from", transition.from}, {"to", transition.to},
            {"label", labelJson(transition.label)}, {"roles", roles}});
    }
    return {{"id", definition.id}, {"version", definition.version},
        {"record_type", std::string(records::toString(definition.recordType))}, {"label", labelJson(definition.label)},
        {"initial_state", definition.initialState}, {"states", states}, {"transitions", transitions}};
}

void handleListWorkflows(Exchange& exchange, WorkflowService& workflow)
{
    requireSignedIn(exchange);
    requireStaff(exchange.caller);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& definition : workflow.registry().latestAll())
        list.push_back(definitionJson(*definition));
    exchange.sendJson(200, {{"workflows", list}});
}

void handleInstallWorkflow(Exchange& exchange, WorkflowService& workflow)
{
    requireSameOrigin(exchange);
    requireAdministrator(exchange);
    std::string xml;
    Poco::StreamCopier::copyToString(exchange.request.stream(), xml, 8192);
    if (xml.size() > workflow::kMaxDefinitionBytes)
        throw Error(ErrorCode::payload_too_large, "error.body_too_large",
            "a workflow definition is limited to " + std::to_string(workflow::kMaxDefinitionBytes) + " bytes");
    std::string name = exchange.query("name").value_or("upload.xml");
    if (name.empty() || name.size() > 100 || name.find_first_of("/\\\r\n") != std::string::npos)
        throw Error(ErrorCode::invalid_argument, "error.invalid_file_name",
            "invalid name '" + name + "'; give a plain file name of at most 100 bytes, such as complaint.xml",
            {{"value", name}});
    std::shared_ptr<const workflow::Definition> definition;
    try {
        definition = workflow.registry().install(xml, name);
    } catch (const Error& error) {
        // The registry logs installs; a rejected one is logged here, with who sent it.
        logger("workflow").warning("workflow definition %s from %s rejected: %s", name, exchange.caller.username,
            std::string(error.what()));
        throw;
    }
    exchange.response.set("Location", "/api/v1/workflows");
    exchange.sendJson(201, definitionJson(*definition));
}

} // namespace

nlohmann::json workItemSummary(const RecordVersion& version, WorkflowService& workflow)
{
    const auto definition = workflow.engine().definitionOf(version);
    const std::string stateId = textField(version, fields::kState);
    const workflow::State* state = definition->findState(stateId);
    nlohmann::json json = {{"id", version.id}, {"version", version.version}, {"title", version.title},
        {"type", std::string(records::toString(version.type))}, {"access", std::string(records::toString(version.access))},
        {"council", textField(version, fields::kCouncil)}, {"reference", version.reference},
        {"definition", definition->id}, {"definition_label", labelJson(definition->label)}, {"state", stateId},
        {"state_label", state ? labelJson(state->label) : nlohmann::json::object()},
        {"owner", textField(version, fields::kOwner)}, {"assignee", textField(version, fields::kAssignee)},
        {"url", "/api/v1/items/" + version.id}};
    const auto due = version.fields.find(fields::kDue);
    if (due != version.fields.end() && std::holds_alternative<CalendarDate>(due->second)) {
        const CalendarDate dueDay = std::get<CalendarDate>(due->second);
        json["due"] = dueDay.toIsoString();
        json["overdue"] = dueDay < workflow.today() && !(state && state->final);
    } else {
        json["due"] = nullptr;
        json["overdue"] = false;
    }
    const auto number = version.fields.find(fields::kRegisterNumber);
    if (number != version.fields.end() && std::holds_alternative<std::int64_t>(number->second))
        json["register_number"] = std::get<std::int64_t>(number->second);
    if (const std::string code = textField(version, fields::kTrackingCode); !code.empty())
        json["tracking_code"] = workflow::TrackingCode::display(code); // as the citizen was given it
    return json;
}

void addWorkflowRoutes(Router& router, records::RecordStore& store, WorkflowService& workflow,
    const affairs::Affairs& councils, const ServerLimits& limits)
{
    router.add("POST", "/api/v1/correspondence", [&store, &workflow, &councils, limits](Exchange& exchange) {
        handleCorrespondence(exchange, store, workflow, councils, limits);
    });
    router.add("POST", "/api/v1/items", [&store, &workflow, &councils, limits](Exchange& exchange) {
        handleStart(exchange, store, workflow, councils, limits);
    });
    router.add("GET", "/api/v1/items/{id}", [&store, &workflow](Exchange& exchange) {
        exchange.sendJson(200, workItemDetail(readableItem(exchange, store), exchange.caller, store, workflow));
    });
    workflow::Engine& engine = workflow.engine();
    const auto addStep = [&](const std::string& pattern, StepFunction step) {
        router.add("POST", pattern, [&store, &workflow, limits, step](Exchange& exchange) {
            handleStep(exchange, store, workflow, limits, step);
        });
    };
    addStep("/api/v1/items/{id}/transitions/{transition}",
        [&engine](const std::string& id, const Exchange& exchange, const MetadataInput& input) {
            return engine.apply(id, exchange.param("transition"), workflowCaller(exchange.caller),
                input.get("comment").value_or(""), input.files, expectedVersionOf(input));
        });
    addStep("/api/v1/items/{id}/comments",
        [&engine](const std::string& id, const Exchange& exchange, const MetadataInput& input) {
            return engine.comment(id, workflowCaller(exchange.caller), input.get("comment").value_or(""), input.files);
        });
    addStep("/api/v1/items/{id}/assignment",
        [&engine](const std::string& id, const Exchange& exchange, const MetadataInput& input) {
            return engine.assign(id, input.get("assignee").value_or(""), workflowCaller(exchange.caller),
                input.get("comment").value_or(""));
        });
    addStep("/api/v1/items/{id}/council",
        [&engine, &councils](const std::string& id, const Exchange& exchange, const MetadataInput& input) {
            return changeCouncil(engine, councils, id, exchange, input);
        });
    router.add("GET", "/api/v1/inbox", [&store, &workflow](Exchange& exchange) { handleInbox(exchange, store, workflow); });
    router.add("GET", "/api/v1/notifications", [&store, &workflow](Exchange& exchange) {
        handleNotifications(exchange, store, workflow);
    });
    router.add("GET", "/api/v1/overdue", [&store, &workflow](Exchange& exchange) {
        handleOverdue(exchange, store, workflow);
    });
    router.add("GET", "/api/v1/workflows", [&workflow](Exchange& exchange) { handleListWorkflows(exchange, workflow); });
    router.add("POST", "/api/v1/workflows", [&workflow](Exchange& exchange) { handleInstallWorkflow(exchange, workflow); });
}

} // namespace majlis::web
