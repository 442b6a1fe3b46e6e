#include "web/Authenticator.h"

#include "core/Log.h"
#include "core/Sha256.h"
#include "web/Cookies.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Exception.h>

#include <sstream>

namespace majlis::web {

namespace {

constexpr std::size_t kMaxCachedCredentials = 10000;

} // namespace

Authenticator::Authenticator(accounts::AccountStore& accounts, accounts::SessionStore& sessions, LoginThrottle& throttle)
    : accounts_(accounts)
    , sessions_(sessions)
    , throttle_(throttle)
{
}

Caller Authenticator::authenticate(const Poco::Net::HTTPServerRequest& request, const std::string& address)
{
    if (const auto token = cookieValue(request, kSessionCookie)) {
        if (auto session = sessions_.find(*token)) {
            Caller caller = Caller::of(session->account);
            caller.session = std::make_shared<const accounts::Session>(std::move(*session));
            return caller;
        }
    }

    Caller caller;
    const std::string header = request.get("Authorization", "");
    if (header.empty())
        return caller;
    // Wrong guesses are limited per address like portal sign-ins, and a
    // throttled address is not even checked: Argon2id is costly.
    if (!throttle_.allowed(address)) {
        caller.throttled = true;
        caller.retryAfter = throttle_.retryAfter(address);
        return caller;
    }
    if (const auto account = checkBasic(header))
        return Caller::of(*account);
    throttle_.recordFailure(address);
    logger("security").warning("rejected API credentials from %s", address);
    caller.credentialsRejected = true;
    return caller;
}

std::optional<accounts::Account> Authenticator::checkBasic(const std::string& header)
{
    constexpr std::string_view scheme = "Basic ";
    if (header.size() <= scheme.size() || header.size() > 1024 || !header.starts_with(scheme))
        return std::nullopt;

    const std::string key = Sha256::hex(header);
    std::optional<std::pair<std::string, std::string>> cached;
    {
        std::lock_guard lock(mutex_);
        if (const auto found = verified_.find(key); found != verified_.end())
            cached = found->second;
    }
    if (cached) {
        const auto account = accounts_.find(cached->first);
        if (account && !account->disabled && account->passwordHash == cached->second)
            return account;
        std::lock_guard lock(mutex_);
        verified_.erase(key);
    }

    std::istringstream encoded(header.substr(scheme.size()));
    Poco::Base64Decoder decoder(encoded);
    std::string decoded;
    try {
        decoded.assign(std::istreambuf_iterator<char>(decoder), {});
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
    const auto colon = decoded.find(':');
    if (colon == std::string::npos)
        return std::nullopt;
    auto account = accounts_.checkPassword(decoded.substr(0, colon), decoded.substr(colon + 1));
    if (!account)
        return std::nullopt;

    std::lock_guard lock(mutex_);
    if (verified_.size() >= kMaxCachedCredentials)
        verified_.clear();
    verified_[key] = {account->username, account->passwordHash};
    return account;
}

} // namespace majlis::web
