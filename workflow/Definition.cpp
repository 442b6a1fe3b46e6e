#include "workflow/Definition.h"

#include "core/Error.h"
#include "schemas/XmlDocument.h"
#include "schemas/XmlSchema.h"

#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <deque>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace majlis::workflow {

namespace {

constexpr std::array<std::pair<Owner, std::string_view>, 3> kOwnerNames = {{
    {Owner::secretariat, "secretariat"},
    {Owner::council, "council"},
    {Owner::citizen, "citizen"},
}};

template <typename Table, typename Value>
std::string_view nameIn(const Table& table, Value value)
{
    for (const auto& [candidate, name] : table)
        if (candidate == value)
            return name;
    return {};
}

template <typename Table>
std::string joinNames(const Table& table)
{
    std::string joined;
    for (const auto& [value, name] : table)
        joined += (joined.empty() ? "" : ", ") + std::string(name);
    return joined;
}

// The value named `text` in `table`; throws invalid_argument listing the names.
template <typename Table>
auto parseName(const Table& table, std::string_view text, const char* messageId, const std::string& kind)
{
    for (const auto& [value, name] : table)
        if (name == text)
            return value;
    throw Error(ErrorCode::invalid_argument, messageId,
        "unknown " + kind + " '" + std::string(text) + "'; use one of: " + joinNames(table), {{"value", std::string(text)}});
}

// A rejected definition. The message reads "FILE:LINE: reason" in English for
// logs and scripts. `messageId` names the catalogue's sentence for pages and
// API clients, which takes `file` and `line` besides `params`.
Error invalidDefinition(const std::string& source, int line, const char* messageId, const std::string& reason,
    Error::Params params = {})
{
    params["file"] = source;
    params["line"] = std::to_string(line);
    return Error(ErrorCode::invalid_argument, messageId, source + ":" + std::to_string(line) + ": " + reason,
        std::move(params));
}

int lineOf(const xmlNode* node)
{
    return static_cast<int>(xmlGetLineNo(node));
}

bool isElement(const xmlNode* node, std::string_view name)
{
    return node->type == XML_ELEMENT_NODE && name == reinterpret_cast<const char*>(node->name);
}

const xmlNode* child(const xmlNode* parent, std::string_view name)
{
    for (const xmlNode* node = parent->children; node; node = node->next)
        if (isElement(node, name))
            return node;
    return nullptr;
}

std::vector<const xmlNode*> children(const xmlNode* parent, std::string_view name)
{
    std::vector<const xmlNode*> found;
    for (const xmlNode* node = parent ? parent->children : nullptr; node; node = node->next)
        if (isElement(node, name))
            found.push_back(node);
    return found;
}

std::optional<std::string> attribute(const xmlNode* node, const char* name)
{
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value)
        return std::nullopt;
    std::string text(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return text;
}

std::string attributeOr(const xmlNode* node, const char* name, std::string fallback = {})
{
    return attribute(node, name).value_or(std::move(fallback));
}

bool booleanAttribute(const xmlNode* node, const char* name)
{
    const std::string value = attributeOr(node, name, "false");
    return value == "true" || value == "1";
}

std::vector<Role> rolesOf(const xmlNode* node)
{
    std::vector<Role> roles;
    std::istringstream words(attributeOr(node, "roles"));
    for (std::string word; words >> word;)
        roles.push_back(accounts::parseRole(word));
    return roles;
}

Label labelOf(const xmlNode* node)
{
    const xmlNode* label = child(node, "label");
    return label ? Label{attributeOr(label, "ar"), attributeOr(label, "en")} : Label{};
}

State stateOf(const xmlNode* node)
{
    State state;
    state.id = attributeOr(node, "id");
    state.label = labelOf(node);
    state.owner = parseOwner(attributeOr(node, "owner"));
    state.final = booleanAttribute(node, "final");
    if (const auto deadline = attribute(node, "deadline"))
        state.deadlineDays = std::stoi(*deadline);
    state.escalateTo = attributeOr(node, "escalate");
    state.line = lineOf(node);
    return state;
}

CommentRule commentRuleOf(const std::string& text)
{
    if (text == "none")
        return CommentRule::none;
    if (text == "required")
        return CommentRule::required;
    return CommentRule::optional;
}

Transition transitionOf(const xmlNode* node)
{
    Transition transition;
    transition.id = attributeOr(node, "id");
    transition.from = attributeOr(node, "from");
    transition.to = attributeOr(node, "to");
    transition.roles = rolesOf(node);
    transition.label = labelOf(node);
    transition.comment = commentRuleOf(attributeOr(node, "comment", "optional"));
    transition.answer = booleanAttribute(node, "answer");
    transition.attachments = attributeOr(node, "attachments", "true") != "false";
    transition.line = lineOf(node);
    return transition;
}

// Reads the tree the XSD has already accepted, so only references between
// parts remain to be checked.
Definition definitionOf(const xmlNode* root, const std::string& source)
{
    Definition definition;
    definition.source = source;
    definition.id = attributeOr(root, "id");
    definition.version = static_cast<std::uint32_t>(std::stoul(attributeOr(root, "version", "0")));
    definition.recordType = records::parseRecordType(attributeOr(root, "recordType"));
    definition.tracking = booleanAttribute(root, "tracking");
    definition.label = labelOf(root);

    const xmlNode* start = child(root, "start");
    definition.initialState = attributeOr(start, "state");
    definition.startRoles = rolesOf(start);

    if (const xmlNode* numbering = child(root, "register"))
        definition.numbering = Register{attributeOr(numbering, "sequence"), attributeOr(numbering, "field"),
            attributeOr(numbering, "reference")};

    for (const xmlNode* node : children(child(root, "states"), "state"))
        definition.states.push_back(stateOf(node));
    for (const xmlNode* node : children(child(root, "transitions"), "transition"))
        definition.transitions.push_back(transitionOf(node));
    return definition;
}

void checkStates(const Definition& definition, int startLine)
{
    const std::string& source = definition.source;
    std::set<std::string> ids;
    for (const State& state : definition.states) {
        if (!ids.insert(state.id).second)
            throw invalidDefinition(source, state.line, "error.workflow_duplicate_state",
                "duplicate state id '" + state.id + "'; give each state its own id", {{"state", state.id}});
        if (state.final && (state.deadlineDays || !state.escalateTo.empty()))
            throw invalidDefinition(source, state.line, "error.workflow_final_state_deadline",
                "final state '" + state.id + "' has a deadline or escalation; remove them, a final state waits on nobody",
                {{"state", state.id}});
        if (!state.escalateTo.empty() && !state.deadlineDays)
            throw invalidDefinition(source, state.line, "error.workflow_escalation_without_deadline",
                "state '" + state.id + "' escalates but has no deadline; add deadline=\"N\" (working days)",
                {{"state", state.id}});
    }
    for (const State& state : definition.states) {
        if (state.escalateTo.empty())
            continue;
        const State* target = definition.findState(state.escalateTo);
        if (!target)
            throw invalidDefinition(source, state.line, "error.workflow_escalation_unknown_state",
                "state '" + state.id + "' escalates to unknown state '" + state.escalateTo + "'",
                {{"state", state.id}, {"target", state.escalateTo}});
        if (target->owner != Owner::secretariat || target->final || target->id == state.id)
            throw invalidDefinition(source, state.line, "error.workflow_escalation_target_invalid",
                "state '" + state.id + "' escalates to '" + state.escalateTo
                    + "', which must be another non-final state owned by the secretariat",
                {{"state", state.id}, {"target", state.escalateTo}});
    }
    const State* initial = definition.findState(definition.initialState);
    if (!initial)
        throw invalidDefinition(source, startLine, "error.workflow_initial_state_missing",
            "the initial state '" + definition.initialState + "' is not declared in <states>",
            {{"state", definition.initialState}});
    if (initial->final)
        throw invalidDefinition(source, startLine, "error.workflow_initial_state_final",
            "the initial state '" + initial->id + "' is final; start in a state that can move on", {{"state", initial->id}});
}

void checkTransitions(const Definition& definition)
{
    const std::string& source = definition.source;
    std::set<std::string> ids;
    for (const Transition& transition : definition.transitions) {
        if (!ids.insert(transition.id).second)
            throw invalidDefinition(source, transition.line, "error.workflow_duplicate_transition",
                "duplicate transition id '" + transition.id + "'; give each transition its own id",
                {{"transition", transition.id}});
        for (const std::string& end : {transition.from, transition.to})
            if (!definition.findState(end))
                throw invalidDefinition(source, transition.line, "error.workflow_transition_unknown_state",
                    "transition '" + transition.id + "' names unknown state '" + end + "'",
                    {{"transition", transition.id}, {"state", end}});
        if (definition.state(transition.from).final)
            throw invalidDefinition(source, transition.line, "error.workflow_transition_from_final",
                "transition '" + transition.id + "' leaves final state '" + transition.from + "'",
                {{"transition", transition.id}, {"state", transition.from}});
        if (transition.answer && transition.comment != CommentRule::required)
            throw invalidDefinition(source, transition.line, "error.workflow_answer_needs_comment",
                "transition '" + transition.id + "' publishes an answer, so its comment must be required (comment=\"required\")",
                {{"transition", transition.id}});
    }
}

// Every non-final state must be reachable from the initial state (by
// transitions or escalation) and must have a transition out of it.
void checkReachability(const Definition& definition)
{
    std::map<std::string, std::vector<std::string>> next;
    for (const Transition& transition : definition.transitions)
        next[transition.from].push_back(transition.to);
    for (const State& state : definition.states)
        if (!state.escalateTo.empty())
            next[state.id].push_back(state.escalateTo);

    std::set<std::string> reached = {definition.initialState};
    std::deque<std::string> pending = {definition.initialState};
    while (!pending.empty()) {
        const std::string current = pending.front();
        pending.pop_front();
        for (const std::string& target : next[current])
            if (reached.insert(target).second)
                pending.push_back(target);
    }

    for (const State& state : definition.states) {
        if (!reached.contains(state.id))
            throw invalidDefinition(definition.source, state.line, "error.workflow_state_unreachable",
                "state '" + state.id + "' cannot be reached from the initial state '" + definition.initialState
                    + "'; add a transition to it or remove it",
                {{"state", state.id}, {"initial", definition.initialState}});
        const bool leaves = std::any_of(definition.transitions.begin(), definition.transitions.end(),
            [&](const Transition& transition) { return transition.from == state.id; });
        if (!state.final && !leaves)
            throw invalidDefinition(definition.source, state.line, "error.workflow_state_dead_end",
                "state '" + state.id + "' is not final and has no transition out of it; add one or mark it final=\"true\"",
                {{"state", state.id}});
    }
}

void checkRegister(const Definition& definition, int line)
{
    if (!definition.numbering)
        return;
    if (definition.numbering->field.starts_with("wf_"))
        throw invalidDefinition(definition.source, line, "error.workflow_register_reserved_field",
            "register field '" + definition.numbering->field + "' uses the reserved prefix wf_; choose another name",
            {{"field", definition.numbering->field}});
    if (definition.numbering->sequence.find("{hijri_year}") == std::string::npos)
        throw invalidDefinition(definition.source, line, "error.workflow_register_without_year",
            "register sequence '" + definition.numbering->sequence
                + "' lacks {hijri_year}; numbers restart each Hijri year, so the sequence must name the year",
            {{"sequence", definition.numbering->sequence}});
}

} // namespace

