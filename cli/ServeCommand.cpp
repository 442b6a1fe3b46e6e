#include "cli/Arguments.h"
#include "cli/Commands.h"

#include "core/Error.h"
#include "core/Log.h"
#include "web/Service.h"

#include <charconv>
#include <csignal>
#include <iostream>
#include <pthread.h>

namespace majlis::cli {

namespace {

const CommandSpec kServeSpec = {"serve",
    "Runs the web server and its background workers until SIGINT or SIGTERM.", "", 0, 0,
    {dataOption(), {"listen", "HOST:PORT", "address to listen on (default 127.0.0.1:8080)"},
        {"threads", "N", "request threads, 2 to 256 (default 16)"},
        {"trusted-proxy", "ADDRESS",
            "IP address of a reverse proxy whose X-Forwarded-For header gives the client's address "
            "for sign-in throttling and rate limits (repeat for several proxies)",
            true}}};

// The --threads value, or an error naming it and the allowed range.
int threadCount(const std::string& text)
{
    int threads = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), threads);
    if (error != std::errc() || end != text.data() + text.size() || threads < 2 || threads > 256)
        throw Error(ErrorCode::invalid_argument, "error.usage",
            "invalid --threads '" + text + "': give a whole number from 2 to 256", {{"value", text}});
    return threads;
}

// Blocks SIGINT and SIGTERM in every thread, then waits for one of them.
int waitForTerminationSignal(sigset_t& signals)
{
    int received = 0;
    sigwait(&signals, &received);
    return received;
}

} // namespace

int runServe(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kServeSpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kServeSpec);
        return 0;
    }

    // Server threads inherit this mask, so only sigwait sees the signals.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    web::ServerOptions options;
    std::tie(options.host, options.port) = web::parseListenAddress(arguments.valueOr("listen", "127.0.0.1:8080"));
    if (const auto threads = arguments.value("threads"))
        options.threads = threadCount(*threads);
    options.trustedProxies = arguments.all("trusted-proxy");

    const std::filesystem::path data = arguments.valueOr("data", "./data");
    web::Service service(data, options);
    if (const auto& password = service.createdAdminPassword())
        std::cout << "Created the administrator account. User: admin  Password: " << *password
                  << "\n(shown once; only its Argon2id hash is stored, in the accounts of " << (data / "db").string()
                  << ")\n";
    service.start();
    logger("serve").information("Majlis serving %s on http://%s:%hu", data.string(), options.host, service.port());
    std::cout << "Majlis is serving " << data.string() << " on http://" << options.host << ':' << service.port()
              << "/ (Ctrl+C stops it)" << std::endl;

    const int signal = waitForTerminationSignal(signals);
    logger("serve").information("received signal %d; stopping", signal);
    service.stop();
    return 0;
}

} // namespace majlis::cli
