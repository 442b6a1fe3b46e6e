#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace majlis::web {

// Limits failed sign-ins per client address: after `maxFailures` failures
// within `window`, that address may not try again until the oldest of them
// is older than `window`. One instance serves the portal's forms and the
// API's HTTP Basic credentials, so both share the same count. A successful
// sign-in clears nothing: otherwise an attacker could reset the count by
// signing in to an account of their own between guesses.
// NOTE: behind a reverse proxy every client has the proxy's address; the
// throttle then needs the proxy's X-Forwarded-For, trusted by configuration.
class LoginThrottle {
public:
    using Clock = std::chrono::steady_clock;

    explicit LoginThrottle(int maxFailures = 5, Clock::duration window = std::chrono::minutes(15));

    bool allowed(const std::string& address);
    void recordFailure(const std::string& address);
    // Time until `address` may try again (rounded up to whole seconds);
    // zero when it is allowed now.
    std::chrono::seconds retryAfter(const std::string& address);

private:
    void forgetOld(std::deque<Clock::time_point>& failures, Clock::time_point now) const;

    int maxFailures_;
    Clock::duration window_;
    std::map<std::string, std::deque<Clock::time_point>> failures_;
    std::mutex mutex_;
};

} // namespace majlis::web
