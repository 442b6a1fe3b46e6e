#pragma once

#include "accounts/AccountStore.h"
#include "accounts/SessionStore.h"
#include "web/Exchange.h"
#include "web/LoginThrottle.h"

#include <Poco/Net/HTTPServerRequest.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace majlis::web {

// The portal's session cookie.
inline constexpr const char* kSessionCookie = "majlis_session";

// Finds the caller of a request: the account of a live portal session
// (cookie `majlis_session`), else the account of HTTP Basic credentials
// (API scripts), else an anonymous member of the public. Wrong Basic
// credentials count against `throttle` per client address and give a caller
// marked `credentialsRejected`. A throttled address is not even checked
// (Argon2id is costly) and gets a caller marked `throttled`. The server
// answers both with an error (401 or 429) before any route runs.
class Authenticator {
public:
    Authenticator(accounts::AccountStore& accounts, accounts::SessionStore& sessions, LoginThrottle& throttle);

    Caller authenticate(const Poco::Net::HTTPServerRequest& request, const std::string& clientAddress);

private:
    std::optional<accounts::Account> checkBasic(const std::string& header);

    accounts::AccountStore& accounts_;
    accounts::SessionStore& sessions_;
    LoginThrottle& throttle_;
    // SHA-256 of Authorization headers already verified, with the user name
    // and password hash they matched, so Argon2id runs once per credential.
    // A changed password or a disabled account invalidates the entry on its
    // next use.
    std::map<std::string, std::pair<std::string, std::string>> verified_;
    std::mutex mutex_;
};

} // namespace majlis::web
