#pragma once

#include "indexer/SearchRequest.h"
#include "indexer/SearchResponse.h"
#include "records/RecordStore.h"
#include "web/Router.h"

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace majlis::web {

// Search parameters by name, as the API's query string and the CLI's
// options give them: q, council, type, region, year, hijri_year (each
// repeatable), from, to (Gregorian 2024-01-15 or Hijri 1445-07-01), page,
// limit, sort.
using SearchParams = std::multimap<std::string, std::string>;

// Throws invalid_argument naming the parameter and value that are wrong.
indexer::SearchRequest parseSearchParams(const SearchParams& params, const indexer::SearchScope& scope);

// {"total", "total_exact", "facets_exact", "results": [{id, title, score, snippet, date, …}], "facets",
// "suggestion"}. `total_exact` and `facets_exact` are false where the count
// is an estimate (SearchResponse).
nlohmann::json searchResponseToJson(const indexer::SearchResponse& response);

// Runs a search on the current index generation of `dataDirectory`, with a
// searcher kept per thread and reopened when the generation changes. With
// a `store`, each hit is checked again against the record's current
// access, because the index can lag behind a record withdrawn from public
// view; hits the scope may no longer see are dropped from the page and the
// total.
indexer::SearchResponse runSearch(const std::filesystem::path& dataDirectory, const indexer::SearchRequest& request,
    const records::RecordStore* store = nullptr);

// The search itself, without the check against the record store.
indexer::SearchResponse searchIndex(const std::filesystem::path& dataDirectory, const indexer::SearchRequest& request);

// The revisions of the record store and of the current index, as
// "TXN GENERATION@REVISION". The string changes with every write to the
// store and every commit to the index, by any process, and with every
// switch to a rebuilt index, so a PageCache can key pages built from both.
std::string dataRevision(const records::RecordStore& store, const std::filesystem::path& dataDirectory);

// Adds GET /api/v1/search.
void addSearchRoutes(Router& router, const std::filesystem::path& dataDirectory, const records::RecordStore& store);

} // namespace majlis::web
