#pragma once

#include "records/RecordStore.h"
#include "accounts/AccountStore.h"
#include "accounts/SessionStore.h"
#include "affairs/Affairs.h"
#include "web/LoginThrottle.h"
#include "web/PageRenderer.h"
#include "web/WorkflowService.h"

#include <filesystem>
#include <functional>

namespace majlis::web {

// The dependencies of the staff pages: sign-in checks, sessions and the record store.
struct StaffContext {
    const PageRenderer& renderer;
    records::RecordStore& store;
    accounts::AccountStore& accounts;
    accounts::SessionStore& sessions;
    LoginThrottle& throttle;
    std::filesystem::path dataDirectory;
    std::function<void()> onWrite; // wakes the index feeder after a write
    std::uint64_t maxUploadBytes = std::uint64_t(200) << 20;
    std::uint64_t maxFormBytes = std::uint64_t(17) << 20; // a corrected text up to the store's 16 MiB body limit
    WorkflowService* workflow = nullptr; // for the dashboard's inbox count; null without routing
    const affairs::Affairs* affairs = nullptr; // names councils on the pages; null shows their codes
};

// Adds the staff pages under /staff: sign-in and sign-out, the dashboard,
// upload with extraction progress, metadata editing, version comparison and
// OCR text correction. Every page needs a session of a staff account
// (accounts::isStaff) and shows only what web/Access.h lets the account
// read; every write checks its role and council (requireWrite). Every POST
// but sign-in needs the session's CSRF token, and sign-in needs the token
// of its form.
void addStaffPages(Router& router, StaffContext context);

} // namespace majlis::web
