#pragma once

#include "records/Record.h"

#include <string>
#include <string_view>

// The record fields through which a record takes part in a workflow. The
// Engine alone writes the wf_ fields; workflow/README.md lists them all.
namespace majlis::workflow::fields {

inline constexpr const char* kDefinition = "wf_definition";   // text: definition id
inline constexpr const char* kVersion = "wf_version";         // whole number: definition version the item started with
inline constexpr const char* kState = "wf_state";             // text: current state id
inline constexpr const char* kOwner = "wf_owner";             // text: secretariat, council or citizen
inline constexpr const char* kCouncil = "wf_council";         // text: the council the item concerns
inline constexpr const char* kAssignee = "wf_assignee";       // text: user the item is assigned to, when assigned
inline constexpr const char* kStateSince = "wf_state_since";  // date: day the current state was entered
inline constexpr const char* kDue = "wf_due";                 // date: last working day allowed in the state, when it has a deadline
inline constexpr const char* kAction = "wf_action";           // text: what this version did (start, a transition id, comment, assign, change_council, escalate)
inline constexpr const char* kComment = "wf_comment";         // text: the comment given with this version only
inline constexpr const char* kEscalatedFrom = "wf_escalated_from"; // text: the overdue state an escalation left
inline constexpr const char* kSubmitter = "wf_submitter";     // text: account of the citizen who submitted, when signed in
inline constexpr const char* kSubmittedOn = "submitted_on";   // date: day the item started
inline constexpr const char* kAnsweredOn = "answered_on";     // date: day the public answer was given
inline constexpr const char* kAnswer = "answer";              // text: the council's public answer
inline constexpr const char* kTrackingCode = "tracking_code"; // text: canonical tracking code of a citizen submission
inline constexpr const char* kRegisterNumber = "register_number"; // whole number: the shipped correspondence definitions' register field

// The text value of field `name` of `version`; empty when absent or not text.
inline std::string textField(const records::RecordVersion& version, const char* name)
{
    const auto found = version.fields.find(name);
    if (found == version.fields.end())
        return {};
    const auto* text = std::get_if<std::string>(&found->second);
    return text ? *text : std::string();
}

// Whether only the Engine may write `name`: every wf_ field and the fields
// above that record a workflow's dates, answer, tracking code and number.
// The generic record API rejects them so no write bypasses the engine.
inline bool isEngineField(std::string_view name)
{
    return name.starts_with("wf_") || name == kSubmittedOn || name == kAnsweredOn || name == kAnswer
        || name == kTrackingCode || name == kRegisterNumber;
}

} // namespace majlis::workflow::fields
