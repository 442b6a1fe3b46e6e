#pragma once

#include "indexer/Analyzer.h"
#include "indexer/SearchRequest.h"
#include "indexer/SearchResponse.h"

#include <xapian.h>

#include <filesystem>

namespace majlis::indexer {

// BM25 parameters, chosen on the ARCD development set (indexer/bench/ArcdEval.cpp).
struct Bm25Parameters {
    double k1 = 1.2;
    double b = 0.75;
};

// A reader of the index at one path. Each search first reopens the database,
// so it sees the last commit of the writer. Not thread-safe: Xapian::Database
// and the analyzer are per thread, so each thread needs its own searcher.
class IndexSearcher {
public:
    explicit IndexSearcher(const std::filesystem::path& path, Bm25Parameters bm25 = {});

    // Throws Error(invalid_argument) for a page or page size out of range.
    SearchResponse search(const SearchRequest& request);

    // Counts up to this many matches exactly, facets included.
    static constexpr Xapian::doccount kExactCountLimit = 10000;

    // Suggests a spelling correction when fewer results than this are found.
    static constexpr Xapian::doccount kSuggestBelow = 3;

private:
    SearchResponse searchOnce(const SearchRequest& request);

    std::filesystem::path path_;
    Xapian::Database database_;
    Analyzer analyzer_;
    Bm25Parameters bm25_;
};

} // namespace majlis::indexer
