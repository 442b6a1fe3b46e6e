#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace majlis::indexer {

// One result. The snippet is HTML: the original text around the matched
// words, escaped, with each matched word wrapped in <mark>...</mark>.
struct SearchHit {
    std::string id;
    std::uint64_t version = 0;
    std::string title;
    double score = 0;
    std::string snippet;
    std::optional<std::int32_t> date; // Gregorian days since 1970-01-01
    std::string reference;
    std::string council;
    std::string region;
    std::string type;
    std::string access;
};

struct FacetValue {
    std::string value;
    std::uint32_t count = 0;
};

// Counts of the matching records in the searcher's scope, most frequent first.
struct Facets {
    std::vector<FacetValue> council;
    std::vector<FacetValue> region;
    std::vector<FacetValue> type;
    std::vector<FacetValue> year;      // Gregorian year
    std::vector<FacetValue> hijriYear; // Umm al-Qura year
};

// `total` is exact when `totalExact` is set and the facet counts when
// `facetsExact` is. IndexSearcher counts exactly up to kExactCountLimit
// matches, unless that takes longer than its exact-count time limit. Past
// either, `total` is an estimate and the facets count the matches checked,
// which are fewer than all.
struct SearchResponse {
    std::uint32_t total = 0;
    bool totalExact = true;
    bool facetsExact = true;
    std::vector<SearchHit> results;
    Facets facets;
    std::optional<std::string> suggestion; // a corrected query, in the letters of the query and the records
};

} // namespace majlis::indexer
