#include "web/Exchange.h"

#include <Poco/URI.h>

namespace majlis::web {

namespace {

bool hasBody(const Poco::Net::HTTPServerRequest& request)
{
    return request.getChunkedTransferEncoding() || request.getContentLength64() > 0;
}

} // namespace

Caller Caller::of(const accounts::Account& account)
{
    Caller caller;
    caller.username = account.username;
    caller.role = account.role;
    caller.council = account.council;
    caller.name = account.username;
    return caller;
}

std::optional<std::string> Exchange::query(const std::string& name) const
{
    const Poco::URI uri(request.getURI());
    for (const auto& [key, value] : uri.getQueryParameters())
        if (key == name)
            return value;
    return std::nullopt;
}

void Exchange::sendJson(int status, const nlohmann::json& body)
{
    sendJsonText(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Exchange::sendJsonText(int status, const std::string& text)
{
    setStatus(response, status);
    if (status >= 400 && hasBody(request))
        response.setKeepAlive(false); // the unread body would be taken for the next request
    response.setContentType("application/json; charset=utf-8");
    response.setContentLength64(static_cast<Poco::Int64>(text.size()));
    response.set("Cache-Control", "no-store");
    addSecurityHeaders(response);
    response.send().write(text.data(), static_cast<std::streamsize>(text.size()));
}

void setStatus(Poco::Net::HTTPServerResponse& response, int status)
{
    const auto code = static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status);
    std::string reason = Poco::Net::HTTPResponse::getReasonForStatus(code);
    // Statuses newer than Poco 1.11's table.
    if (status == 431)
        reason = "Request Header Fields Too Large";
    else if (status == 507)
        reason = "Insufficient Storage";
    else if (status == 429)
        reason = "Too Many Requests";
    response.setStatusAndReason(code, reason);
}

void addSecurityHeaders(Poco::Net::HTTPServerResponse& response)
{
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    response.set("X-Frame-Options", "DENY");
    response.set("Referrer-Policy", "same-origin");
}

} // namespace majlis::web
