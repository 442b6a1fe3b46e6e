#include "web/HttpServer.h"

#include "core/Log.h"
#include "web/ApiError.h"
#include "web/ClientAddress.h"
#include "web/ConnectionGuard.h"

#include <algorithm>
#include <cstdio>

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

namespace majlis::web {

namespace {

std::atomic<std::uint64_t> requestCounter{0};

std::string nextRequestId()
{
    // snprintf rather than "q" + std::to_string: GCC 12 raises a false
    // -Wrestrict warning on that concatenation when it is inlined.
    char id[24];
    std::snprintf(id, sizeof id, "q%llu", static_cast<unsigned long long>(++requestCounter));
    return id;
}

// Sends an error response to a request that could not be parsed and closes the connection.
void sendRawError(Poco::Net::HTTPServerSession& session, const Catalogue* catalogue, const std::string& reason,
    const ClientError& error)
{
    const std::string body = errorJson(error, nextRequestId(), catalogue).dump();
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(error.status), reason);
    response.setContentType("application/json; charset=utf-8");
    response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    response.setKeepAlive(false);
    addSecurityHeaders(response);
    response.send() << body;
    session.setKeepAlive(false);
}

// Maps Poco's header-parsing failures to a status: long or many header
// fields 431, a long request line 414, anything else 400.
void answerMalformedRequest(Poco::Net::HTTPServerSession& session, const Catalogue* catalogue,
    const Poco::Net::MessageException& error)
{
    const std::string text = error.message();
    if (text.find("Field") != std::string::npos || text.find("header") != std::string::npos)
        sendRawError(session, catalogue, "Request Header Fields Too Large",
            {431, "headers_too_large", "error.headers_too_large",
                "the request headers are too large (at most 100 fields, names of 256 bytes and values of 8 KB); "
                "send fewer or shorter headers",
                {}});
    else if (text.find("URI") != std::string::npos)
        sendRawError(session, catalogue, "URI Too Long",
            {414, "uri_too_long", "error.uri_too_long", "the request URI is too long; shorten it", {}});
    else
        sendRawError(session, catalogue, "Bad Request",
            {400, "invalid_argument", "error.malformed_request", "malformed HTTP request: " + text, {}});
}

// Answers a request whose HTTP Basic credentials were not accepted: 429 with
// Retry-After for a throttled address, even when the password is right, and
// 401 for wrong credentials. Neither falls back to an anonymous caller, so a
// script with a mistyped password does not read "not found" or public data.
void rejectCredentials(Exchange& exchange)
{
    if (exchange.caller.throttled) {
        const std::string seconds = std::to_string(std::max<std::int64_t>(exchange.caller.retryAfter.count(), 1));
        exchange.response.set("Retry-After", seconds);
        sendError(exchange, {429, "too_many_requests", "error.credentials_throttled",
            "too many wrong passwords from this address; wait " + seconds + " seconds and try again",
            {{"seconds", seconds}}});
        return;
    }
    exchange.response.set("WWW-Authenticate", kBasicChallenge);
    sendError(exchange, {401, "unauthorized", "error.credentials_wrong",
        "the user name or password is wrong; check the HTTP Basic credentials, or send no Authorization header "
        "to read as the public",
        {}});
}

// Poco's session with access to the bytes it has buffered, so a request the
// client already sent is never mistaken for an idle connection.
class Session : public Poco::Net::HTTPServerSession {
public:
    using HTTPServerSession::HTTPServerSession;
    using HTTPServerSession::buffered;
};

// The state every connection shares: the options, the router, the guard and the
// number of connections waiting for a thread.
struct ConnectionContext {
    const ServerOptions& options;
    std::shared_ptr<const Router> router;
    Authenticate authenticate;
    ConnectionGuard& guard;
    const ClientAddressResolver& addresses;
    std::function<int()> queued;
    const std::atomic<bool>& stopping;
};

// Serves the requests of one connection. Poco gives a connection its
// thread for as long as it stays open, so a keep-alive client could hold a
// thread while others wait in the queue and never get a response. This loop
// therefore closes the connection after a response, and an idle one while
// it waits, whenever connections are queued: each client gets answers in
// turn and reconnects at the back of the queue.
class Connection : public Poco::Net::TCPServerConnection {
public:
    Connection(const Poco::Net::StreamSocket& socket, const ConnectionContext& context)
        : TCPServerConnection(socket)
        , context_(context)
        , id_(context.guard.nextId())
    {
    }

    void run() override
    {
        const std::string address = socket().peerAddress().host().toString();
        // A trusted proxy carries many clients on its connections.
        const bool limited = !context_.addresses.trusted(address);
        if (limited && !context_.guard.admit(address)) {
            Session session(socket(), makeParams());
            sendRawError(session, context_.router->catalogue(), "Service Unavailable",
                {503, "too_many_connections", "error.too_many_connections",
                    "too many connections from one address; close some and retry", {}});
            return;
        }
        Poco::Net::HTTPServerParams::Ptr params = makeParams();
        Session session(socket(), params);
        for (int served = 0; waitForRequest(session, served == 0); ++served) {
            try {
                if (!serveOne(session, params, address, served + 1 >= context_.options.maxKeepAliveRequests))
                    break;
            } catch (const Poco::Net::NoMessageException&) {
                break;
            } catch (const Poco::Net::MessageException& error) {
                answerMalformedRequest(session, context_.router->catalogue(), error);
                break;
            } catch (const Poco::TimeoutException&) {
                break;
            } catch (const Poco::Net::NetException&) {
                break;
            } catch (const Poco::IOException&) {
                break;
            }
        }
        context_.guard.endHeaderDeadline(id_);
        if (limited)
            context_.guard.release(address);
    }

private:
    Poco::Net::HTTPServerParams::Ptr makeParams() const
    {
        Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
        params->setKeepAlive(true);
        params->setKeepAliveTimeout(Poco::Timespan(context_.options.keepAliveSeconds, 0));
        params->setTimeout(Poco::Timespan(context_.options.readTimeoutSeconds, 0));
        return params;
    }

