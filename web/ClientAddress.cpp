#include "web/ClientAddress.h"

#include "core/Error.h"

#include <Poco/Net/IPAddress.h>
#include <Poco/String.h>

namespace majlis::web {

namespace {

// The address in its canonical spelling, or empty when `text` is not an IP address.
std::string canonicalAddress(const std::string& text)
{
    Poco::Net::IPAddress address;
    if (text.empty() || !Poco::Net::IPAddress::tryParse(text, address))
        return {};
    return address.toString();
}

// The comma-separated entries of X-Forwarded-For, trimmed, left to right.
std::vector<std::string> forwardedEntries(const std::string& header)
{
    std::vector<std::string> entries;
    std::size_t start = 0;
    while (start <= header.size()) {
        const std::size_t comma = std::min(header.find(',', start), header.size());
        entries.push_back(Poco::trim(header.substr(start, comma - start)));
        start = comma + 1;
    }
    return entries;
}

} // namespace

ClientAddressResolver::ClientAddressResolver(const std::vector<std::string>& trustedProxies)
{
    for (const std::string& proxy : trustedProxies) {
        const std::string address = canonicalAddress(proxy);
        if (address.empty())
            throw Error(ErrorCode::invalid_argument, "error.invalid_trusted_proxy",
                "invalid trusted proxy address '" + proxy + "': give an IPv4 or IPv6 address such as 127.0.0.1",
                {{"value", proxy}});
        trusted_.insert(address);
    }
}

bool ClientAddressResolver::trusted(const std::string& peer) const
{
    return !trusted_.empty() && trusted_.contains(canonicalAddress(peer));
}

std::string ClientAddressResolver::resolve(const std::string& peer, const std::string& forwardedFor) const
{
    if (forwardedFor.empty() || !trusted(peer))
        return peer;
    std::string client = peer;
    const auto entries = forwardedEntries(forwardedFor);
    for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
        const std::string address = canonicalAddress(*entry);
        if (address.empty())
            return client;
        client = address;
        if (!trusted_.contains(address))
            return client;
    }
    return client;
}

} // namespace majlis::web
