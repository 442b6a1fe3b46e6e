#include "tests/support/HttpClient.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <cctype>
#include <sstream>

namespace majlis::test {

HttpReply httpRequest(std::uint16_t port, const std::string& method, const std::string& path,
    const std::map<std::string, std::string>& headers, const std::string& body)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(60, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers)
        request.set(name, value);
    if (!body.empty() || method == "POST")
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    session.sendRequest(request) << body;

    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpReply reply;
    reply.status = response.getStatus();
    for (const auto& [name, value] : response) {
        std::string lower = name;
        for (char& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        reply.headers[lower] = value;
    }
    std::ostringstream content;
    Poco::StreamCopier::copyStream(in, content);
    reply.body = content.str();
    return reply;
}

std::string basicAuthorization(const std::string& user, const std::string& password)
{
    std::ostringstream encoded;
    Poco::Base64Encoder encoder(encoded);
    encoder.rdbuf()->setLineLength(0);
    encoder << user << ':' << password;
    encoder.close();
    return "Basic " + encoded.str();
}

} // namespace majlis::test
