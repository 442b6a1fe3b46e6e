#pragma once

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace majlis::web {

// Protects the server's threads from clients that hold them without
// sending: a connection reading a request's headers registers a deadline,
// and a watchdog thread shuts down the sockets that pass theirs (a slow
// "slowloris" client trickling headers). It also counts open connections
// per client address so one address cannot take every thread.
class ConnectionGuard {
public:
    ConnectionGuard(std::chrono::milliseconds headerDeadline, int maxConnectionsPerAddress);
    ~ConnectionGuard();
    ConnectionGuard(const ConnectionGuard&) = delete;
    ConnectionGuard& operator=(const ConnectionGuard&) = delete;

    // Counts a new connection; false when its address already has the maximum.
    bool admit(const std::string& address);
    void release(const std::string& address);

    // Starts and ends the header deadline of the connection with `id`.
    void startHeaderDeadline(std::uint64_t id, const Poco::Net::StreamSocket& socket);
    void endHeaderDeadline(std::uint64_t id);

    std::uint64_t nextId();

private:
    void watch();

    struct Deadline {
        std::chrono::steady_clock::time_point at;
        Poco::Net::StreamSocket socket;
    };

    std::chrono::milliseconds headerDeadline_;
    int maxConnectionsPerAddress_;
    std::mutex mutex_;
    std::condition_variable stop_;
    bool stopping_ = false;
    std::map<std::uint64_t, Deadline> deadlines_;
    std::map<std::string, int> perAddress_;
    std::uint64_t counter_ = 0;
    std::thread watchdog_;
};

} // namespace majlis::web
