#include "web/WorkflowPages.h"

#include "web/DateDisplay.h"
#include "web/RecordView.h"
#include "web/RequestInput.h"
#include "web/StaffSupport.h"
#include "web/VersionReason.h"
#include "web/WorkflowApi.h"
#include "workflow/StepReason.h"

namespace majlis::web {

namespace {

using records::RecordVersion;

struct PagesContext {
    StaffContext staff;
    WorkflowService& workflow;
};

// The label of the page's language from a {"ar", "en"} object.
std::string labelIn(const nlohmann::json& label, const Language& language)
{
    return label.is_object() ? label.value(language.code, label.value("en", std::string())) : std::string();
}

// The label of a history step in the page's language. Assignments, council
// changes and escalations show their reason (versionReasonText), which
// names the assignee, the councils or the overdue state. Other steps show
// the transition's label or the catalogue's name of the engine's action.
std::string actionText(const nlohmann::json& step, const PageRequest& page, const PagesContext& context,
    const workflow::Definition& definition)
{
    const Language& language = page.language;
    const Catalogue& catalogue = context.staff.renderer.catalogue();
    const std::string reason = step.value("reason", std::string());
    const auto stepReason = workflow::StepReason::parse(reason);
    if (stepReason && stepReason->kind != "started" && stepReason->kind != "transition" && stepReason->kind != "comment") {
        const std::string text = versionReasonText(language, catalogue, reason, &definition,
            [&](const std::string& code) { return staff::councilText(context.staff, page, code); });
        if (text != reason)
            return text;
    }
    if (step.contains("action_label"))
        return labelIn(step["action_label"], language);
    const std::string action = step.value("action", std::string());
    const std::string key = "item_action_" + action;
    return catalogue.has(language, key) ? catalogue.text(language, key) : action;
}

// Adds what templates show to one item summary: labels in the page's language and the page URL.
nlohmann::json itemView(nlohmann::json item, const PageRequest& page, const StaffContext& context)
{
    const Catalogue& catalogue = context.renderer.catalogue();
    item["state_text"] = labelIn(item["state_label"], page.language);
    item["definition_text"] = labelIn(item["definition_label"], page.language);
    item["owner_text"] = catalogue.text(page.language, "workflow_owner_" + item["owner"].get<std::string>());
    item["page_url"] = "/staff/items/" + encodeUrlComponent(item["id"].get<std::string>());
    item["has_due"] = !item["due"].is_null();
    if (item["has_due"].get<bool>())
        item["due_text"] = formatDayText(page.language, item["due"].get<std::string>());
    staff::nameCouncil(item, context, page);
    // Mustache treats an empty string as present, so empty optional text becomes null.
    for (const char* name : {"assignee", "answer", "body", "reference"})
        if (item.contains(name) && item[name] == "")
            item[name] = nullptr;
    return item;
}

nlohmann::json listView(const nlohmann::json& items, const PageRequest& page, const StaffContext& context)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& item : items)
        list.push_back(itemView(item, page, context));
    return list;
}

void showInbox(PageRequest& page, PagesContext& context)
{
    const auto session = staff::sessionOrRedirect(context.staff, page);
    if (!session)
        return;
    const Caller& caller = page.exchange.caller;
    const Catalogue& catalogue = context.staff.renderer.catalogue();
    WorkflowService& workflow = context.workflow;
    const workflow::Caller actor = workflowCaller(caller);
    const nlohmann::json waiting = workItemList(workflow.engine().waitingOn(actor), caller, context.staff.store, workflow);
    const nlohmann::json fresh = workItemList(workflow.unseenInInbox(actor), caller, context.staff.store, workflow);
    const nlohmann::json ofCouncil = caller.council.empty()
        ? nlohmann::json::array()
        : workItemList(openItemsOf(caller.council, workflow), caller, context.staff.store, workflow);
    workflow.markInboxSeen(actor);
    const nlohmann::json data = {
        {"title", catalogue.text(page.language, "inbox_heading")},
        {"waiting", listView(waiting, page, context.staff)},
        {"has_waiting", !waiting.empty()},
        {"fresh", listView(fresh, page, context.staff)},
        {"has_fresh", !fresh.empty()},
        {"council_items", listView(ofCouncil, page, context.staff)},
        {"has_council", !caller.council.empty()},
        {"council", staff::councilText(context.staff, page, caller.council)},
        {"secretariat", accounts::readScope(caller.principal()).everything},
    };
    context.staff.renderer.send(page, 200, "staff_inbox", data, staff::bannerOf(*session));
}

