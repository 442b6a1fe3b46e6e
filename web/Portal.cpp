#include "web/Portal.h"

#include "core/Error.h"

#include "web/CouncilPages.h"
#include "web/PublicPages.h"
#include "web/StaffPages.h"
#include "web/WorkflowPages.h"

#include <cstdlib>

namespace majlis::web {

namespace {

const std::vector<std::string> kTemplates = {
    "home", "search", "record", "council", "error",
    "councils", "council_affairs", "member", "meeting", "decision", "overview",
    "submit", "submitted", "track",
    "login", "staff_home", "upload", "extraction", "staff_record", "edit", "compare", "correct_text",
    "staff_accounts", "account_password", "change_password",
    "item_row", "council_select", "staff_inbox", "staff_item", "staff_correspondence", "staff_overdue",
};

const std::vector<std::string> kStaticFiles = {
    "portal.css",
    "portal.js",
    "fonts/NotoNaskhArabic-Regular.ttf",
    "fonts/NotoNaskhArabic-Bold.ttf",
    "fonts/OFL.txt",
};

} // namespace

std::filesystem::path defaultWebDirectory()
{
    if (const char* configured = std::getenv("MAJLIS_WEB_DIR"); configured && *configured)
        return configured;
    return MAJLIS_WEB_SOURCE_DIR;
}

Portal::Portal(records::RecordStore& store, affairs::Affairs& affairs, accounts::AccountStore& accounts, accounts::SessionStore& sessions,
    LoginThrottle& throttle, std::filesystem::path dataDirectory,
    std::function<void()> onWrite, const std::filesystem::path& webDirectory)
    : store_(store)
    , affairs_(affairs)
    , accounts_(accounts)
    , sessions_(sessions)
    , dataDirectory_(std::move(dataDirectory))
    , onWrite_(std::move(onWrite))
    , catalogue_(webDirectory / "i18n")
    , templates_(webDirectory / "templates", kTemplates)
    , staticFiles_(webDirectory / "static", kStaticFiles)
    , renderer_(catalogue_, templates_, staticFiles_)
    , throttle_(throttle)
{
}

void Portal::addRoutes(Router& router)
{
    staticFiles_.addRoutes(router);
    addPublicPages(router, renderer_, store_, affairs_, dataDirectory_);
    addCouncilPages(router, renderer_, affairs_, store_, dataDirectory_);
    StaffContext staff{renderer_, store_, accounts_, sessions_, throttle_, dataDirectory_, onWrite_};
    staff.workflow = workflow_;
    staff.affairs = &affairs_;
    if (workflow_)
        addWorkflowPages(router, staff, *workflow_);
    addStaffPages(router, staff);
    router.setPageNotFound(renderer_.page([](PageRequest&) {
        throw Error(ErrorCode::not_found, "error.page_not_found", "no such page");
    }));
}

} // namespace majlis::web
