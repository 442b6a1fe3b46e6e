#include "web/ConnectionGuard.h"

#include "core/Log.h"

#include <Poco/Exception.h>

namespace majlis::web {

ConnectionGuard::ConnectionGuard(std::chrono::milliseconds headerDeadline, int maxConnectionsPerAddress)
    : headerDeadline_(headerDeadline)
    , maxConnectionsPerAddress_(maxConnectionsPerAddress)
    , watchdog_([this] { watch(); })
{
}

ConnectionGuard::~ConnectionGuard()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    stop_.notify_all();
    watchdog_.join();
}

bool ConnectionGuard::admit(const std::string& address)
{
    std::lock_guard lock(mutex_);
    int& count = perAddress_[address];
    if (count >= maxConnectionsPerAddress_)
        return false;
    ++count;
    return true;
}

void ConnectionGuard::release(const std::string& address)
{
    std::lock_guard lock(mutex_);
    const auto found = perAddress_.find(address);
    if (found != perAddress_.end() && --found->second <= 0)
        perAddress_.erase(found);
}

std::uint64_t ConnectionGuard::nextId()
{
    std::lock_guard lock(mutex_);
    return ++counter_;
}

void ConnectionGuard::startHeaderDeadline(std::uint64_t id, const Poco::Net::StreamSocket& socket)
{
    std::lock_guard lock(mutex_);
    deadlines_[id] = {std::chrono::steady_clock::now() + headerDeadline_, socket};
}

void ConnectionGuard::endHeaderDeadline(std::uint64_t id)
{
    std::lock_guard lock(mutex_);
    deadlines_.erase(id);
}

void ConnectionGuard::watch()
{
    std::unique_lock lock(mutex_);
    while (!stop_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stopping_; })) {
        const auto now = std::chrono::steady_clock::now();
        for (auto entry = deadlines_.begin(); entry != deadlines_.end();) {
            if (entry->second.at > now) {
                ++entry;
                continue;
            }
            // The blocked read in the connection's thread returns at once.
            try {
                entry->second.socket.shutdown();
            } catch (const Poco::Exception&) {
                // Already closed by the client.
            }
            logger("web").information("closed a connection whose request headers did not arrive in time");
            entry = deadlines_.erase(entry);
        }
    }
}

} // namespace majlis::web