void showItem(PageRequest& page, PagesContext& context)
{
    const auto session = staff::sessionOrRedirect(context.staff, page);
    if (!session)
        return;
    const RecordVersion version = staff::staffRecord(page.exchange, context.staff.store, page.exchange.param("id"));
    nlohmann::json item = itemView(workItemDetail(version, page.exchange.caller, context.staff.store, context.workflow),
        page, context.staff);
    for (auto& transition : item["transitions"]) {
        transition["text"] = labelIn(transition["label"], page.language);
        transition["required"] = transition["comment"] == "required";
        transition["takes_comment"] = transition["comment"] != "none";
    }
    item["has_files"] = !item["files"].empty();
    const auto definition = context.workflow.engine().definitionOf(version);
    for (auto& step : item["history"]) {
        step["action_text"] = actionText(step, page, context, *definition);
        step["author"] = versionAuthorText(page.language, context.staff.renderer.catalogue(), step.value("author", std::string()));
        step["time_text"] = formatTimestamp(page.language, step.value("time", std::string()));
        step["has_files"] = !step["files"].empty();
        if (step["comment"] == "")
            step["comment"] = nullptr;
    }
    item["has_transitions"] = !item["transitions"].empty();
    item["csrf"] = session->csrfToken;
    item["title_page"] = item["title"];
    context.staff.renderer.send(page, 200, "staff_item", item, staff::bannerOf(*session));
}

// Reads a form of an item page (multipart, with files) and checks its CSRF token.
MetadataInput readItemForm(PageRequest& page, PagesContext& context, const accounts::Session& session)
{
    ServerLimits limits;
    limits.maxBodyBytes = context.staff.maxUploadBytes;
    const MetadataInput input = readInput(page.exchange, context.staff.store, limits);
    staff::requireCsrfToken(session, input.get("csrf").value_or(""));
    return input;
}

using PageStep = std::function<void(const std::string& id, const workflow::Caller& caller, const MetadataInput& input,
    const PageRequest& page)>;

void submitStep(PageRequest& page, PagesContext& context, const PageStep& step)
{
    const auto session = staff::sessionOrRedirect(context.staff, page);
    if (!session)
        return;
    const std::string& id = page.exchange.param("id");
    staff::staffRecord(page.exchange, context.staff.store, id);
    const MetadataInput input = readItemForm(page, context, *session);
    step(id, workflowCaller(page.exchange.caller), input, page);
    context.staff.onWrite();
    context.staff.renderer.redirect(page, "/staff/items/" + encodeUrlComponent(id));
}

