#pragma once

#include "records/RecordStore.h"
#include "web/Exchange.h"

#include <string>

namespace majlis::web {

// Whether `caller` may read `version`: the administrator reads everything,
// everyone else public versions only.
bool canRead(const Caller& caller, const records::RecordVersion& version);

// The current version of `id` when `caller` may read it. Throws not_found
// otherwise, with the same message as for a missing record, so the response
// never hints that a hidden record exists.
records::RecordVersion readableRecord(const Caller& caller, const records::RecordStore& store, const std::string& id);

// Throws forbidden when a browser sends the request from another site
// (cross-site request forgery with credentials it keeps).
void requireSameOrigin(const Exchange& exchange);

// Throws unauthorized (asking for HTTP Basic credentials) unless the caller
// is the administrator.
void requireAdministrator(const Exchange& exchange);

} // namespace majlis::web
