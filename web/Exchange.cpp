#include "web/Exchange.h"

#include <Poco/URI.h>

namespace majlis::web {

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
    const std::string text = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType("application/json; charset=utf-8");
    response.setContentLength64(static_cast<Poco::Int64>(text.size()));
    response.set("Cache-Control", "no-store");
    addSecurityHeaders(response);
    response.send().write(text.data(), static_cast<std::streamsize>(text.size()));
}

void addSecurityHeaders(Poco::Net::HTTPServerResponse& response)
{
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    response.set("X-Frame-Options", "DENY");
    response.set("Referrer-Policy", "same-origin");
}

} // namespace majlis::web