    // Waits for the next request's first bytes in short slices. A connection
    // idle for a second gives its thread up when others are queued. The
    // grace keeps a busy client's next request from racing the close.
    bool waitForRequest(Session& session, bool first)
    {
        if (!first && !session.getKeepAlive())
            return false;
        if (session.buffered() > 0)
            return true;
        const auto timeout = first ? context_.options.readTimeoutSeconds : context_.options.keepAliveSeconds;
        const auto start = std::chrono::steady_clock::now();
        const auto deadline = start + std::chrono::seconds(timeout);
        const auto grace = start + std::chrono::milliseconds(1000);
        for (;;) {
            if (socket().poll(Poco::Timespan(0, 50000), Poco::Net::Socket::SELECT_READ))
                return true;
            const auto now = std::chrono::steady_clock::now();
            if (now >= deadline || context_.stopping)
                return false;
            if (now >= grace && context_.queued() > 0)
                return false;
        }
    }

    // Serves one request; returns false when the connection must close.
    bool serveOne(Session& session, Poco::Net::HTTPServerParams::Ptr params, const std::string& peer, bool lastAllowed)
    {
        Poco::Net::HTTPServerResponseImpl response(session);
        context_.guard.startHeaderDeadline(id_, socket());
        Poco::Net::HTTPServerRequestImpl request(response, session, params);
        context_.guard.endHeaderDeadline(id_);

        response.setVersion(request.getVersion());
        const bool othersWaiting = context_.queued() > 0;
        response.setKeepAlive(request.getKeepAlive() && !lastAllowed && !othersWaiting);

        Exchange exchange{request, response, {}, nextRequestId(), {},
            context_.addresses.resolve(peer, request.get("X-Forwarded-For", ""))};
        exchange.catalogue = context_.router->catalogue();
        const auto& limits = context_.options.limits;
        if (request.has("Content-Length") && request.getContentLength64() > static_cast<Poco::Int64>(limits.maxBodyBytes)) {
            response.setKeepAlive(false);
            sendError(exchange, {413, "payload_too_large", "error.body_too_large",
                "the request body is larger than " + std::to_string(limits.maxBodyBytes) + " bytes",
                {{"limit", std::to_string(limits.maxBodyBytes)}}});
            return false;
        }
        if (request.getExpectContinue())
            response.sendContinue();

        try {
            exchange.caller = context_.authenticate(request, exchange.clientAddress);
            if (exchange.caller.throttled || exchange.caller.credentialsRejected) {
                // The request body is left unread, so the connection cannot carry another request.
                response.setKeepAlive(false);
                rejectCredentials(exchange);
                return false;
            }
            context_.router->dispatch(exchange);
        } catch (const Poco::Exception& error) {
            logger("web").error("request %s failed: %s", exchange.requestId, error.displayText());
            if (!response.sent())
                sendError(exchange, {500, "internal", "error.internal", "internal error; the request id is in the server log",
                    {{"request_id", exchange.requestId}}});
            return false;
        } catch (const std::exception& error) {
            logger("web").error("request %s failed: %s", exchange.requestId, std::string(error.what()));
            if (!response.sent())
                sendError(exchange, {500, "internal", "error.internal", "internal error; the request id is in the server log",
                    {{"request_id", exchange.requestId}}});
            return false;
        }
        session.setKeepAlive(response.getKeepAlive());
        return response.getKeepAlive();
    }

    const ConnectionContext& context_;
    std::uint64_t id_;
};

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    explicit ConnectionFactory(ConnectionContext context)
        : context_(std::move(context))
    {
    }

    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override
    {
        return new Connection(socket, context_);
    }

private:
    ConnectionContext context_;
};

} // namespace

HttpServer::HttpServer(const ServerOptions& options, std::shared_ptr<const Router> router, Authenticate authenticate)
    : options_(options)
{
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(options_.host, options_.port), options_.queueLength);
    Poco::Net::TCPServerParams::Ptr params = new Poco::Net::TCPServerParams;
    params->setMaxThreads(options_.threads);
    params->setMaxQueued(options_.queueLength);
    threads_ = std::make_unique<Poco::ThreadPool>(2, options_.threads, 60);
    addresses_ = std::make_unique<ClientAddressResolver>(options_.trustedProxies);
    guard_ = std::make_unique<ConnectionGuard>(
        std::chrono::seconds(options_.headerDeadlineSeconds), options_.maxConnectionsPerAddress);
    Poco::Net::TCPServer** server = &serverForQueue_;
    ConnectionContext context{options_, std::move(router), std::move(authenticate), *guard_, *addresses_,
        [server] { return *server ? (*server)->queuedConnections() : 0; }, stopping_};
    // Poco's TCPServer owns the factory it is given.
    server_ = std::make_unique<Poco::Net::TCPServer>(new ConnectionFactory(std::move(context)), *threads_, socket, params);
    serverForQueue_ = server_.get();
}

HttpServer::~HttpServer()
{
    stop();
}

void HttpServer::start()
{
    server_->start();
    logger("web").information("listening on http://%s:%hu with %d threads", options_.host, port(), options_.threads);
}

void HttpServer::stop()
{
    if (server_) {
        // Idle connections notice within one poll slice and close.
        stopping_ = true;
        server_->stop();
        threads_->joinAll();
        serverForQueue_ = nullptr;
        server_.reset();
    }
}

std::uint16_t HttpServer::port() const
{
    return server_->socket().address().port();
}

} // namespace majlis::web
