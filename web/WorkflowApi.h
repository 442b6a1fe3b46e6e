#pragma once

#include "affairs/Affairs.h"
#include "records/RecordStore.h"
#include "web/HttpServer.h"
#include "web/Router.h"
#include "web/WorkflowService.h"

namespace majlis::web {

// Adds the staff routing endpoints: correspondence and items, inboxes,
// transitions, comments, assignment, council changes, the overdue
// dashboard, in-app notifications and workflow definitions. Each handler
// checks the caller's role and council scope; web/README.md lists them.
// A council given by name is stored as its code (affairs::resolveCouncilCode).
void addWorkflowRoutes(Router& router, records::RecordStore& store, WorkflowService& workflow,
    const affairs::Affairs& councils, const ServerLimits& limits);

// The JSON of a work item for `caller`: the record's metadata, the workflow
// state with its labels, owner, assignee, due day and whether it is overdue.
nlohmann::json workItemSummary(const records::RecordVersion& version, WorkflowService& workflow);

// workItemSummary plus the body, files, public answer, the transitions
// `caller` may take and the history of the steps `caller` may read.
nlohmann::json workItemDetail(const records::RecordVersion& version, const Caller& caller, records::RecordStore& store,
    WorkflowService& workflow);

// The summaries of `items` that `caller` may read, at most 500.
nlohmann::json workItemList(const std::vector<workflow::WorkItem>& items, const Caller& caller,
    records::RecordStore& store, WorkflowService& workflow);

// The open items of `council`, overdue first, then by due day.
std::vector<workflow::WorkItem> openItemsOf(const std::string& council, WorkflowService& workflow);

// Open items that reached a secretariat state by escalation.
std::vector<workflow::WorkItem> escalatedItems(records::RecordStore& store, WorkflowService& workflow);

} // namespace majlis::web
