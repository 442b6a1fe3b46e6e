#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace majlis::test {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers; // names lower-cased
    std::string body;

    std::string header(const std::string& lowerName) const
    {
        const auto found = headers.find(lowerName);
        return found == headers.end() ? std::string() : found->second;
    }
};

// Sends one request over loopback to 127.0.0.1:`port` and returns the reply.
HttpReply httpRequest(std::uint16_t port, const std::string& method, const std::string& path,
    const std::map<std::string, std::string>& headers = {}, const std::string& body = {});

std::string basicAuthorization(const std::string& user, const std::string& password);

} // namespace majlis::test
