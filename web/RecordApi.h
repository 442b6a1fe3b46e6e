#pragma once

#include "records/RecordStore.h"
#include "web/HttpServer.h"
#include "web/Router.h"

namespace majlis::web {

// Adds the record endpoints under /api/v1/records to `router`.
void addRecordRoutes(Router& router, records::RecordStore& store, const ServerLimits& limits);

} // namespace majlis::web
