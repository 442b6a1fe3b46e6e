#include "web/RateLimiter.h"

namespace majlis::web {

namespace {

std::chrono::seconds wholeSecondsUntil(RateLimiter::Clock::time_point then, RateLimiter::Clock::time_point now)
{
    const auto wait = std::chrono::ceil<std::chrono::seconds>(then - now);
    return std::max(wait, std::chrono::seconds(1));
}

} // namespace

RateLimiter::RateLimiter(std::size_t maxRequests, Clock::duration window, std::size_t maxAddresses)
    : maxRequests_(maxRequests)
    , window_(window)
    , maxAddresses_(maxAddresses)
{
}

void RateLimiter::dropExpired(Clock::time_point now)
{
    for (auto it = requests_.begin(); it != requests_.end();) {
        auto& times = it->second;
        while (!times.empty() && times.front() + window_ <= now)
            times.pop_front();
        it = times.empty() ? requests_.erase(it) : std::next(it);
    }
}

std::optional<std::chrono::seconds> RateLimiter::admit(const std::string& address, Clock::time_point now)
{
    std::lock_guard lock(mutex_);
    if (!requests_.contains(address) && requests_.size() >= maxAddresses_) {
        dropExpired(now);
        if (requests_.size() >= maxAddresses_)
            return wholeSecondsUntil(now + window_, now);
    }

    auto& times = requests_[address];
    while (!times.empty() && times.front() + window_ <= now)
        times.pop_front();
    if (times.size() >= maxRequests_)
        return wholeSecondsUntil(times.empty() ? now + window_ : times.front() + window_, now);
    times.push_back(now);
    return std::nullopt;
}

} // namespace majlis::web
