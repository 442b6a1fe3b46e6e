#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <optional>
#include <string>

namespace majlis::web {

// The value of one cookie of the request, if sent.
std::optional<std::string> cookieValue(const Poco::Net::HTTPServerRequest& request, const std::string& name);

// True when the client reached us over TLS, which a reverse proxy in front
// of this plain-HTTP server reports with X-Forwarded-Proto.
bool cameOverTls(const Poco::Net::HTTPServerRequest& request);

struct CookieOptions {
    bool httpOnly = true;
    int maxAgeSeconds = -1; // -1 for a session cookie, 0 to delete the cookie now
};

// Adds Set-Cookie with Path=/ and SameSite=Strict, and Secure when the
// request came over TLS. `value` must be a cookie-octet string (RFC 6265),
// which every value we set is: hex ids and language codes.
void addCookie(Poco::Net::HTTPServerResponse& response, const Poco::Net::HTTPServerRequest& request,
    const std::string& name, const std::string& value, const CookieOptions& options = {});

} // namespace majlis::web
