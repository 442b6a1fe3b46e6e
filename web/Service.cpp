#include "web/Service.h"

#include "core/Error.h"
#include "web/AccountApi.h"
#include "core/Log.h"
#include "web/AffairsApi.h"
#include "web/ExtractionApi.h"
#include "web/RecordApi.h"
#include "web/SearchApi.h"
#include "web/WorkflowApi.h"

#include <fstream>
#include <sstream>

namespace majlis::web {

namespace {

void addHealthRoute(Router& router)
{
    router.add("GET", "/api/v1/health", [](Exchange& exchange) {
        exchange.sendJson(200, {{"status", "ok"}});
    });
}

// Serves the OpenAPI document, read once at start.
void addOpenApiRoute(Router& router, const std::filesystem::path& file)
{
    std::ifstream in(file);
    if (!in)
        throw Error(ErrorCode::invalid_argument, "error.missing_file",
            file.string() + " is missing; set MAJLIS_WEB_DIR to the folder that holds openapi.json",
            {{"file", file.string()}});
    std::ostringstream text;
    text << in.rdbuf();
    auto document = std::make_shared<const nlohmann::json>(nlohmann::json::parse(text.str()));
    router.add("GET", "/api/v1/openapi.json", [document](Exchange& exchange) { exchange.sendJson(200, *document); });
}

} // namespace

std::pair<std::string, std::uint16_t> parseListenAddress(const std::string& text)
{
    const auto colon = text.rfind(':');
    const auto invalid = [&] {
        return Error(ErrorCode::invalid_argument, "error.invalid_listen",
            "invalid listen address '" + text + "'; write HOST:PORT, for example 127.0.0.1:8080",
            {{"value", text}});
    };
    if (colon == std::string::npos || colon == 0 || colon + 1 >= text.size())
        throw invalid();
    std::string host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const std::string portText = text.substr(colon + 1);
    if (portText.size() > 5 || portText.find_first_not_of("0123456789") != std::string::npos)
        throw invalid();
    const unsigned long port = std::stoul(portText);
    if (port > 65535)
        throw invalid();
    return {host, static_cast<std::uint16_t>(port)};
}

Service::Service(const std::filesystem::path& dataDirectory, const ServerOptions& options)
{
    store_ = std::make_unique<records::RecordStore>(dataDirectory);
    affairs_ = std::make_unique<affairs::Affairs>(*store_);
    affairs_->seed();
    accounts_ = std::make_unique<accounts::AccountStore>(*store_);
    createdAdminPassword_ = accounts_->bootstrapAdministrator(dataDirectory);
    sessions_ = std::make_unique<accounts::SessionStore>(*accounts_);
    throttle_ = std::make_unique<LoginThrottle>();
    authenticator_ = std::make_unique<Authenticator>(*accounts_, *sessions_, *throttle_);
    workflow_ = std::make_unique<WorkflowService>(*store_, *accounts_, dataDirectory, defaultWebDirectory());

    auto router = std::make_shared<Router>();
    router_ = router;
    addHealthRoute(*router);
    // The server is the index's writer, so it also rebuilds a damaged index.
    indexFeeder_ = std::make_unique<pipeline::IndexFeeder>(*store_, dataDirectory, true);
    pipeline::IndexFeeder* feeder = indexFeeder_.get();
    extractionPool_ = std::make_unique<pipeline::ExtractionPool>(
        *store_, dataDirectory, pipeline::ExtractionOptions{}, [feeder] { feeder->notify(); });
    pipeline::ExtractionPool* extraction = extractionPool_.get();
    addRecordRoutes(*router, *store_, *affairs_, options.limits, [feeder, extraction] {
        feeder->notify();
        extraction->notify();
    });
    addAffairsRoutes(*router, *affairs_, options.limits, [feeder] { feeder->notify(); });
    addExtractionRoutes(*router, *store_, *extractionPool_);
    addSearchRoutes(*router, dataDirectory, *store_);
    portal_ = std::make_unique<Portal>(*store_, *affairs_, *accounts_, *sessions_, *throttle_, dataDirectory, [feeder, extraction] {
        feeder->notify();
        extraction->notify();
    }, defaultWebDirectory());
    portal_->setWorkflow(*workflow_);
    portal_->addRoutes(*router);
    router->setCatalogue(portal_->catalogue());
    addAccountRoutes(*router, *accounts_, *affairs_, options.limits.maxJsonBodyBytes);
    citizen_ = std::make_unique<CitizenServices>(*store_, workflow_->engine(), *accounts_, *affairs_,
        portal_->renderer().catalogue(), &workflow_->notifier(), options.citizen);
    CitizenServices* citizen = citizen_.get();
    workflow_->addStepListener([citizen](const records::RecordVersion& version) { citizen->afterStep(version); });
    citizen_->addApiRoutes(*router);
    citizen_->addPages(*router, portal_->renderer(), *affairs_);
    addWorkflowRoutes(*router, *store_, *workflow_, *affairs_, options.limits);
    addOpenApiRoute(*router, defaultWebDirectory() / "openapi.json");

    Authenticator* authenticator = authenticator_.get();
    Authenticate authenticate = [authenticator](const Poco::Net::HTTPServerRequest& request, const std::string& address) {
        return authenticator->authenticate(request, address);
    };
    server_ = std::make_unique<HttpServer>(options, router, authenticate);
}

Service::~Service()
{
    stop();
}

void Service::start()
{
    indexFeeder_->start();
    extractionPool_->start();
    workflow_->start();
    server_->start();
}

void Service::stop()
{
    if (server_)
        server_->stop();
    if (workflow_)
        workflow_->stop();
    if (extractionPool_)
        extractionPool_->stop();
    if (indexFeeder_)
        indexFeeder_->stop();
}

} // namespace majlis::web
