#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>

namespace majlis::web {

// The identity behind a request. Until accounts exist there is one configured
// administrator; everyone else is an anonymous citizen.
struct Caller {
    bool administrator = false;
    bool throttled = false; // too many wrong credentials from this address
    std::string name = "anonymous";
};

// One request and its response, with the router's path parameters.
struct Exchange {
    Poco::Net::HTTPServerRequest& request;
    Poco::Net::HTTPServerResponse& response;
    std::map<std::string, std::string> pathParams;
    std::string requestId;
    Caller caller;

    const std::string& param(const std::string& name) const { return pathParams.at(name); }
    std::optional<std::string> query(const std::string& name) const;

    void sendJson(int status, const nlohmann::json& body);
};

// Sets the status with its reason phrase, including those Poco 1.11 lacks.
void setStatus(Poco::Net::HTTPServerResponse& response, int status);

// Writes the security headers every response carries.
void addSecurityHeaders(Poco::Net::HTTPServerResponse& response);

} // namespace majlis::web
