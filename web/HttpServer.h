#pragma once

#include "web/CitizenLimits.h"
#include "web/Router.h"

#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace majlis::web {

class ClientAddressResolver;
class ConnectionGuard;

struct ServerLimits {
    std::uint64_t maxBodyBytes = std::uint64_t(600) << 20;  // one upload of several files
    std::uint64_t maxJsonBodyBytes = std::uint64_t(1) << 20;
    int maxHeaderFields = 64;
};

// The server settings; docs/ARCHITECTURE.md explains how they keep every
// client served.
struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    int threads = 16;
    int queueLength = 1024;         // connections waiting for a thread
    int keepAliveSeconds = 10;      // idle time before a keep-alive connection closes
    int readTimeoutSeconds = 30;    // maximum wait for any one read
    int headerDeadlineSeconds = 15; // time to send a request's headers
    int maxKeepAliveRequests = 1000;
    int maxConnectionsPerAddress = 512; // not applied to trusted proxies
    // Reverse proxies whose X-Forwarded-For gives the client's address
    // (web/ClientAddress.h); empty: the socket's peer is the client.
    std::vector<std::string> trustedProxies;
    ServerLimits limits;
    CitizenLimits citizen; // rate and size limits of the citizen e-services
};

// Authenticates a request from the client at the given address; the server
// fills Exchange::caller with it.
using Authenticate = std::function<Caller(const Poco::Net::HTTPServerRequest&, const std::string& clientAddress)>;

// The embedded HTTP server: Poco's TCPServer with our own connection loop,
// so oversized headers get 431 and bodies 413 with a JSON error, and
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
    std::unique_ptr<ClientAddressResolver> addresses_;
    std::unique_ptr<ConnectionGuard> guard_;
    std::unique_ptr<Poco::Net::TCPServer> server_;
    Poco::Net::TCPServer* serverForQueue_ = nullptr;
    std::atomic<bool> stopping_ = false;
};

} // namespace majlis::web
