#include "web/HttpServer.h"

#include "core/Log.h"

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
    return "q" + std::to_string(++requestCounter);
}

// Answers a request that could not be parsed, then closes the connection.
void sendRawError(Poco::Net::HTTPServerSession& session, int status, const std::string& reason,
    const std::string& code, const std::string& message)
{
    const std::string body = nlohmann::json{{"error", {{"code", code}, {"message", message}}}}.dump();
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status), reason);
    response.setContentType("application/json; charset=utf-8");
    response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    response.setKeepAlive(false);
    addSecurityHeaders(response);
    response.send() << body;
    session.setKeepAlive(false);
}

// Maps Poco's header-parsing failures to a status: long or many header
// fields 431, a long request line 414, anything else 400.
void answerMalformedRequest(Poco::Net::HTTPServerSession& session, const Poco::Net::MessageException& error)
{
    const std::string text = error.message();
    if (text.find("Field") != std::string::npos || text.find("header") != std::string::npos)
        sendRawError(session, 431, "Request Header Fields Too Large", "headers_too_large",
            "the request headers are too large: " + text + "; send fewer or shorter headers");
    else if (text.find("URI") != std::string::npos)
        sendRawError(session, 414, "URI Too Long", "uri_too_long", "the request URI is too long; shorten it");
    else
        sendRawError(session, 400, "Bad Request", "invalid_argument", "malformed HTTP request: " + text);
}

class Connection : public Poco::Net::TCPServerConnection {
public:
    Connection(const Poco::Net::StreamSocket& socket, const ServerOptions& options,
        std::shared_ptr<const Router> router, Authenticate authenticate)
        : TCPServerConnection(socket)
        , options_(options)
        , router_(std::move(router))
        , authenticate_(std::move(authenticate))
    {
    }

    void run() override
    {
        Poco::Net::HTTPServerParams::Ptr params = makeParams();
        Poco::Net::HTTPServerSession session(socket(), params);
        while (session.hasMoreRequests()) {
            try {
                if (!serveOne(session, params))
                    break;
            } catch (const Poco::Net::NoMessageException&) {
                break;
            } catch (const Poco::Net::MessageException& error) {
                answerMalformedRequest(session, error);
                break;
            } catch (const Poco::TimeoutException&) {
                break;
            } catch (const Poco::Net::NetException&) {
                break;
            } catch (const Poco::IOException&) {
                break;
            }
        }
    }

private:
    Poco::Net::HTTPServerParams::Ptr makeParams() const
    {
        Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
        params->setKeepAlive(true);
        params->setKeepAliveTimeout(Poco::Timespan(options_.keepAliveSeconds, 0));
        params->setMaxKeepAliveRequests(options_.maxKeepAliveRequests);
        params->setTimeout(Poco::Timespan(options_.readTimeoutSeconds, 0));
        return params;
    }

    // Serves one request; returns false when the connection must close.
    bool serveOne(Poco::Net::HTTPServerSession& session, Poco::Net::HTTPServerParams::Ptr params)
    {
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session, params);
        response.setVersion(request.getVersion());
        response.setKeepAlive(request.getKeepAlive() && session.canKeepAlive());

        Exchange exchange{request, response, {}, nextRequestId(), {}};
        if (request.has("Content-Length") && request.getContentLength64() > static_cast<Poco::Int64>(options_.limits.maxBodyBytes)) {
            response.setKeepAlive(false);
            sendError(exchange, 413, "payload_too_large",
                "the request body is larger than " + std::to_string(options_.limits.maxBodyBytes) + " bytes");
            return false;
        }
        if (request.getExpectContinue())
            response.sendContinue();

        exchange.caller = authenticate_(request);
        try {
            router_->dispatch(exchange);
        } catch (const Poco::Exception& error) {
            logger("web").error("request %s failed: %s", exchange.requestId, error.displayText());
            if (!response.sent())
                sendError(exchange, 500, "internal", "internal error; the request id is in the server log");
            return false;
        } catch (const std::exception& error) {
            logger("web").error("request %s failed: %s", exchange.requestId, std::string(error.what()));
            if (!response.sent())
                sendError(exchange, 500, "internal", "internal error; the request id is in the server log");
            return false;
        }
        session.setKeepAlive(response.getKeepAlive() && session.canKeepAlive());
        return true;
    }

    const ServerOptions& options_;
    std::shared_ptr<const Router> router_;
    Authenticate authenticate_;
};

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    ConnectionFactory(const ServerOptions& options, std::shared_ptr<const Router> router, Authenticate authenticate)
        : options_(options)
        , router_(std::move(router))
        , authenticate_(std::move(authenticate))
    {
    }

    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override
    {
        return new Connection(socket, options_, router_, authenticate_);
    }

private:
    const ServerOptions& options_;
    std::shared_ptr<const Router> router_;
    Authenticate authenticate_;
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
    // Poco's TCPServer owns the factory it is given.
    server_ = std::make_unique<Poco::Net::TCPServer>(
        new ConnectionFactory(options_, std::move(router), std::move(authenticate)), *threads_, socket, params);
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
        server_->stop();
        server_.reset();
        threads_->joinAll();
    }
}

std::uint16_t HttpServer::port() const
{
    return server_->socket().address().port();
}

} // namespace majlis::web
