#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <nlohmann/json.hpp>

#include "accounts/AccessPolicy.h"
#include "accounts/SessionStore.h"

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace majlis::web {

class Catalogue;

// The identity behind a request, as the server's Authenticate function
// found it: the account of the portal's session cookie or of HTTP Basic
// credentials, else an anonymous member of the public (role citizen, no
// user name). What the caller may read and write is decided by
// web/Access.h, which applies accounts/AccessPolicy.h.
struct Caller {
    std::string username;                          // empty when anonymous
    accounts::Role role = accounts::Role::citizen; // citizen when anonymous
    std::string council;                           // the account's council; empty: the whole secretariat
    std::string name = "anonymous";                // the user name, or "anonymous": the author written on records
    bool throttled = false;                        // too many wrong credentials from this address
    std::chrono::seconds retryAfter{0};            // when throttled: the wait until this address may try again
    bool credentialsRejected = false;              // sent HTTP Basic credentials that are wrong
    // The portal session the caller came with (cookie), with its CSRF token;
    // null for HTTP Basic and anonymous callers.
    std::shared_ptr<const accounts::Session> session;

    bool signedIn() const { return !username.empty(); }
    bool administrator() const { return signedIn() && role == accounts::Role::administrator; }
    accounts::Principal principal() const { return {username, role, council}; }

    // The caller of a signed-in account.
    static Caller of(const accounts::Account& account);
};

// The WWW-Authenticate header of a 401 that requests HTTP Basic credentials.
inline constexpr const char* kBasicChallenge = "Basic realm=\"Majlis\", charset=\"UTF-8\"";

// One request and its response, with the router's path parameters.
struct Exchange {
    Poco::Net::HTTPServerRequest& request;
    Poco::Net::HTTPServerResponse& response;
    std::map<std::string, std::string> pathParams;
    std::string requestId;
    Caller caller;
    std::string clientAddress; // decided by web::ClientAddressResolver
    // The texts that error responses carry in Arabic and English; the server
    // sets it from its router, and it stays null without one.
    const Catalogue* catalogue = nullptr;

    const std::string& param(const std::string& name) const { return pathParams.at(name); }
    std::optional<std::string> query(const std::string& name) const;

    void sendJson(int status, const nlohmann::json& body);
    // Sends a JSON text that sendJson's serialisation made earlier.
    void sendJsonText(int status, const std::string& text);
};

// Sets the status with its reason phrase, including those Poco 1.11 lacks.
void setStatus(Poco::Net::HTTPServerResponse& response, int status);

// Writes the security headers every response carries.
void addSecurityHeaders(Poco::Net::HTTPServerResponse& response);

} // namespace majlis::web
