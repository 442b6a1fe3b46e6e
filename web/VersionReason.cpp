#include "web/VersionReason.h"

#include "core/Error.h"
#include "web/DateDisplay.h"
#include "web/WorkflowService.h"
#include "workflow/StepReason.h"

namespace majlis::web {

namespace {

std::string labelText(const Language& language, const workflow::Label& label, const std::string& id)
{
    const std::string& text = language.code == "ar" ? label.ar : label.en;
    return text.empty() ? id : text;
}

std::string transitionText(const Language& language, const workflow::Definition* definition, const std::string& id)
{
    const workflow::Transition* transition = definition ? definition->findTransition(id) : nullptr;
    return transition ? labelText(language, transition->label, id) : id;
}

// The catalogue's text of a step reason, or nullopt for a kind it has no
// text for (one that a later engine may write).
std::optional<std::string> stepReasonText(const Language& language, const Catalogue& catalogue,
    const workflow::StepReason& reason, const workflow::Definition* definition, const CouncilNamer& councilName)
{
    const std::string key = "version_reason_workflow_" + reason.kind;
    if (!catalogue.has(language, key))
        return std::nullopt;
    const std::string definitionId = reason.value("definition");
    if (definition && definition->id != definitionId)
        definition = nullptr;
    const auto council = [&](const std::string& code) { return councilName ? councilName(code) : code; };

    Catalogue::Params params;
    params["workflow"] = definition ? labelText(language, definition->label, definitionId) : definitionId;
    if (reason.kind == "transition") {
        params["transition"] = transitionText(language, definition, reason.value("transition"));
        params["from"] = stateLabel(language, definition, reason.value("from"));
        params["to"] = stateLabel(language, definition, reason.value("to"));
    } else if (reason.kind == "assigned") {
        params["assignee"] = reason.value("assignee");
    } else if (reason.kind == "council_changed") {
        params["from"] = council(reason.value("from"));
        params["to"] = council(reason.value("to"));
    } else if (reason.kind == "escalated") {
        params["state"] = stateLabel(language, definition, reason.value("state"));
        params["due"] = formatDayText(language, reason.value("due"));
    }
    return catalogue.text(language, key, params);
}

} // namespace

std::string stateLabel(const Language& language, const workflow::Definition* definition, const std::string& id)
{
    const workflow::State* state = definition ? definition->findState(id) : nullptr;
    return state ? labelText(language, state->label, id) : id;
}

std::string versionAuthorText(const Language& language, const Catalogue& catalogue, const std::string& author)
{
    return author == "citizen" ? catalogue.text(language, "version_author_citizen") : author;
}

std::string versionReasonText(const Language& language, const Catalogue& catalogue, const std::string& reason,
    const workflow::Definition* definition, const CouncilNamer& councilName)
{
    static const std::string imported = "imported from ";
    if (reason == "created" || reason == "uploaded")
        return catalogue.text(language, "version_reason_" + reason);
    if (reason.starts_with(imported))
        return catalogue.text(language, "version_reason_imported", {{"file", reason.substr(imported.size())}});
    if (const auto step = workflow::StepReason::parse(reason))
        if (auto text = stepReasonText(language, catalogue, *step, definition, councilName))
            return *text;
    return reason;
}

std::shared_ptr<const workflow::Definition> stepDefinition(WorkflowService* workflow,
    const records::RecordVersion& version)
{
    if (!workflow)
        return nullptr;
    try {
        return workflow->engine().definitionOf(version);
    } catch (const Error&) {
        return nullptr;
    }
}

} // namespace majlis::web
