#include "workflow/Engine.h"

#include "core/Error.h"
#include "core/Log.h"
#include "core/Utf8.h"
#include "workflow/Fields.h"
#include "workflow/StepReason.h"
#include "workflow/TrackingCode.h"

#include <algorithm>

namespace majlis::workflow {

namespace {

using records::FieldValue;
using records::RecordChange;
using records::RecordVersion;

// Attempts at a fresh tracking code when a generated one is taken already.
constexpr int kTrackingCodeAttempts = 5;

// A generated tracking code already belongs to another submission.
struct TrackingCodeTaken {};

std::string textField(const RecordVersion& version, const char* name)
{
    const auto found = version.fields.find(name);
    if (found == version.fields.end())
        return {};
    const auto* text = std::get_if<std::string>(&found->second);
    return text ? *text : std::string();
}

Error forbidden(const std::string& id, const std::string& action)
{
    return Error(ErrorCode::forbidden, "error.workflow_forbidden",
        "you may not " + action + " on item " + id + " with your role or council", {{"id", id}});
}

// The author of a version: the staff user, or "citizen" for any citizen.
std::string authorOf(const Caller& caller)
{
    if (caller.role == Role::citizen)
        return "citizen";
    if (caller.user.empty())
        throw Error(ErrorCode::unauthorized, "error.sign_in_required", "staff steps need a signed-in user");
    return caller.user;
}

// Staff who take part in routing; archivists keep records but route nothing.
bool isRoutingStaff(Role role)
{
    return role != Role::citizen && role != Role::archivist;
}

bool isSecretariatSide(Role role)
{
    return role == Role::administrator || role == Role::secretariat;
}

bool isCouncilSide(Role role)
{
    return role == Role::council_secretary || role == Role::council_member;
}

std::string replaceAll(std::string text, std::string_view placeholder, const std::string& value)
{
    for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
        text.replace(at, placeholder.size(), value);
    return text;
}

// The language-neutral reason of a step of `definition`, which pages show
// in their own language.
StepReason stepReason(const std::string& kind, const Definition& definition,
    std::vector<std::pair<std::string, std::string>> values = {})
{
    values.insert(values.begin(), {"definition", definition.id});
    return StepReason{kind, std::move(values)};
}

// Overdue first, then by due date, then items without a deadline, by id.
void sortByUrgency(std::vector<WorkItem>& items)
{
    std::sort(items.begin(), items.end(), [](const WorkItem& a, const WorkItem& b) {
        if (a.due.has_value() != b.due.has_value())
            return a.due.has_value();
        if (a.due && *a.due != *b.due)
            return *a.due < *b.due;
        return a.id < b.id;
    });
}

} // namespace

Engine::Engine(records::RecordStore& store, const DefinitionRegistry& registry, EngineOptions options)
    : store_(store)
    , registry_(registry)
    , options_(std::move(options))
    , index_(store.environment())
{
}

bool Engine::inScope(const RecordVersion& item, const Caller& caller)
{
    if (caller.role == Role::citizen) {
        const std::string submitter = textField(item, fields::kSubmitter);
        const std::string code = textField(item, fields::kTrackingCode);
        return (!caller.user.empty() && caller.user == submitter)
            || (!caller.trackingCode.empty() && caller.trackingCode == code);
    }
    return caller.council.empty() || caller.council == textField(item, fields::kCouncil);
}

std::shared_ptr<const Definition> Engine::definitionOf(const RecordVersion& item) const
{
    const std::string id = textField(item, fields::kDefinition);
    const auto version = item.fields.find(fields::kVersion);
    if (id.empty() || version == item.fields.end() || !std::holds_alternative<std::int64_t>(version->second))
        throw Error(ErrorCode::invalid_argument, "error.not_a_workflow_item",
            "record " + item.id + " is not part of a workflow; start one for it first", {{"id", item.id}});
    return registry_.find(id, static_cast<std::uint32_t>(std::get<std::int64_t>(version->second)));
}

std::optional<CalendarDate> Engine::dueDate(const State& state, const CalendarDate& entered) const
{
    if (!state.deadlineDays)
        return std::nullopt;
    return options_.calendar.addWorkingDays(entered, *state.deadlineDays);
}

// Sets the fields of entering `state` today. The assignee is cleared when
// the item passes to another owner, whose own people assign it again.
void Engine::enterState(RecordChange& change, const State& state, const RecordVersion& current) const
{
    const CalendarDate today = options_.today();
    change.setFields[fields::kState] = state.id;
    change.setFields[fields::kOwner] = std::string(toString(state.owner));
    change.setFields[fields::kStateSince] = today;
    if (const auto due = dueDate(state, today))
        change.setFields[fields::kDue] = *due;
    else
        change.removeFields.push_back(fields::kDue);
    if (textField(current, fields::kOwner) != toString(state.owner))
        change.removeFields.push_back(fields::kAssignee);
}

void Engine::checkNote(const std::string& text, const std::vector<records::FileRef>& attachments) const
{
    requireCleanText("comment", text, true);
    if (text.size() > options_.maxCommentBytes)
        throw Error(ErrorCode::invalid_argument, "error.comment_too_long",
            "the comment is longer than " + std::to_string(options_.maxCommentBytes) + " bytes; shorten it",
            {{"limit", std::to_string(options_.maxCommentBytes)}});
    if (attachments.size() > options_.maxAttachments)
        throw Error(ErrorCode::invalid_argument, "error.too_many_attachments",
            "more than " + std::to_string(options_.maxAttachments) + " files attached to one step; attach fewer",
            {{"limit", std::to_string(options_.maxAttachments)}});
}

// Appends the version and keeps the open-items index in the same transaction.
RecordVersion Engine::store(const std::string& id, RecordChange change, const Caller& caller, const Definition& definition)
{
    const RecordVersion stored = store_.update(id, change, authorOf(caller),
        [&](records::LmdbTransaction& txn, const RecordVersion& version) {
            index_.update(txn, version, !definition.state(textField(version, fields::kState)).final);
        });
    notify(stored);
    return stored;
}

void Engine::notify(const RecordVersion& version) const
{
    if (options_.afterStep)
        options_.afterStep(version);
}

RecordVersion Engine::start(const std::string& definitionId, records::NewRecord record, const Caller& caller,
    const std::string& comment, const records::WriteHook& alsoWrite)
{
    const auto definition = registry_.latest(definitionId);
    if (!definition->mayStart(caller.role))
        throw Error(ErrorCode::forbidden, "error.workflow_forbidden",
            "the role " + std::string(toString(caller.role)) + " may not start a " + definitionId, {{"id", definitionId}});
    if (trimWhitespace(record.council).empty())
        throw Error(ErrorCode::invalid_argument, "error.council_required",
            "a " + definitionId + " needs the council it concerns; choose one", {{"workflow", definitionId}});
    if (caller.role != Role::citizen && !caller.council.empty() && caller.council != record.council)
        throw Error(ErrorCode::forbidden, "error.workflow_forbidden",
            "you may start items only for your own council", {{"id", definitionId}});
    if (record.access == records::AccessLevel::public_access)
        throw Error(ErrorCode::invalid_argument, "error.workflow_item_public",
            "a workflow item starts internal or confidential; publish its answer, not the item");
    for (const auto& [name, value] : record.fields)
        if (fields::isEngineField(name) || (definition->numbering && name == definition->numbering->field))
            throw Error(ErrorCode::invalid_argument, "error.reserved_field",
                "the field '" + name + "' is set by the workflow; leave it out", {{"field", name}});
    checkNote(comment, record.files);

    const CalendarDate today = options_.today();
    const State& initial = definition->state(definition->initialState);
    record.type = definition->recordType;
    record.fields[fields::kDefinition] = definition->id;
    record.fields[fields::kVersion] = static_cast<std::int64_t>(definition->version);
    record.fields[fields::kState] = initial.id;
    record.fields[fields::kOwner] = std::string(toString(initial.owner));
    record.fields[fields::kCouncil] = record.council;
    record.fields[fields::kStateSince] = today;
    record.fields[fields::kSubmittedOn] = today;
    record.fields[fields::kAction] = std::string("start");
    if (const auto due = dueDate(initial, today))
        record.fields[fields::kDue] = *due;
    if (!trimWhitespace(comment).empty())
        record.fields[fields::kComment] = comment;
    if (caller.role == Role::citizen && !caller.user.empty())
        record.fields[fields::kSubmitter] = caller.user;
    if (definition->numbering) {
        const std::string year = std::to_string(today.toHijri().year);
        record.numbering = records::Numbering{replaceAll(definition->numbering->sequence, "{hijri_year}", year),
            definition->numbering->field, replaceAll(definition->numbering->reference, "{hijri_year}", year)};
    }

    const std::string author = authorOf(caller);
    for (int attempt = 1;; ++attempt) {
        std::string code;
        if (definition->tracking) {
            code = TrackingCode::generate();
            record.fields[fields::kTrackingCode] = code;
        }
        try {
            const RecordVersion created = store_.create(record, author, stepReason("started", *definition).format(),
                [&](records::LmdbTransaction& txn, const RecordVersion& version) {
                    if (!code.empty() && !index_.addTrackingCode(txn, code, version.id))
                        throw TrackingCodeTaken{};
                    index_.update(txn, version, true);
                    if (alsoWrite)
                        alsoWrite(txn, version);
                });
            logger("workflow").information("started %s version %u as %s in state %s", definition->id,
                definition->version, created.id, initial.id);
            notify(created);
            return created;
        } catch (const TrackingCodeTaken&) {
            if (attempt == kTrackingCodeAttempts)
                throw Error(ErrorCode::internal, "error.internal",
                    "no free tracking code after " + std::to_string(kTrackingCodeAttempts) + " attempts");
            logger("workflow").warning("a generated tracking code was taken; generating another");
        }
    }
}

std::vector<Transition> Engine::transitions(const RecordVersion& current, const Caller& caller) const
{
    std::vector<Transition> allowed;
    const auto definition = definitionOf(current);
    const std::string state = textField(current, fields::kState);
    if (!inScope(current, caller))
        return allowed;
    for (const Transition& transition : definition->transitions)
        if (transition.from == state && transition.allows(caller.role))
            allowed.push_back(transition);
    return allowed;
}

RecordVersion Engine::apply(const std::string& id, const std::string& transitionId, const Caller& caller,
    const std::string& comment, const std::vector<records::FileRef>& attachments,
    std::optional<std::uint32_t> expectedVersion)
{
    const RecordVersion current = store_.current(id);
    const auto definition = definitionOf(current);
    const Transition* transition = definition->findTransition(transitionId);
    if (!transition)
        throw Error(ErrorCode::invalid_argument, "error.unknown_transition",
            "workflow '" + definition->id + "' has no transition '" + transitionId + "'",
            {{"id", id}, {"transition", transitionId}});
    if (!transition->allows(caller.role) || !inScope(current, caller))
        throw forbidden(id, "take '" + transitionId + "'");

    const std::string state = textField(current, fields::kState);
    if (transition->from != state)
        throw Error(ErrorCode::conflict, "error.transition_not_available",
            "item " + id + " is in state '" + state + "', and '" + transitionId + "' starts from '" + transition->from
                + "'; reload the item",
            {{"id", id}, {"transition", transitionId}, {"state", state}});
    const bool hasComment = !trimWhitespace(comment).empty();
    if (transition->comment == CommentRule::required && !hasComment)
        throw Error(ErrorCode::invalid_argument, "error.comment_required",
            "'" + transitionId + "' needs a comment; write one", {{"id", id}, {"transition", transitionId}});
    if (transition->comment == CommentRule::none && hasComment)
        throw Error(ErrorCode::invalid_argument, "error.comment_not_allowed",
            "'" + transitionId + "' takes no comment; remove it", {{"id", id}, {"transition", transitionId}});
    if (!transition->attachments && !attachments.empty())
        throw Error(ErrorCode::invalid_argument, "error.attachments_not_allowed",
            "'" + transitionId + "' takes no files; remove them", {{"id", id}, {"transition", transitionId}});
    checkNote(comment, attachments);

    RecordChange change;
    change.expectedVersion = expectedVersion.value_or(current.version);
    change.reason = stepReason("transition", *definition,
        {{"transition", transitionId}, {"from", transition->from}, {"to", transition->to}}).format();
    change.addFiles = attachments;
    enterState(change, definition->state(transition->to), current);
    change.setFields[fields::kAction] = transitionId;
    if (hasComment)
        change.setFields[fields::kComment] = comment;
    else
        change.removeFields.push_back(fields::kComment);
    if (transition->answer) {
        change.setFields[fields::kAnswer] = comment;
        change.setFields[fields::kAnsweredOn] = options_.today();
    }
    const RecordVersion stored = store(id, std::move(change), caller, *definition);
    logger("workflow").information("%s took %s on %s: %s -> %s", authorOf(caller), transitionId, id,
        transition->from, transition->to);
    return stored;
}

RecordVersion Engine::comment(const std::string& id, const Caller& caller, const std::string& text,
    const std::vector<records::FileRef>& attachments)
{
    const RecordVersion current = store_.current(id);
    const auto definition = definitionOf(current);
    if (!isRoutingStaff(caller.role) || !inScope(current, caller))
        throw forbidden(id, "comment");
    if (definition->state(textField(current, fields::kState)).final)
        throw Error(ErrorCode::conflict, "error.workflow_item_closed",
            "item " + id + " is closed; comments are taken on open items only", {{"id", id}});
    if (trimWhitespace(text).empty())
        throw Error(ErrorCode::invalid_argument, "error.comment_required", "the comment is empty; write one", {{"id", id}});
    checkNote(text, attachments);

    RecordChange change;
    change.expectedVersion = current.version;
    change.reason = stepReason("comment", *definition).format();
    change.addFiles = attachments;
    change.setFields[fields::kAction] = std::string("comment");
    change.setFields[fields::kComment] = text;
    return store(id, std::move(change), caller, *definition);
}

RecordVersion Engine::assign(const std::string& id, const std::string& assignee, const Caller& caller,
    const std::string& comment)
{
    const RecordVersion current = store_.current(id);
    const auto definition = definitionOf(current);
    const std::string owner = textField(current, fields::kOwner);
    const bool allowed = isSecretariatSide(caller.role)
        || (caller.role == Role::council_secretary && owner == toString(Owner::council));
    if (!allowed || !inScope(current, caller))
        throw forbidden(id, "assign");
    if (definition->state(textField(current, fields::kState)).final)
        throw Error(ErrorCode::conflict, "error.workflow_item_closed",
            "item " + id + " is closed; only open items are assigned", {{"id", id}});
    requireCleanText("assignee", assignee);
    if (assignee.size() > 200)
        throw Error(ErrorCode::invalid_argument, "error.too_long", "the assignee is longer than 200 bytes",
            {{"field", "assignee"}});
    checkNote(comment, {});

    RecordChange change;
    change.expectedVersion = current.version;
    change.reason = assignee.empty() ? stepReason("unassigned", *definition).format()
                                     : stepReason("assigned", *definition, {{"assignee", assignee}}).format();
    change.setFields[fields::kAction] = std::string("assign");
    if (assignee.empty())
        change.removeFields.push_back(fields::kAssignee);
    else
        change.setFields[fields::kAssignee] = assignee;
    if (!trimWhitespace(comment).empty())
        change.setFields[fields::kComment] = comment;
    else
        change.removeFields.push_back(fields::kComment);
    return store(id, std::move(change), caller, *definition);
}

RecordVersion Engine::changeCouncil(const std::string& id, const std::string& council, const Caller& caller,
    const std::string& comment)
{
    const RecordVersion current = store_.current(id);
    const auto definition = definitionOf(current);
    if (!isSecretariatSide(caller.role) || !caller.council.empty())
        throw forbidden(id, "change the council");
    if (textField(current, fields::kOwner) != toString(Owner::secretariat)
        || definition->state(textField(current, fields::kState)).final)
        throw Error(ErrorCode::conflict, "error.council_change_not_available",
            "item " + id + " can move to another council only while the secretariat holds it open", {{"id", id}});
    requireCleanText("council", council);
    if (trimWhitespace(council).empty() || council.size() > 200)
        throw Error(ErrorCode::invalid_argument, "error.council_required",
            "give the council the item concerns (at most 200 bytes)", {{"id", id}});
    checkNote(comment, {});

    RecordChange change;
    change.expectedVersion = current.version;
    change.reason = stepReason("council_changed", *definition, {{"from", current.council}, {"to", council}}).format();
    change.council = council;
    change.setFields[fields::kCouncil] = council;
    change.setFields[fields::kAction] = std::string("change_council");
    if (!trimWhitespace(comment).empty())
        change.setFields[fields::kComment] = comment;
    else
        change.removeFields.push_back(fields::kComment);
    return store(id, std::move(change), caller, *definition);
}

std::vector<WorkItem> Engine::overdue(const CalendarDate& today) const
{
    std::vector<WorkItem> items = index_.openItems();
    std::erase_if(items, [&](const WorkItem& item) { return !item.due || *item.due >= today; });
    sortByUrgency(items);
    return items;
}

std::vector<WorkItem> Engine::waitingOn(const Caller& caller) const
{
    std::vector<WorkItem> items = index_.openItems();
    std::erase_if(items, [&](const WorkItem& item) {
        if (!caller.user.empty() && item.assignee == caller.user)
            return false;
        if (!caller.council.empty() && caller.council != item.council)
            return true;
        if (item.owner == toString(Owner::secretariat))
            return !isSecretariatSide(caller.role);
        if (item.owner == toString(Owner::council))
            return !isCouncilSide(caller.role) || caller.council.empty();
        return true; // items waiting on a citizen are followed by the citizen, not an inbox
    });
    sortByUrgency(items);
    return items;
}

std::optional<RecordVersion> Engine::escalate(const WorkItem& item, const CalendarDate& today)
{
    const RecordVersion current = store_.current(item.id);
    const auto definition = definitionOf(current);
    const State& state = definition->state(textField(current, fields::kState));
    const auto due = current.fields.find(fields::kDue);
    if (state.escalateTo.empty() || due == current.fields.end() || std::get<CalendarDate>(due->second) >= today)
        return std::nullopt;

    RecordChange change;
    change.expectedVersion = current.version;
    change.reason = stepReason("escalated", *definition,
        {{"state", state.id}, {"due", std::get<CalendarDate>(due->second).toIsoString()}}).format();
    enterState(change, definition->state(state.escalateTo), current);
    change.setFields[fields::kAction] = std::string("escalate");
    change.setFields[fields::kEscalatedFrom] = state.id;
    change.removeFields.push_back(fields::kComment);
    change.removeFields.push_back(fields::kAssignee);
    try {
        return store(item.id, std::move(change), Caller{"workflow", Role::secretariat, {}, {}}, *definition);
    } catch (const Error& error) {
        if (error.code() != ErrorCode::conflict)
            throw;
        logger("workflow").information("item %s changed while escalating; it is checked again next time", item.id);
        return std::nullopt;
    }
}

std::vector<RecordVersion> Engine::escalateOverdue()
{
    const CalendarDate today = options_.today();
    std::vector<RecordVersion> escalated;
    for (const WorkItem& item : overdue(today)) {
        if (auto version = escalate(item, today)) {
            logger("workflow").information("escalated %s from %s to %s", item.id, item.state,
                textField(*version, fields::kState));
            escalated.push_back(std::move(*version));
        }
    }
    return escalated;
}

std::optional<std::string> Engine::findByTrackingCode(std::string_view typed) const
{
    const auto code = TrackingCode::normalize(typed);
    if (!code)
        throw Error(ErrorCode::invalid_argument, "error.tracking_code_malformed",
            "the tracking code is not valid: check each character (12 letters and digits, such as K7QM-WX4R-D92C)");
    return index_.recordOfTrackingCode(*code);
}

} // namespace majlis::workflow
