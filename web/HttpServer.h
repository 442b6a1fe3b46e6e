#pragma once

#include "web/Router.h"

#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace majlis::web {

struct ServerLimits {
    std::uint64_t maxBodyBytes = std::uint64_t(600) << 20;  // one upload of several files
    std::uint64_t maxJsonBodyBytes = std::uint64_t(1) << 20;
    int maxHeaderFields = 64;
};

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    int threads = 16;
    int queueLength = 256;
    int keepAliveSeconds = 10;
    int readTimeoutSeconds = 30;
    int maxKeepAliveRequests = 200;
    ServerLimits limits;
};

// Authenticates a request; the server fills Exchange::caller with it.
using Authenticate = std::function<Caller(const Poco::Net::HTTPServerRequest&)>;

// The embedded HTTP server: Poco's TCPServer with our own connection loop,
// so oversized headers answer 431 and bodies 413 with a JSON error, and
// every request gets an id for the log.
class HttpServer {
public:
    HttpServer(const ServerOptions& options, std::shared_ptr<const Router> router, Authenticate authenticate);
    ~HttpServer();

    void start();
    void stop();
    std::uint16_t port() const;

private:
    ServerOptions options_;
    std::unique_ptr<Poco::ThreadPool> threads_;
    std::unique_ptr<Poco::Net::TCPServer> server_;
};

} // namespace majlis::web
