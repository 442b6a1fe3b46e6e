#pragma once

#include "records/RecordStore.h"
#include "workflow/Definition.h"
#include "workflow/DefinitionRegistry.h"
#include "workflow/WorkflowIndex.h"
#include "workflow/WorkingCalendar.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace majlis::workflow {

// The account taking a step. Staff with an empty `council` act for the whole secretariat,
// others only on items of their council. A citizen acts only on their own
// submission: `user` matches wf_submitter, or `trackingCode` (canonical)
// matches the item's tracking code. Versions written for a citizen have the
// author "citizen", so no citizen's account name reaches the log.
struct Caller {
    std::string user;
    Role role = Role::citizen;
    std::string council;
    std::string trackingCode;
};

struct EngineOptions {
    WorkingCalendar calendar;
    // The current day; tests set it to move through deadlines.
    std::function<CalendarDate()> today = [] { return CalendarDate::today(); };
    std::size_t maxCommentBytes = 20000;
    std::size_t maxAttachments = 20;
    // Called after each stored step (start, transition, comment, assignment,
    // escalation) with the new version, for notifications. It runs on the
    // caller's thread after the commit, so it must be quick and not throw.
    std::function<void(const records::RecordVersion&)> afterStep;
};

// Moves records through their workflow definitions. Every step is one
// RecordStore version (with its audit entry) carrying the wf_ fields of
// workflow/Fields.h; the open-items and tracking-code indexes are written
// in the same transaction.
class Engine {
public:
    Engine(records::RecordStore& store, const DefinitionRegistry& registry, EngineOptions options = {});

    // Stores `record` as a new item of the newest version of `definitionId`
    // in its initial state: sets the record type, the wf_ fields,
    // submitted_on, the register number (per Hijri year) and, for citizen
    // submissions, a tracking code. `record.council` names the council the
    // item concerns. Throws forbidden when the caller may not start it.
    // `alsoWrite` runs inside the creating transaction, after the engine's
    // own index writes, such as to store a citizen's contact details beside
    // the record (workflow/PersonalDetails.h).
    records::RecordVersion start(const std::string& definitionId, records::NewRecord record, const Caller& caller,
        const std::string& comment = {}, const records::WriteHook& alsoWrite = {});

    // The transitions `caller` may take from the item's current state.
    std::vector<Transition> transitions(const records::RecordVersion& current, const Caller& caller) const;

    // Takes `transitionId` from the item's current state. Throws forbidden
    // for a role or scope not allowed, conflict when the item is no longer
    // in the transition's state (or not at `expectedVersion`), and
    // invalid_argument for a missing or forbidden comment or attachment.
    records::RecordVersion apply(const std::string& id, const std::string& transitionId, const Caller& caller,
        const std::string& comment, const std::vector<records::FileRef>& attachments = {},
        std::optional<std::uint32_t> expectedVersion = std::nullopt);

    // Adds a comment (and files) without changing the state. Staff in scope only.
    records::RecordVersion comment(const std::string& id, const Caller& caller, const std::string& text,
        const std::vector<records::FileRef>& attachments = {});

    // Assigns the item to `assignee` (empty to unassign). The secretariat
    // and administrators assign any item in scope; a council secretary
    // assigns items while their council owns them.
    records::RecordVersion assign(const std::string& id, const std::string& assignee, const Caller& caller,
        const std::string& comment = {});

    // Moves the item to another council (the record's council and
    // wf_council) while the secretariat owns it, such as a submission sent
    // to the wrong council. Secretariat-wide staff only.
    records::RecordVersion changeCouncil(const std::string& id, const std::string& council, const Caller& caller,
        const std::string& comment = {});

    // Open items past their due date on `today`, the longest overdue first.
    std::vector<WorkItem> overdue(const CalendarDate& today) const;
    // Open items waiting on `caller`: owned by their side within their
    // scope, or assigned to them; overdue first, then by due date.
    std::vector<WorkItem> waitingOn(const Caller& caller) const;

    // Moves every overdue item whose state names an escalation target to
    // that secretariat state, one version each. An item escalates once per
    // overdue state: run it again and nothing changes.
    std::vector<records::RecordVersion> escalateOverdue();

    // The record of a tracking code as typed by a user. Throws
    // invalid_argument when the code is malformed (wrong length, symbol or
    // check symbol); nothing when no submission has it.
    std::optional<std::string> findByTrackingCode(std::string_view typed) const;

    // Whether `caller`'s scope covers the item (their council, the whole
    // secretariat, or their own submission).
    static bool inScope(const records::RecordVersion& item, const Caller& caller);

    // The definition version an item follows; throws invalid_argument when
    // the record is not a workflow item.
    std::shared_ptr<const Definition> definitionOf(const records::RecordVersion& item) const;

    const WorkflowIndex& index() const { return index_; }

private:
    std::optional<CalendarDate> dueDate(const State& state, const CalendarDate& entered) const;
    void enterState(records::RecordChange& change, const State& state, const records::RecordVersion& current) const;
    records::RecordVersion store(const std::string& id, records::RecordChange change, const Caller& caller,
        const Definition& definition);
    std::optional<records::RecordVersion> escalate(const WorkItem& item, const CalendarDate& today);
    void checkNote(const std::string& text, const std::vector<records::FileRef>& attachments) const;
    void notify(const records::RecordVersion& version) const;

    records::RecordStore& store_;
    const DefinitionRegistry& registry_;
    EngineOptions options_;
    WorkflowIndex index_;
};

} // namespace majlis::workflow
