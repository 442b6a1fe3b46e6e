#pragma once

#include "indexer/SearchRequest.h"
#include "indexer/SearchResponse.h"
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

// {"total", "total_exact", "results": [{id, title, score, snippet, date, …}], "facets", "suggestion"}
nlohmann::json searchResponseToJson(const indexer::SearchResponse& response);

// Runs a search on the current index generation of `dataDirectory`, with a
// searcher kept per thread and reopened when the generation changes.
indexer::SearchResponse runSearch(const std::filesystem::path& dataDirectory, const indexer::SearchRequest& request);

// Adds GET /api/v1/search.
void addSearchRoutes(Router& router, const std::filesystem::path& dataDirectory);

} // namespace majlis::web
