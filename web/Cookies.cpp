#include "web/Cookies.h"

#include <Poco/Net/NameValueCollection.h>
#include <Poco/String.h>

namespace majlis::web {

std::optional<std::string> cookieValue(const Poco::Net::HTTPServerRequest& request, const std::string& name)
{
    Poco::Net::NameValueCollection cookies;
    request.getCookies(cookies);
    if (!cookies.has(name))
        return std::nullopt;
    return cookies.get(name);
}

bool cameOverTls(const Poco::Net::HTTPServerRequest& request)
{
    return Poco::icompare(request.get("X-Forwarded-Proto", ""), "https") == 0;
}

void addCookie(Poco::Net::HTTPServerResponse& response, const Poco::Net::HTTPServerRequest& request,
    const std::string& name, const std::string& value, const CookieOptions& options)
{
    std::string header = name + "=" + value + "; Path=/; SameSite=Strict";
    if (options.maxAgeSeconds >= 0)
        header += "; Max-Age=" + std::to_string(options.maxAgeSeconds);
    if (options.httpOnly)
        header += "; HttpOnly";
    if (cameOverTls(request))
        header += "; Secure";
    response.add("Set-Cookie", header);
}

} // namespace majlis::web
