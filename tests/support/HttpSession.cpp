#include "tests/support/HttpSession.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <cctype>
#include <sstream>

namespace majlis::test {

std::string SessionReply::setCookie(const std::string& name) const
{
    for (const std::string& header : setCookies)
        if (header.starts_with(name + "="))
            return header;
    return {};
}

std::string formEncode(const std::map<std::string, std::string>& fields)
{
    std::string body;
    for (const auto& [name, value] : fields) {
        std::string encodedName;
        std::string encodedValue;
        Poco::URI::encode(name, "!#$&'()*+,/:;=?@[]%\" ", encodedName);
        Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]%\" ", encodedValue);
        body += (body.empty() ? "" : "&") + encodedName + "=" + encodedValue;
    }
    return body;
}

std::string inputValue(const std::string& html, const std::string& name)
{
    const std::string marker = "name=\"" + name + "\" value=\"";
    const auto at = html.find(marker);
    if (at == std::string::npos)
        return {};
    const auto start = at + marker.size();
    return html.substr(start, html.find('"', start) - start);
}

SessionReply HttpSession::get(const std::string& path, std::map<std::string, std::string> headers)
{
    return send("GET", path, std::move(headers), {});
}

SessionReply HttpSession::postForm(const std::string& path, const std::map<std::string, std::string>& fields)
{
    return post(path, "application/x-www-form-urlencoded", formEncode(fields));
}

SessionReply HttpSession::post(const std::string& path, const std::string& contentType, const std::string& body)
{
    return send("POST", path, {{"Content-Type", contentType}}, body);
}

SessionReply HttpSession::send(const std::string& method, const std::string& path,
    std::map<std::string, std::string> headers, const std::string& body)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port_);
    session.setTimeout(Poco::Timespan(60, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers)
        request.set(name, value);
    if (!cookies_.empty()) {
        Poco::Net::NameValueCollection cookies;
        for (const auto& [name, value] : cookies_)
            cookies.add(name, value);
        request.setCookies(cookies);
    }
    if (method == "POST")
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    session.sendRequest(request) << body;

    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    SessionReply reply;
    reply.status = response.getStatus();
    for (const auto& [name, value] : response) {
        std::string lower = name;
        for (char& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        reply.headers[lower] = value;
        if (lower == "set-cookie")
            reply.setCookies.push_back(value);
    }
    for (const std::string& header : reply.setCookies) {
        const auto equals = header.find('=');
        const auto end = header.find(';');
        const std::string name = header.substr(0, equals);
        const std::string value = header.substr(equals + 1, end == std::string::npos ? std::string::npos : end - equals - 1);
        if (header.find("Max-Age=0") != std::string::npos)
            cookies_.erase(name);
        else
            cookies_[name] = value;
    }
    std::ostringstream content;
    Poco::StreamCopier::copyStream(in, content);
    reply.body = content.str();
    return reply;
}

} // namespace majlis::test
