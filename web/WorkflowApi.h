#pragma once

#include "records/RecordStore.h"
#include "web/HttpServer.h"
#include "web/Router.h"
#include "web/WorkflowService.h"

namespace majlis::web {

// Adds the staff routing endpoints: correspondence and items, inboxes,
// transitions, comments, assignment, council changes, the overdue
// dashboard, in-app notifications and workflow definitions. Each handler
// checks the caller's role and council scope; web/README.md lists them.
void addWorkflowRoutes(Router& router, records::RecordStore& store, WorkflowService& workflow,
    const ServerLimits& limits);

// The JSON of a work item for `caller`: the record's metadata, the workflow
// state with its labels, owner, assignee, due day and whether it is overdue.
nlohmann::json workItemSummary(const records::RecordVersion& version, WorkflowService& workflow);

} // namespace majlis::web
