#pragma once

#include "pipeline/ExtractionPool.h"
#include "records/RecordStore.h"
#include "web/Router.h"

namespace majlis::web {

// Adds GET /api/v1/records/{id}/text (the extracted text of each file, with
// its status, method, confidence and review flags) and GET /api/v1/queue
// (queue lengths and the progress of records being extracted).
void addExtractionRoutes(Router& router, const records::RecordStore& store, const pipeline::ExtractionPool& pool);

} // namespace majlis::web