std::string_view toString(Owner owner)
{
    return nameIn(kOwnerNames, owner);
}

Owner parseOwner(std::string_view text)
{
    return parseName(kOwnerNames, text, "error.unknown_owner", "state owner");
}

bool Transition::allows(Role role) const
{
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const State* Definition::findState(std::string_view stateId) const
{
    for (const State& candidate : states)
        if (candidate.id == stateId)
            return &candidate;
    return nullptr;
}

const Transition* Definition::findTransition(std::string_view transitionId) const
{
    for (const Transition& candidate : transitions)
        if (candidate.id == transitionId)
            return &candidate;
    return nullptr;
}

const State& Definition::state(std::string_view stateId) const
{
    if (const State* found = findState(stateId))
        return *found;
    throw Error(ErrorCode::invalid_argument, "error.unknown_workflow_state",
        "workflow '" + id + "' version " + std::to_string(version) + " has no state '" + std::string(stateId) + "'",
        {{"workflow", id}, {"state", std::string(stateId)}});
}

bool Definition::mayStart(Role role) const
{
    return std::find(startRoles.begin(), startRoles.end(), role) != startRoles.end();
}

Definition parseDefinition(std::string_view xml, const std::string& sourceName, const schemas::XmlSchema& schema)
{
    if (xml.size() > kMaxDefinitionBytes)
        throw invalidDefinition(sourceName, 0, "error.workflow_definition_too_large",
            "the definition is larger than " + std::to_string(kMaxDefinitionBytes) + " bytes; split or shorten it",
            {{"limit", std::to_string(kMaxDefinitionBytes)}});
    const auto document = schemas::XmlDocument::parse(xml, sourceName);
    schema.validate(document);

    const xmlNode* root = document.root();
    Definition definition = definitionOf(root, sourceName);
    checkStates(definition, lineOf(child(root, "start")));
    checkTransitions(definition);
    checkReachability(definition);
    const xmlNode* numbering = child(root, "register");
    checkRegister(definition, numbering ? lineOf(numbering) : lineOf(root));
    return definition;
}

Definition loadDefinition(const std::filesystem::path& file, const schemas::XmlSchema& schema)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::not_found, "error.file_not_found",
            "cannot read workflow definition " + file.string() + "; check the path", {{"path", file.string()}});
    std::string bytes(kMaxDefinitionBytes + 1, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return parseDefinition(bytes, file.string(), schema);
}

} // namespace majlis::workflow
