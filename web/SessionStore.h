#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace majlis::web {

// A signed-in staff member's session.
struct Session {
    std::string id;        // the cookie's value: 256 random bits as hex
    std::string csrfToken; // 256 random bits as hex, carried by every state-changing form
    std::string user;
    std::chrono::steady_clock::time_point expires;
};

// Server-side sessions of the staff pages. A session expires after
// `idleTimeout` without use and at the latest `maxLifetime` after sign-in;
// signing out revokes it at once.
// NOTE: sessions live in memory, so a restart signs everyone out; they move
// to LMDB together with staff accounts.
class SessionStore {
public:
    using Clock = std::chrono::steady_clock;

    explicit SessionStore(Clock::duration idleTimeout = std::chrono::minutes(30),
        Clock::duration maxLifetime = std::chrono::hours(12));

    Session create(const std::string& user);

    // Returns the live session with this id and restarts its idle timer, or
    // nullopt for an unknown, expired or revoked id.
    std::optional<Session> find(const std::string& id);

    void revoke(const std::string& id);

private:
    struct Entry {
        Session session;
        Clock::time_point hardExpiry;
    };

    void removeExpired(Clock::time_point now);

    Clock::duration idleTimeout_;
    Clock::duration maxLifetime_;
    std::map<std::string, Entry> sessions_;
    std::mutex mutex_;
};

// `count` bytes from OpenSSL's CSPRNG as lower-case hex.
std::string randomHex(std::size_t count);

// Compares two secrets in time that does not depend on where they differ.
bool secretsEqual(const std::string& a, const std::string& b);

} // namespace majlis::web
