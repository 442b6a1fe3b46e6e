#pragma once

#include "records/Record.h"
#include "web/Catalogue.h"
#include "workflow/Definition.h"

#include <functional>
#include <memory>
#include <string>

namespace majlis::web {

class WorkflowService;

// Returns the name a page shows for a council code, such as RD-01.
using CouncilNamer = std::function<std::string(const std::string& code)>;

// Writes a version's reason in the page's language when the system wrote it:
// the defaults of the record API, the upload page and `majlis import`, and
// the workflow engine's steps (workflow::StepReason). A step's state and
// transition labels come from `definition`, and its ids are shown when that
// is null or another definition. Councils are named by `councilName`, or
// shown as codes without it. Returns any other reason as stored: a person's
// own, or an English step reason the engine stored before it wrote
// StepReason.
std::string versionReasonText(const Language& language, const Catalogue& catalogue, const std::string& reason,
    const workflow::Definition* definition = nullptr, const CouncilNamer& councilName = {});

// Returns the label of state `id` of `definition` in the page's language, or
// `id` when the definition is null or has no such state.
std::string stateLabel(const Language& language, const workflow::Definition* definition, const std::string& id);

// Returns the name a page shows for a version's author: the account name,
// or the catalogue's word for a citizen when the workflow engine stored
// "citizen" for any citizen.
std::string versionAuthorText(const Language& language, const Catalogue& catalogue, const std::string& author);

// Returns the definition the workflow item's `version` follows, or null when
// there is no routing, the version is no workflow step, or its definition
// version is no longer loaded.
std::shared_ptr<const workflow::Definition> stepDefinition(WorkflowService* workflow,
    const records::RecordVersion& version);

} // namespace majlis::web
