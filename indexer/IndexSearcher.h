#pragma once

#include "indexer/Analyzer.h"
#include "indexer/IndexedRecord.h"
#include "indexer/QueryBuilder.h"
#include "indexer/SearchRequest.h"
#include "indexer/SearchResponse.h"

#include <xapian.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace majlis::indexer {

// BM25 parameters, chosen on the ARCD development set with
// indexer/bench/ArcdEval.cpp: MRR@10 stays within 0.005 of its best for k1
// from 0.6 to 1.0 and b from 0.8 to 0.95, and falls at b = 0.5.
struct Bm25Parameters {
    double k1 = 0.8;
    double b = 0.9;
};

// A reader of the index at one path. Each search first reopens the database,
// so it reads the last commit of the writer. Xapian::Database and the
// analyzer are not thread-safe, so each thread needs its own searcher.
class IndexSearcher {
public:
    explicit IndexSearcher(const std::filesystem::path& path, Bm25Parameters bm25 = {});

    // Throws Error(invalid_argument) for a page or page size out of range.
    SearchResponse search(const SearchRequest& request);

    // The revision of the newest commit, after reopening the database; 0
    // while no writer has created it.
    Xapian::rev revision();

    // Counts up to this many matches exactly, facets included, unless
    // counting takes longer than the exact-count time limit.
    static constexpr Xapian::doccount kExactCountLimit = 10000;

    // The time after which a search stops counting matches it does not need
    // for the page, in seconds. Quoted phrases of frequent words made Xapian
    // check positions in every record with both words and took up to 390 ms
    // at one million records. Past this limit the match runs again for the
    // page alone. Then `total` is an estimate, facets count the matches
    // checked before the limit, and both are flagged as not exact. The
    // results themselves do not change. A query that Xapian's statistics
    // show to have kExactCountLimit matches or more has no time limit.
    static constexpr double kDefaultExactCountSeconds = 0.02;

    // Sets the exact-count time limit; 0 counts up to kExactCountLimit
    // whatever it takes.
    void setExactCountTimeLimit(double seconds) { exactCountSeconds_ = seconds; }

    // Suggests a spelling correction when fewer results than this are found,
    // or when QueryBuilder searched a word unknown to the index as corrected.
    static constexpr Xapian::doccount kSuggestBelow = 3;

private:
    // Opens the database once a writer has created it; false until then.
    bool openOnceCreated();

    SearchResponse searchOnce(const SearchRequest& request);

    // Replaces each query word unknown in the caller's scope by its
    // SpellingSuggester correction, spelt as the records spell it.
    // Other words stay as the query spelt them. Returns nothing when no word
    // changes.
    // `termKnown` tells whether a record in the caller's scope has a word.
    std::optional<std::string> suggestSpelling(const BuiltQuery& built, const QueryBuilder::TermCheck& termKnown) const;

    // The most frequent spelling of a normalised key in the first records
    // that contain it, without harakat or tatweel, so a suggestion shows
    // "اللجنة" and not its key "اللجنه". Returns the key when none is found.
    std::string recordedSpelling(const std::string& key) const;

    // The first word of the record with `key`, from title, body, reference and tags.
    std::optional<std::string> firstSpelling(const IndexedRecord& record, const std::string& key) const;

    // Records read by recordedSpelling.
    static constexpr Xapian::doccount kSpellingSampleRecords = 5;

    std::filesystem::path path_;
    Xapian::Database database_;
    // False while the folder has no database yet; search() opens it once a
    // writer has created it.
    bool created_ = false;
    Analyzer analyzer_;
    Bm25Parameters bm25_;
    double exactCountSeconds_ = kDefaultExactCountSeconds;
};

} // namespace majlis::indexer