std::optional<std::uint32_t> expectedVersion(const MetadataInput& input)
{
    const auto text = input.get("expected_version");
    if (!text || text->empty() || text->size() > 9 || text->find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return static_cast<std::uint32_t>(std::stoul(*text));
}

void showNewCorrespondence(PageRequest& page, PagesContext& context)
{
    const auto session = staff::sessionOrRedirect(context.staff, page);
    if (!session)
        return;
    const Catalogue& catalogue = context.staff.renderer.catalogue();
    const Caller& caller = page.exchange.caller;
    nlohmann::json data = {
        {"title", catalogue.text(page.language, "correspondence_heading")},
        {"csrf", session->csrfToken},
        {"council", caller.council},
        {"council_name", staff::councilText(context.staff, page, caller.council)},
        {"council_fixed", !caller.council.empty()},
        {"may_send", caller.role == accounts::Role::secretariat || caller.role == accounts::Role::administrator},
    };
    data.update(staff::councilSelect(page, context.staff, caller.council, true));
    context.staff.renderer.send(page, 200, "staff_correspondence", data, staff::bannerOf(*session));
}

void submitNewCorrespondence(PageRequest& page, PagesContext& context)
{
    const auto session = staff::sessionOrRedirect(context.staff, page);
    if (!session)
        return;
    const MetadataInput input = readItemForm(page, context, *session);
    const std::string direction = input.get("direction").value_or("");
    if (direction != "incoming" && direction != "outgoing")
        throw Error(ErrorCode::invalid_argument, "error.invalid_direction",
            "invalid direction '" + direction + "'; choose incoming or outgoing", {{"value", direction}});
    records::NewRecord record;
    record.title = input.get("title").value_or("");
    record.council = input.get("council").value_or(page.exchange.caller.council);
    if (record.title.empty() || record.council.empty())
        throw Error(ErrorCode::invalid_argument, "error.missing_field", "the title and the council are required",
            {{"field", "title, council"}});
    record.council = staff::knownCouncil(context.staff, record.council, page.exchange.caller.council);
    record.access = records::AccessLevel::internal;
    record.reference = input.get("reference").value_or("");
    record.body = input.get("body").value_or("");
    record.files = input.files;
    const RecordVersion version = context.workflow.engine().start(direction + "_correspondence", record,
        workflowCaller(page.exchange.caller), input.get("comment").value_or(""));
    context.staff.onWrite();
    context.staff.renderer.redirect(page, "/staff/items/" + encodeUrlComponent(version.id));
}

void showOverdue(PageRequest& page, PagesContext& context)
{
    const auto session = staff::sessionOrRedirect(context.staff, page);
    if (!session)
        return;
    requireReadAll(page.exchange);
    const Catalogue& catalogue = context.staff.renderer.catalogue();
    const Caller& caller = page.exchange.caller;
    WorkflowService& workflow = context.workflow;
    const nlohmann::json overdue = workItemList(workflow.engine().overdue(workflow.today()), caller, context.staff.store, workflow);
    const nlohmann::json escalated = workItemList(escalatedItems(context.staff.store, workflow), caller, context.staff.store, workflow);
    const nlohmann::json data = {
        {"title", catalogue.text(page.language, "overdue_heading")},
        {"overdue", listView(overdue, page, context.staff)},
        {"has_overdue", !overdue.empty()},
        {"escalated", listView(escalated, page, context.staff)},
        {"has_escalated", !escalated.empty()},
    };
    context.staff.renderer.send(page, 200, "staff_overdue", data, staff::bannerOf(*session));
}

} // namespace

nlohmann::json newInboxItems(const PageRequest& page, const StaffContext& context, WorkflowService& workflow)
{
    const Caller& caller = page.exchange.caller;
    const nlohmann::json items
        = workItemList(workflow.unseenInInbox(workflowCaller(caller)), caller, context.store, workflow);
    return listView(items, page, context);
}

void addWorkflowPages(Router& router, const StaffContext& staffContext, WorkflowService& workflow)
{
    auto context = std::make_shared<PagesContext>(PagesContext{staffContext, workflow});
    const PageRenderer& renderer = staffContext.renderer;
    router.add("GET", "/staff/inbox", renderer.page([context](PageRequest& page) { showInbox(page, *context); }));
    router.add("GET", "/staff/items/{id}", renderer.page([context](PageRequest& page) { showItem(page, *context); }));
    router.add("GET", "/staff/correspondence/new",
        renderer.page([context](PageRequest& page) { showNewCorrespondence(page, *context); }));
    router.add("POST", "/staff/correspondence/new",
        renderer.page([context](PageRequest& page) { submitNewCorrespondence(page, *context); }));
    router.add("GET", "/staff/overdue", renderer.page([context](PageRequest& page) { showOverdue(page, *context); }));

    workflow::Engine& engine = workflow.engine();
    const auto addStep = [&](const std::string& pattern, PageStep step) {
        router.add("POST", pattern, renderer.page([context, step](PageRequest& page) { submitStep(page, *context, step); }));
    };
    addStep("/staff/items/{id}/transitions/{transition}",
        [&engine](const std::string& id, const workflow::Caller& caller, const MetadataInput& input, const PageRequest& page) {
            engine.apply(id, page.exchange.param("transition"), caller, input.get("comment").value_or(""), input.files,
                expectedVersion(input));
        });
    addStep("/staff/items/{id}/comments",
        [&engine](const std::string& id, const workflow::Caller& caller, const MetadataInput& input, const PageRequest&) {
            engine.comment(id, caller, input.get("comment").value_or(""), input.files);
        });
    addStep("/staff/items/{id}/assignment",
        [&engine](const std::string& id, const workflow::Caller& caller, const MetadataInput& input, const PageRequest&) {
            engine.assign(id, input.get("assignee").value_or(""), caller, input.get("comment").value_or(""));
        });
}

} // namespace majlis::web
