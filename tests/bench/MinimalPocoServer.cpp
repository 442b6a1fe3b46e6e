// The peers of the load benchmark, on Poco's HTTPServer with its default
// parameters:
//   - every path but /search: the same 12 KB page, the ceiling that shows
//     what the embedded server costs on top of Poco itself;
//   - /search?q=QUERY, when started with a bare Xapian index
//     (majlis_bench_scale index --engine xapian): the query through
//     Xapian::QueryParser with Stem("arabic") and get_mset(0, 10), sent
//     as JSON with each hit's id, title and weight, and with &snippet=1
//     also Xapian's own MSet::snippet of the text. This is the rate of bare
//     Xapian queries served over the same HTTP stack.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

#include <Poco/URI.h>

#include <xapian.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
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

std::string jsonString(const std::string& text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (static_cast<unsigned char>(c) < 0x20)
            out += ' ';
        else
            out += c;
    }
    return out + "\"";
}

class BareXapianSearch : public Poco::Net::HTTPRequestHandler {
public:
    explicit BareXapianSearch(const std::string& indexPath)
        : indexPath_(indexPath)
    {
    }

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        // Xapian databases are not thread-safe, so each thread opens its own.
        thread_local std::unique_ptr<Xapian::Database> database;
        if (!database)
            database = std::make_unique<Xapian::Database>(indexPath_);
        std::string query;
        bool snippets = false;
        for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) {
            if (name == "q")
                query = value;
            else if (name == "snippet")
                snippets = value == "1";
        }

        Xapian::QueryParser parser;
        const Xapian::Stem stemmer("arabic");
        parser.set_stemmer(stemmer);
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser.set_database(*database);
        database->reopen();
        Xapian::Enquire enquire(*database);
        enquire.set_query(parser.parse_query(query, Xapian::QueryParser::FLAG_DEFAULT));
        const Xapian::MSet matches = enquire.get_mset(0, 10);

        std::string body = "{\"total\": " + std::to_string(matches.get_matches_estimated()) + ", \"results\": [";
        for (auto hit = matches.begin(); hit != matches.end(); ++hit) {
            const std::string data = hit.get_document().get_data();
            const auto newline = data.find('\n');
            if (hit != matches.begin())
                body += ", ";
            body += "{\"id\": " + std::to_string(*hit) + ", \"title\": " + jsonString(data.substr(0, newline))
                + ", \"score\": " + std::to_string(hit.get_weight());
            if (snippets && newline != std::string::npos)
                body += ", \"snippet\": " + jsonString(matches.snippet(data.substr(newline + 1), 200, stemmer));
            body += "}";
        }
        body += "]}";
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength(static_cast<std::streamsize>(body.size()));
        response.send() << body;
    }

private:
    const std::string& indexPath_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(std::string indexPath)
        : indexPath_(std::move(indexPath))
    {
    }

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override
    {
        if (!indexPath_.empty() && Poco::URI(request.getURI()).getPath() == "/search")
            return new BareXapianSearch(indexPath_);
        return new FixedPage;
    }

private:
    std::string indexPath_;
};

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2 && argc != 3) {
        std::cerr << "usage: majlis_bench_minimal_server PORT [XAPIAN_INDEX] (listens on 127.0.0.1)\n";
        return 2;
    }
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(std::atoi(argv[1]))));
    Poco::Net::HTTPServer server(new Factory(argc == 3 ? argv[2] : ""), socket, new Poco::Net::HTTPServerParams);
    server.start();
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
    return 0;
}
