// The ceiling for the load benchmark: Poco's HTTPServer with its default
// parameters, sending the same 12 KB page for every request, so the figures
// show what the embedded server costs on top of Poco itself.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

const std::string& page()
{
    static const std::string body = [] {
        std::string html = "<!doctype html><html lang=\"ar\" dir=\"rtl\"><body>";
        while (html.size() < 12 * 1024 - 20)
            html += "<p>قرار المجلس البلدي رقم 12 لسنة 1446</p>";
        return html + "</body></html>";
    }();
    return body;
}

class FixedPage : public Poco::Net::HTTPRequestHandler {
public:
    void handleRequest(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response) override
    {
        response.setContentType("text/html; charset=utf-8");
        response.setContentLength(static_cast<std::streamsize>(page().size()));
        response.send() << page();
    }
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new FixedPage;
    }
};

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: majlis_bench_minimal_server PORT (listens on 127.0.0.1)\n";
        return 2;
    }
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(std::atoi(argv[1]))));
    Poco::Net::HTTPServer server(new Factory, socket, new Poco::Net::HTTPServerParams);
    server.start();
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
    return 0;
}
