#include "web/Access.h"

#include "core/Error.h"
#include "workflow/Fields.h"

#include <set>

namespace majlis::web {

namespace {

Error recordNotFound(const std::string& id)
{
    return Error(ErrorCode::not_found, "error.record_not_found", "record '" + id + "' not found", {{"id", id}});
}

// Whether the caller reads `version` only because it is their own
// submission, not by council or access level.
bool readsAsSubmitter(const Caller& caller, const records::RecordVersion& version)
{
    const accounts::Principal principal = caller.principal();
    return !accounts::canRead(principal, version.council, version.access)
        && accounts::isOwnSubmission(principal, version);
}

std::string ownerOf(const records::RecordVersion& version)
{
    return workflow::fields::textField(version, workflow::fields::kOwner);
}

// The SHA-256 of the files a submitter may see: their own, in the first
// version, and those of steps that handed the item to the citizen (an
// answer, a request for information). Staff's internal files stay hidden.
std::set<std::string> submitterFiles(const std::vector<records::RecordVersion>& history)
{
    std::set<std::string> visible;
    std::set<std::string> earlier;
    for (const auto& version : history) {
        for (const auto& file : version.files)
            if (!earlier.contains(file.sha256) && (version.version == 1 || ownerOf(version) == "citizen"))
                visible.insert(file.sha256);
        for (const auto& file : version.files)
            earlier.insert(file.sha256);
    }
    return visible;
}

// `version` as its submitter sees it: without the assignee, the escalation
// and the comments of steps that kept the item with staff, and with only
// the files submitterFiles allows.
records::RecordVersion submitterView(records::RecordVersion version, const std::set<std::string>& visibleFiles)
{
    version.fields.erase(workflow::fields::kAssignee);
    version.fields.erase(workflow::fields::kEscalatedFrom);
    if (ownerOf(version) != "citizen")
        version.fields.erase(workflow::fields::kComment);
    std::erase_if(version.files, [&](const records::FileRef& file) { return !visibleFiles.contains(file.sha256); });
    return version;
}

} // namespace

bool canRead(const Caller& caller, const records::RecordVersion& version)
{
    const accounts::Principal principal = caller.principal();
    return accounts::canRead(principal, version.council, version.access) || accounts::isOwnSubmission(principal, version);
}

records::RecordVersion readableRecord(const Caller& caller, const records::RecordStore& store, const std::string& id)
{
    const auto current = store.find(id);
    if (!current || !canRead(caller, *current))
        throw recordNotFound(id);
    if (readsAsSubmitter(caller, *current))
        return submitterView(*current, submitterFiles(store.history(id)));
    return *current;
}

records::RecordVersion readableVersion(const Caller& caller, const records::RecordStore& store, const std::string& id,
    std::uint32_t number)
{
    const records::RecordVersion current = readableRecord(caller, store, id);
    if (number == 0 || number > current.version)
        throw Error(ErrorCode::not_found, "error.version_not_found", "record " + id + " has no such version");
    records::RecordVersion version = store.version(id, number);
    if (!canRead(caller, version))
        throw Error(ErrorCode::not_found, "error.version_not_found", "record " + id + " has no such version");
    if (readsAsSubmitter(caller, version))
        return submitterView(version, submitterFiles(store.history(id)));
    return version;
}

std::vector<records::RecordVersion> readableHistory(const Caller& caller, const records::RecordStore& store,
    const std::string& id)
{
    readableRecord(caller, store, id);
    std::vector<records::RecordVersion> versions = store.history(id);
    std::erase_if(versions, [&](const records::RecordVersion& version) { return !canRead(caller, version); });
    const std::set<std::string> visibleFiles = submitterFiles(versions);
    for (auto& version : versions)
        if (readsAsSubmitter(caller, version))
            version = submitterView(std::move(version), visibleFiles);
    return versions;
}

indexer::SearchScope searchScope(const Caller& caller)
{
    const accounts::ReadScope scope = accounts::readScope(caller.principal());
    if (scope.everything)
        return indexer::SearchScope::secretariat();
    if (!scope.council.empty())
        return indexer::SearchScope::staff({scope.council}, scope.confidential);
    return indexer::SearchScope::citizen();
}

void requireSignedIn(const Exchange& exchange)
{
    if (exchange.caller.throttled)
        throw Error(ErrorCode::too_many_requests, "error.too_many_attempts",
            "too many wrong credentials from this address; wait 15 minutes and try again");
    if (!exchange.caller.signedIn()) {
        exchange.response.set("WWW-Authenticate", kBasicChallenge);
        throw Error(ErrorCode::unauthorized, "error.login_required",
            "this action needs an account's credentials (HTTP Basic, or the portal's session)");
    }
}

void requireWrite(const Caller& caller, const std::string& council)
{
    if (!accounts::canWrite(caller.principal(), council))
        throw Error(ErrorCode::forbidden, "error.write_not_allowed",
            "the account '" + caller.name + "' (" + std::string(accounts::toString(caller.role))
                + ") may not write records of this council",
            {{"council", council}});
}

void requireWrite(const Exchange& exchange, const std::string& council)
{
    requireSignedIn(exchange);
    requireWrite(exchange.caller, council);
}

records::RecordVersion writableRecord(const Caller& caller, const records::RecordStore& store, const std::string& id,
    const std::optional<std::string>& newCouncil)
{
    records::RecordVersion current = readableRecord(caller, store, id);
    requireWrite(caller, current.council);
    if (newCouncil && *newCouncil != current.council)
        requireWrite(caller, *newCouncil);
    return current;
}

void requireStaff(const Caller& caller)
{
    if (!caller.signedIn() || !accounts::isStaff(caller.role))
        throw Error(ErrorCode::forbidden, "error.staff_only", "this page is for staff accounts only");
}

void requireReadAll(const Exchange& exchange)
{
    requireSignedIn(exchange);
    if (!accounts::readScope(exchange.caller.principal()).everything)
        throw Error(ErrorCode::forbidden, "error.read_all_only",
            "this view spans every council; it needs an account that reads every council's records");
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
    requireSignedIn(exchange);
    if (!accounts::canManageAccounts(exchange.caller.principal()))
        throw Error(ErrorCode::forbidden, "error.administrator_only", "this action is for administrators only");
}

} // namespace majlis::web
