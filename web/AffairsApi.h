#pragma once

#include "affairs/Affairs.h"
#include "web/Exchange.h"
#include "web/HttpServer.h"
#include "web/RecordApi.h"
#include "web/Router.h"

namespace majlis::web {

// The read filter of a caller for the affairs library: the record access
// check every other read path uses.
affairs::ReadFilter readFilterFor(const Caller& caller);

// The key of the records a caller reads: callers with the same key read the
// same records, so they may share cached results such as the overview.
std::string visibilityKey(const Caller& caller);

// Adds the council affairs endpoints (regions, councils, terms, members,
// meetings, decisions, indicators) under /api/v1 to `router`.
void addAffairsRoutes(Router& router, affairs::Affairs& affairs, const ServerLimits& limits, WriteListener onWrite);

} // namespace majlis::web
