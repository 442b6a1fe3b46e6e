#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace majlis::web {

// Limits requests per client address over a sliding window: at most
// `maxRequests` within `window`. It keeps each address's request times in
// memory, and at most `maxAddresses` addresses: past that, requests from
// new addresses are refused until old entries expire, so a flood of
// addresses cannot grow it without bound.
// NOTE: behind a reverse proxy every client has the proxy's address, as
// for LoginThrottle.
class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    RateLimiter(std::size_t maxRequests, Clock::duration window, std::size_t maxAddresses = 100000);

    // Counts a request from `address` when it is allowed. Returns nothing
    // then, or the whole seconds (at least 1) until the next one would be.
    std::optional<std::chrono::seconds> admit(const std::string& address, Clock::time_point now = Clock::now());

private:
    void dropExpired(Clock::time_point now);

    std::size_t maxRequests_;
    Clock::duration window_;
    std::size_t maxAddresses_;
    std::map<std::string, std::deque<Clock::time_point>> requests_;
    std::mutex mutex_;
};

} // namespace majlis::web
