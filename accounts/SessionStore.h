#pragma once

#include "accounts/AccountStore.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace majlis::accounts {

// A signed-in session. Only the SHA-256 of the token is stored, so a copy of
// the database signs nobody in.
struct Session {
    std::string id;        // the token as the cookie carries it: 256 random bits as hex
    std::string csrfToken; // derived from the token; carried by every state-changing form
    std::string user;      // the account's user name
    Account account;       // as stored when the session was looked up
    std::int64_t created = 0;         // seconds since 1970 (UTC)
    std::int64_t lastUsed = 0;        // seconds since 1970, to the minute
    std::int64_t absoluteExpiry = 0;  // seconds since 1970
};

struct SessionOptions {
    std::chrono::seconds idleTimeout = std::chrono::minutes(30);
    std::chrono::seconds maxLifetime = std::chrono::hours(12);
    // Seconds since 1970; the system clock unless a test sets another.
    std::function<std::int64_t()> now;
};

// Server-side sessions in LMDB (the "sessions" database, keyed by the
// token's SHA-256, and "account_sessions", by user name then that hash, for
// revoking all of an account's sessions). A session ends after `idleTimeout`
// without use, `maxLifetime` after sign-in, on sign-out, and when its
// account's password changes or the account is disabled. Sessions survive a
// restart of the server.
class SessionStore {
public:
    explicit SessionStore(AccountStore& accounts, SessionOptions options = {});

    // A new session for an enabled account; throws not_found or forbidden
    // (error.account_disabled) otherwise. Also removes expired sessions.
    Session create(const std::string& username);

    // The live session of this token with its account, refreshing its idle
    // timer; nullopt for an unknown, expired or revoked token or a disabled
    // account.
    std::optional<Session> find(const std::string& token);

    void revoke(const std::string& token);
    void revokeAll(const std::string& username);

    // The number of live sessions of an account.
    std::size_t countOf(const std::string& username);

private:
    std::int64_t now() const;
    bool expired(const nlohmann::json& stored, std::int64_t now) const;
    void removeExpired(records::LmdbTransaction& txn, std::int64_t now) const;

    AccountStore& accounts_;
    SessionOptions options_;
};

// The CSRF token that belongs to a session token.
std::string csrfTokenOf(const std::string& sessionToken);

} // namespace majlis::accounts
