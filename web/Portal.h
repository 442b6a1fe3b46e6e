#pragma once

#include "affairs/Affairs.h"
#include "records/RecordStore.h"
#include "accounts/AccountStore.h"
#include "accounts/SessionStore.h"
#include "web/Catalogue.h"
#include "web/LoginThrottle.h"
#include "web/PageRenderer.h"
#include "web/StaticFiles.h"
#include "web/Templates.h"
#include "web/WorkflowService.h"

#include <filesystem>
#include <functional>

namespace majlis::web {

// The HTML portal: its catalogue, templates and static files, loaded once
// from the web folder; staff sessions are the accounts' SessionStore.
class Portal {
public:
    // Loads web/i18n, web/templates and web/static from `webDirectory`.
    // Throws invalid_argument naming a missing or malformed file.
    // `throttle` counts failed sign-ins; the API's Authenticator shares it.
    Portal(records::RecordStore& store, affairs::Affairs& affairs, accounts::AccountStore& accounts, accounts::SessionStore& sessions,
        LoginThrottle& throttle, std::filesystem::path dataDirectory,
        std::function<void()> onWrite, const std::filesystem::path& webDirectory);

    // Adds the public pages, the council affairs pages, the staff pages and /static/.
    void addRoutes(Router& router);

    // Adds the staff routing pages and the dashboard's inbox count to the
    // routes addRoutes adds; call it before addRoutes.
    void setWorkflow(WorkflowService& workflow) { workflow_ = &workflow; }

    const PageRenderer& renderer() const { return renderer_; }

    const Catalogue& catalogue() const { return catalogue_; }

private:
    records::RecordStore& store_;
    affairs::Affairs& affairs_;
    accounts::AccountStore& accounts_;
    accounts::SessionStore& sessions_;
    std::filesystem::path dataDirectory_;
    std::function<void()> onWrite_;
    Catalogue catalogue_;
    Templates templates_;
    StaticFiles staticFiles_;
    PageRenderer renderer_;
    LoginThrottle& throttle_;
    WorkflowService* workflow_ = nullptr;
};

// The folder holding i18n/, templates/ and static/: $MAJLIS_WEB_DIR when
// set, else the source tree's web/ folder recorded at build time.
// TODO: install these files (e.g. /usr/share/majlis/web) with the package.
std::filesystem::path defaultWebDirectory();

} // namespace majlis::web
