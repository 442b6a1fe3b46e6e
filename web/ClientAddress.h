#pragma once

#include <set>
#include <string>
#include <vector>

namespace majlis::web {

// Decides the address of the client behind a request, which the sign-in
// throttle, the citizens' rate limits and the per-address connection limit
// count by. Without trusted proxies it is the socket's peer. Behind a
// reverse proxy every peer is the proxy, so for a peer listed as trusted
// the address comes from X-Forwarded-For instead: the rightmost entry that
// is not itself a trusted proxy. Entries left of it were written by the
// client and are never believed. An unparseable entry ends the walk at the
// hop to its right, so a forged header cannot pick an address.
class ClientAddressResolver {
public:
    // Throws Error(invalid_argument) naming an entry that is not an IPv4 or
    // IPv6 address.
    explicit ClientAddressResolver(const std::vector<std::string>& trustedProxies = {});

    bool trusted(const std::string& peer) const;

    // `peer` is the socket's peer address; `forwardedFor` the X-Forwarded-For
    // header, empty when absent.
    std::string resolve(const std::string& peer, const std::string& forwardedFor) const;

private:
    std::set<std::string> trusted_; // normalised by Poco::Net::IPAddress::toString
};

} // namespace majlis::web
