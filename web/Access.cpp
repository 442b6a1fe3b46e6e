#include "web/Access.h"

#include "core/Error.h"

namespace majlis::web {

bool canRead(const Caller& caller, const records::RecordVersion& version)
{
    return caller.administrator || version.access == records::AccessLevel::public_access;
}

records::RecordVersion readableRecord(const Caller& caller, const records::RecordStore& store, const std::string& id)
{
    const auto current = store.find(id);
    if (!current || !canRead(caller, *current))
        throw Error(ErrorCode::not_found, "error.record_not_found", "record '" + id + "' not found", {{"id", id}});
    return *current;
}

void requireSameOrigin(const Exchange& exchange)
{
    // Browsers send Origin (and Sec-Fetch-Site) with cross-site POSTs; a
    // page elsewhere must not write with credentials the browser keeps.
    const auto& request = exchange.request;
    const std::string fetchSite = request.get("Sec-Fetch-Site", "");
    const std::string origin = request.get("Origin", "");
    const std::string host = request.get("Host", "");
    const bool sameOrigin = origin.empty() || origin == "http://" + host || origin == "https://" + host;
    if (fetchSite == "cross-site" || !sameOrigin)
        throw Error(ErrorCode::forbidden, "error.cross_site_request",
            "a write from another site (Origin " + origin + ") is not allowed; send it from this site or without a browser");
}

void requireAdministrator(const Exchange& exchange)
{
    if (exchange.caller.throttled)
        throw Error(ErrorCode::too_many_requests, "error.too_many_attempts",
            "too many wrong credentials from this address; wait 15 minutes and try again");
    if (!exchange.caller.administrator) {
        exchange.response.set("WWW-Authenticate", "Basic realm=\"Majlis\", charset=\"UTF-8\"");
        throw Error(ErrorCode::unauthorized, "error.login_required",
            "this action needs the administrator's credentials (HTTP Basic)");
    }
}

} // namespace majlis::web
