#pragma once

#include "pipeline/ExtractionPool.h"
#include "records/RecordStore.h"
#include "web/Catalogue.h"
#include "web/Router.h"

#include <nlohmann/json.hpp>

namespace majlis::web {

// Adds GET /api/v1/records/{id}/text (the extracted text of each file, with
// its status, method, confidence and review flags) and GET /api/v1/queue
// (queue lengths and the progress of records being extracted).
// Why a file's text could not be extracted, from its stored failed text, in
// `language`: the catalogue's message for the stored error id, or the stored
// English sentence for an id the catalogue lacks (and for texts stored
// before ids were kept).
std::string extractionFailureText(const Catalogue& catalogue, const Language& language, const nlohmann::json& failed);

void addExtractionRoutes(Router& router, const records::RecordStore& store, const pipeline::ExtractionPool& pool);

} // namespace majlis::web
