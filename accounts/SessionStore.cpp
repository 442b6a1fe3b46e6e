#include "accounts/SessionStore.h"

#include "accounts/Password.h"
#include "core/Error.h"
#include "core/Sha256.h"

namespace majlis::accounts {

namespace {

// The idle timer is written back at most once a minute, so a busy page
// does not turn every request into an LMDB write.
constexpr std::int64_t kTouchInterval = 60;

std::string keyOf(const std::string& token)
{
    return Sha256::hex(token);
}

bool plausibleToken(const std::string& token)
{
    return token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
}

} // namespace

std::string csrfTokenOf(const std::string& sessionToken)
{
    return Sha256::hex("majlis-csrf\n" + sessionToken);
}

SessionStore::SessionStore(AccountStore& accounts, SessionOptions options)
    : accounts_(accounts)
    , options_(std::move(options))
{
}

std::int64_t SessionStore::now() const
{
    if (options_.now)
        return options_.now();
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool SessionStore::expired(const nlohmann::json& stored, std::int64_t now) const
{
    return stored.value("expires", std::int64_t(0)) <= now
        || stored.value("last_used", std::int64_t(0)) + options_.idleTimeout.count() <= now;
}

void SessionStore::removeExpired(records::LmdbTransaction& txn, std::int64_t now) const
{
    std::vector<std::pair<std::string, std::string>> stale;
    txn.scan(accounts_.sessionsDatabase(), {}, [&](std::string_view key, std::string_view value) {
        const auto stored = nlohmann::json::parse(value, nullptr, false);
        if (stored.is_discarded() || expired(stored, now))
            stale.emplace_back(key, stored.is_discarded() ? std::string() : stored.value("user", std::string()));
        return stale.size() < 1000;
    });
    for (const auto& [key, user] : stale) {
        txn.erase(accounts_.sessionsDatabase(), key);
        txn.erase(accounts_.accountSessionsDatabase(), user + '\0' + key);
    }
}

Session SessionStore::create(const std::string& username)
{
    const std::string token = randomHex(32);
    const std::string key = keyOf(token);
    const std::int64_t time = now();
    Session session;
    accounts_.environment().write([&](records::LmdbTransaction& txn) {
        const auto account = accounts_.read(txn, username);
        if (!account)
            throw Error(ErrorCode::not_found, "error.account_not_found", "no account '" + username + "'",
                {{"username", username}});
        if (account->disabled)
            throw Error(ErrorCode::forbidden, "error.account_disabled", "the account '" + username + "' is disabled");
        removeExpired(txn, time);
        const nlohmann::json stored = {{"user", username}, {"created", time}, {"last_used", time},
            {"expires", time + options_.maxLifetime.count()}};
        txn.put(accounts_.sessionsDatabase(), key, stored.dump());
        txn.put(accounts_.accountSessionsDatabase(), username + '\0' + key, "");
        session = {token, csrfTokenOf(token), username, *account, time, time, time + options_.maxLifetime.count()};
    });
    return session;
}

std::optional<Session> SessionStore::find(const std::string& token)
{
    if (!plausibleToken(token))
        return std::nullopt;
    const std::string key = keyOf(token);
    const std::int64_t time = now();
    std::optional<nlohmann::json> stored;
    std::optional<Account> account;
    accounts_.environment().read([&](records::LmdbTransaction& txn) {
        if (const auto bytes = txn.get(accounts_.sessionsDatabase(), key)) {
            stored = nlohmann::json::parse(*bytes, nullptr, false);
            if (!stored->is_discarded())
                account = accounts_.read(txn, stored->value("user", std::string()));
        }
    });
    if (!stored)
        return std::nullopt;
    if (stored->is_discarded() || !account || account->disabled || expired(*stored, time)) {
        revoke(token);
        return std::nullopt;
    }
    Session session{token, csrfTokenOf(token), account->username, *account, stored->value("created", std::int64_t(0)),
        stored->value("last_used", std::int64_t(0)), stored->value("expires", std::int64_t(0))};
    if (time - session.lastUsed >= kTouchInterval) {
        accounts_.environment().write([&](records::LmdbTransaction& txn) {
            // Revoked meanwhile: leave it revoked.
            if (!txn.get(accounts_.sessionsDatabase(), key))
                return;
            nlohmann::json touched = *stored;
            touched["last_used"] = time;
            txn.put(accounts_.sessionsDatabase(), key, touched.dump());
        });
        session.lastUsed = time;
    }
    return session;
}

void SessionStore::revoke(const std::string& token)
{
    const std::string key = keyOf(token);
    accounts_.environment().write([&](records::LmdbTransaction& txn) {
        const auto bytes = txn.get(accounts_.sessionsDatabase(), key);
        if (!bytes)
            return;
        const auto stored = nlohmann::json::parse(*bytes, nullptr, false);
        if (!stored.is_discarded())
            txn.erase(accounts_.accountSessionsDatabase(), stored.value("user", std::string()) + '\0' + key);
        txn.erase(accounts_.sessionsDatabase(), key);
    });
}

void SessionStore::revokeAll(const std::string& username)
{
    accounts_.environment().write([&](records::LmdbTransaction& txn) { accounts_.revokeSessions(txn, username); });
}

std::size_t SessionStore::countOf(const std::string& username)
{
    const std::string prefix = username + '\0';
    const std::int64_t time = now();
    std::size_t count = 0;
    accounts_.environment().read([&](records::LmdbTransaction& txn) {
        txn.scan(accounts_.accountSessionsDatabase(), prefix, [&](std::string_view key, std::string_view) {
            if (!key.starts_with(prefix))
                return false;
            const auto bytes = txn.get(accounts_.sessionsDatabase(), key.substr(prefix.size()));
            if (bytes) {
                const auto stored = nlohmann::json::parse(*bytes, nullptr, false);
                count += !stored.is_discarded() && !expired(stored, time);
            }
            return true;
        });
    });
    return count;
}

} // namespace majlis::accounts
