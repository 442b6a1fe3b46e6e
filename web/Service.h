#pragma once

#include "affairs/Affairs.h"
#include "pipeline/ExtractionPool.h"
#include "pipeline/IndexFeeder.h"
#include "records/RecordStore.h"
#include "accounts/AccountStore.h"
#include "accounts/SessionStore.h"
#include "web/Authenticator.h"
#include "web/CitizenServices.h"
#include "web/HttpServer.h"
#include "web/LoginThrottle.h"
#include "web/Portal.h"
#include "web/WorkflowService.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace majlis::web {

// Everything `majlis serve` runs: the record store, the accounts and their
// sessions, the router with every endpoint and the HTTP server.
class Service {
public:
    Service(const std::filesystem::path& dataDirectory, const ServerOptions& options);
    ~Service();

    void start();
    void stop();
    std::uint16_t port() const { return server_->port(); }
    records::RecordStore& store() { return *store_; }
    accounts::AccountStore& accounts() { return *accounts_; }
    accounts::SessionStore& sessions() { return *sessions_; }
    affairs::Affairs& affairs() { return *affairs_; }
    WorkflowService& workflow() { return *workflow_; }
    CitizenServices& citizen() { return *citizen_; }
    // Every route the server answers, as method and pattern.
    std::vector<std::pair<std::string, std::string>> routes() const { return router_->routes(); }

    // The administrator password generated on this first start, if any.
    const std::optional<std::string>& createdAdminPassword() const { return createdAdminPassword_; }

private:
    std::unique_ptr<records::RecordStore> store_;
    std::unique_ptr<affairs::Affairs> affairs_;
    std::optional<std::string> createdAdminPassword_;
    std::unique_ptr<accounts::AccountStore> accounts_;
    std::unique_ptr<accounts::SessionStore> sessions_;
    // Failed sign-ins of the portal and the API, counted together.
    std::unique_ptr<LoginThrottle> throttle_;
    std::unique_ptr<Authenticator> authenticator_;
    std::unique_ptr<WorkflowService> workflow_;
    std::shared_ptr<Router> router_;
    std::unique_ptr<pipeline::IndexFeeder> indexFeeder_;
    std::unique_ptr<Portal> portal_;
    std::unique_ptr<CitizenServices> citizen_;
    std::unique_ptr<pipeline::ExtractionPool> extractionPool_;
    std::unique_ptr<HttpServer> server_;
};

// "127.0.0.1:8080" or "[::1]:8080" into host and port; throws invalid_argument.
std::pair<std::string, std::uint16_t> parseListenAddress(const std::string& text);

} // namespace majlis::web
