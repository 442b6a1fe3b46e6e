#include "tests/support/HttpClient.h"
#include "tests/support/TempDir.h"
#include "web/Service.h"

#include <boost/test/unit_test.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <chrono>
#include <sstream>
#include <thread>

using namespace majlis;

namespace {

struct SmallServer {
    test::TempDir dir;
    std::unique_ptr<web::Service> service;

    explicit SmallServer(web::ServerOptions options)
    {
        options.port = 0;
        service = std::make_unique<web::Service>(dir.path(), options);
        service->start();
    }
    std::uint16_t port() const { return service->port(); }
};

// Sends one GET on a kept-alive session; reconnects when the server closed it.
bool getHealth(Poco::Net::HTTPClientSession& session)
{
    Poco::Net::HTTPRequest request("GET", "/api/v1/health", Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::ostringstream body;
    Poco::StreamCopier::copyStream(session.receiveResponse(response), body);
    return response.getStatus() == 200;
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_server)

BOOST_AUTO_TEST_CASE(keep_alive_clients_are_all_served)
{
    web::ServerOptions options;
    options.threads = 4;
    SmallServer server(options);

    // Greedy clients keep their connections busy for as long as the test
    // runs; with one thread per connection for its whole life they would
    // hold every thread and the others would never get a response.
    std::atomic<bool> stop = false;
    std::vector<std::thread> greedy;
    for (int i = 0; i < 4; ++i)
        greedy.emplace_back([&] {
            Poco::Net::HTTPClientSession session("127.0.0.1", server.port());
            session.setTimeout(Poco::Timespan(10, 0));
            while (!stop) {
                try {
                    getHealth(session);
                } catch (const Poco::Exception&) {
                    session.reset();
                }
            }
        });

    std::atomic<int> satisfied = 0;
    std::vector<std::thread> waiting;
    for (int i = 0; i < 12; ++i)
        waiting.emplace_back([&] {
            Poco::Net::HTTPClientSession session("127.0.0.1", server.port());
            session.setTimeout(Poco::Timespan(30, 0));
            int answers = 0;
            for (int attempt = 0; attempt < 20 && answers < 3; ++attempt) {
                try {
                    answers += getHealth(session);
                } catch (const Poco::Exception&) {
                    session.reset();
                }
            }
            satisfied += answers == 3;
        });
    for (auto& thread : waiting)
        thread.join();
    stop = true;
    for (auto& thread : greedy)
        thread.join();
    BOOST_TEST(satisfied == 12);
}

BOOST_AUTO_TEST_CASE(slow_headers_are_cut_off)
{
    web::ServerOptions options;
    options.threads = 2;
    options.headerDeadlineSeconds = 1;
    SmallServer server(options);

    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", server.port()));
    socket.setReceiveTimeout(Poco::Timespan(20, 0));
    const std::string start = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
    socket.sendBytes(start.data(), static_cast<int>(start.size()));
    // Trickle one header byte at a time, never finishing the headers.
    char reply[256];
    int received = -1;
    for (int i = 0; i < 40; ++i) {
        try {
            socket.sendBytes("X", 1);
        } catch (const Poco::Exception&) {
            received = 0;
            break;
        }
        if (socket.poll(Poco::Timespan(0, 250000), Poco::Net::Socket::SELECT_READ)) {
            try {
                received = socket.receiveBytes(reply, sizeof reply);
            } catch (const Poco::Exception&) {
                received = 0;
            }
            break;
        }
    }
    BOOST_TEST(received == 0, "the server kept a connection whose headers never ended");
    // The server still responds to others.
    BOOST_TEST(test::httpRequest(server.port(), "GET", "/api/v1/health").status == 200);
}

BOOST_AUTO_TEST_CASE(connections_per_address_are_limited)
{
    web::ServerOptions options;
    options.threads = 8;
    options.maxConnectionsPerAddress = 2;
    SmallServer server(options);

    Poco::Net::StreamSocket first(Poco::Net::SocketAddress("127.0.0.1", server.port()));
    Poco::Net::StreamSocket second(Poco::Net::SocketAddress("127.0.0.1", server.port()));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto third = test::httpRequest(server.port(), "GET", "/api/v1/health");
    BOOST_TEST(third.status == 503);
    BOOST_TEST(third.body.find("too_many_connections") != std::string::npos);
    first.close();
    second.close();
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(http_limits)

BOOST_AUTO_TEST_CASE(chunked_upload_over_limit_rejected)
{
    web::ServerOptions options;
    options.threads = 4;
    options.limits.maxBodyBytes = 64 * 1024;
    SmallServer server(options);
    const std::string admin = test::basicAuthorization("admin", *server.service->createdAdminPassword());

    const std::string boundary = "----limit";
    std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\ndocument\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nكبير\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n\r\n";
    body += std::string(200 * 1024, 'x') + "\r\n--" + boundary + "--\r\n";

    // No Content-Length: the body arrives in chunks, so only counting catches it.
    Poco::Net::HTTPClientSession session("127.0.0.1", server.port());
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request("POST", "/api/v1/records", Poco::Net::HTTPMessage::HTTP_1_1);
    request.setChunkedTransferEncoding(true);
    request.setContentType("multipart/form-data; boundary=" + boundary);
    request.set("Authorization", admin);
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::ostringstream reply;
    Poco::StreamCopier::copyStream(session.receiveResponse(response), reply);
    BOOST_TEST(static_cast<int>(response.getStatus()) == 413, reply.str());
    BOOST_TEST(reply.str().find("payload_too_large") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
