#include "web/SessionStore.h"

#include "core/Error.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <vector>

namespace majlis::web {

std::string randomHex(std::size_t count)
{
    std::vector<unsigned char> bytes(count);
    if (RAND_bytes(bytes.data(), static_cast<int>(count)) != 1)
        throw Error(ErrorCode::internal, "error.internal", "OpenSSL RAND_bytes failed to produce random bytes");
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char byte : bytes) {
        hex.push_back(digits[byte >> 4]);
        hex.push_back(digits[byte & 0x0f]);
    }
    return hex;
}

bool secretsEqual(const std::string& a, const std::string& b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

SessionStore::SessionStore(Clock::duration idleTimeout, Clock::duration maxLifetime)
    : idleTimeout_(idleTimeout)
    , maxLifetime_(maxLifetime)
{
}

Session SessionStore::create(const std::string& user)
{
    const auto now = Clock::now();
    Session session{randomHex(32), randomHex(32), user, now + idleTimeout_};
    std::lock_guard lock(mutex_);
    removeExpired(now);
    sessions_[session.id] = {session, now + maxLifetime_};
    return session;
}

std::optional<Session> SessionStore::find(const std::string& id)
{
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    const auto found = sessions_.find(id);
    if (found == sessions_.end())
        return std::nullopt;
    Entry& entry = found->second;
    if (entry.session.expires <= now || entry.hardExpiry <= now) {
        sessions_.erase(found);
        return std::nullopt;
    }
    entry.session.expires = std::min(now + idleTimeout_, entry.hardExpiry);
    return entry.session;
}

void SessionStore::revoke(const std::string& id)
{
    std::lock_guard lock(mutex_);
    sessions_.erase(id);
}

void SessionStore::removeExpired(Clock::time_point now)
{
    std::erase_if(sessions_, [now](const auto& item) {
        return item.second.session.expires <= now || item.second.hardExpiry <= now;
    });
}

} // namespace majlis::web
