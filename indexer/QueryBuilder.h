#pragma once

#include "indexer/Analyzer.h"

#include <xapian.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace majlis::indexer {

// A query turned into Xapian form, with what snippets and spelling need.
struct BuiltQuery {
    Xapian::Query query;              // empty (MatchNothing) when no word remains
    bool hasPositiveWords = false;
    std::set<std::string> markedTerms; // keys and stems to mark in snippets
    std::vector<std::string> words;   // keys of the positive words, in order
};

// Parses the query syntax over the analysis chain, so a query splits into
// words exactly as record text does. Xapian's QueryParser is not used because
// its tokenizer splits Arabic text differently.
//   word        the key or its stem (Z term), so exact forms rank higher
//   "a phrase"  the words in order; also with « » or “ ” quotes
//   -word       records with the word are excluded; also -"a phrase"
//   45/1446     words joined without a space form a phrase
// Words are combined with OR and ranked by BM25, as QueryParser does by
// default. Stop words are dropped unless the query has nothing else.
class QueryBuilder {
public:
    explicit QueryBuilder(const Analyzer& analyzer)
        : analyzer_(analyzer)
    {
    }

    BuiltQuery build(std::string_view text) const;

private:
    const Analyzer& analyzer_;
};

} // namespace majlis::indexer
