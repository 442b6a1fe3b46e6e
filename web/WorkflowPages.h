#pragma once

#include "web/StaffPages.h"
#include "web/WorkflowService.h"

namespace majlis::web {

// Adds the staff routing pages: /staff/inbox, /staff/items/{id} with a form
// for each transition the account may take, comments and assignment,
// /staff/correspondence/new and the secretariat's /staff/overdue. They need
// a staff session and check scope as the JSON API does; every POST needs
// the session's CSRF token.
void addWorkflowPages(Router& router, const StaffContext& context, WorkflowService& workflow);

// The items that entered or changed in the caller's inbox since they last
// opened it, as the dashboard's table rows show them.
nlohmann::json newInboxItems(const PageRequest& page, const StaffContext& context, WorkflowService& workflow);

} // namespace majlis::web
