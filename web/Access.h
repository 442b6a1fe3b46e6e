#pragma once

#include "indexer/SearchRequest.h"
#include "records/RecordStore.h"
#include "web/Exchange.h"

#include <optional>
#include <string>
#include <vector>

// The access checks of every page and API call. The rules themselves (who
// reads and writes which council's records) are in accounts/AccessPolicy.h;
// these functions apply them to callers and records and throw the errors
// the web layer answers with. docs/SECURITY.md has the matrix.
namespace majlis::web {

// Whether `caller` may read `version`: its council and access level against
// the caller's role and council scope, or, for a signed-in citizen, whether
// it is their own submission (accounts::isOwnSubmission). The functions
// below then return the submitter's view of it: no assignee, no comments of
// steps that kept the item with staff, and only the citizen's own files and
// those of steps that handed the item to the citizen.
bool canRead(const Caller& caller, const records::RecordVersion& version);

// The current version of `id` when `caller` may read it. Throws not_found
// otherwise, with the same message as for a missing record, so the response
// never hints that a hidden record exists.
records::RecordVersion readableRecord(const Caller& caller, const records::RecordStore& store, const std::string& id);

// Version `number` of `id`, when the caller may read both the current
// version and that one; not_found otherwise (a version that was never
// readable stays hidden, and a record withdrawn from the caller hides all
// of its versions).
records::RecordVersion readableVersion(const Caller& caller, const records::RecordStore& store, const std::string& id,
    std::uint32_t number);

// The versions of `id` the caller may read, oldest first; not_found when
// the current version is hidden from the caller.
std::vector<records::RecordVersion> readableHistory(const Caller& caller, const records::RecordStore& store,
    const std::string& id);

// The search scope of the caller, for the filter inside the Xapian query
// that trims results, totals, facet counts and spelling hints alike.
indexer::SearchScope searchScope(const Caller& caller);

// Throws too_many_requests for a throttled address, and unauthorized
// (asking for HTTP Basic credentials) for an anonymous caller.
void requireSignedIn(const Exchange& exchange);

// Throws forbidden (error.write_not_allowed) unless the caller may create or
// change records of `council` (accounts::canWrite).
void requireWrite(const Caller& caller, const std::string& council);

// requireSignedIn, then requireWrite.
void requireWrite(const Exchange& exchange, const std::string& council);

// The current version of `id` for a change by the caller: not_found when
// the caller may not read it, forbidden when they may not write its
// council, or the council it moves to (`newCouncil`).
records::RecordVersion writableRecord(const Caller& caller, const records::RecordStore& store, const std::string& id,
    const std::optional<std::string>& newCouncil = std::nullopt);

// Throws forbidden (error.staff_only) for a caller without a staff role.
void requireStaff(const Caller& caller);

// requireSignedIn, then forbidden unless the caller reads every record
// (administrator, secretariat, secretariat-wide archivist): for views that
// span councils, such as the extraction queue.
void requireReadAll(const Exchange& exchange);

// Throws forbidden when a browser sends the request from another site
// (cross-site request forgery with credentials it keeps).
void requireSameOrigin(const Exchange& exchange);

// requireSignedIn, then forbidden (error.administrator_only) unless the
// caller is an administrator.
void requireAdministrator(const Exchange& exchange);

} // namespace majlis::web
