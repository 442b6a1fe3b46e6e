#include "web/LoginThrottle.h"

namespace majlis::web {

LoginThrottle::LoginThrottle(int maxFailures, Clock::duration window)
    : maxFailures_(maxFailures)
    , window_(window)
{
}

void LoginThrottle::forgetOld(std::deque<Clock::time_point>& failures, Clock::time_point now) const
{
    while (!failures.empty() && failures.front() + window_ <= now)
        failures.pop_front();
}

bool LoginThrottle::allowed(const std::string& address)
{
    std::lock_guard lock(mutex_);
    const auto found = failures_.find(address);
    if (found == failures_.end())
        return true;
    forgetOld(found->second, Clock::now());
    return static_cast<int>(found->second.size()) < maxFailures_;
}

void LoginThrottle::recordFailure(const std::string& address)
{
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    auto& failures = failures_[address];
    forgetOld(failures, now);
    failures.push_back(now);
    // Addresses with nothing recent are dropped, so the map stays small.
    for (auto it = failures_.begin(); it != failures_.end();) {
        forgetOld(it->second, now);
        it = it->second.empty() ? failures_.erase(it) : std::next(it);
    }
}

std::chrono::seconds LoginThrottle::retryAfter(const std::string& address)
{
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    const auto found = failures_.find(address);
    if (found == failures_.end())
        return std::chrono::seconds(0);
    auto& failures = found->second;
    forgetOld(failures, now);
    if (static_cast<int>(failures.size()) < maxFailures_)
        return std::chrono::seconds(0);
    // The address is allowed again once all but maxFailures_ - 1 failures
    // have left the window.
    const auto until = failures[failures.size() - static_cast<std::size_t>(maxFailures_)] + window_;
    return std::chrono::ceil<std::chrono::seconds>(until - now);
}

} // namespace majlis::web
