#pragma once

#include "affairs/Affairs.h"
#include "records/RecordStore.h"

#include <functional>

#include "web/HttpServer.h"
#include "web/Router.h"

namespace majlis::web {

// Called after a request stored a version, to wake the background workers.
using WriteListener = std::function<void()>;

// Adds the record endpoints under /api/v1/records to `router`. A record's
// council is given by its code or exact name and stored as its code
// (affairs::recordCouncilCode).
void addRecordRoutes(
    Router& router, records::RecordStore& store, const affairs::Affairs& councils, const ServerLimits& limits, WriteListener onWrite);

} // namespace majlis::web
