#pragma once

#include "tests/support/HttpClient.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace majlis::test {

// A reply with every Set-Cookie header kept, which HttpReply folds into one.
struct SessionReply : HttpReply {
    std::vector<std::string> setCookies;

    // The Set-Cookie header that sets `name`, or "".
    std::string setCookie(const std::string& name) const;
};

// A client that keeps cookies between requests, like a browser without
// script: what the server sets is sent back on the next request.
class HttpSession {
public:
    explicit HttpSession(std::uint16_t port)
        : port_(port)
    {
    }

    SessionReply get(const std::string& path, std::map<std::string, std::string> headers = {});
    SessionReply postForm(const std::string& path, const std::map<std::string, std::string>& fields);
    SessionReply post(const std::string& path, const std::string& contentType, const std::string& body);

    std::map<std::string, std::string>& cookies() { return cookies_; }

private:
    SessionReply send(const std::string& method, const std::string& path, std::map<std::string, std::string> headers,
        const std::string& body);

    std::uint16_t port_;
    std::map<std::string, std::string> cookies_;
};

// application/x-www-form-urlencoded encoding of `fields`.
std::string formEncode(const std::map<std::string, std::string>& fields);

// The value of the first `<input … name="NAME" value="…">` in `html`.
std::string inputValue(const std::string& html, const std::string& name);

} // namespace majlis::test
