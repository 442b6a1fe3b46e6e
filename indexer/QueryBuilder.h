#pragma once

#include "indexer/Analyzer.h"

#include <xapian.h>

#include <functional>
#include <optional>
#include <map>
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
    std::vector<std::string> typedWords; // the same words as the query spelt them
    bool hasCorrections = false;         // a word unknown to the index was also searched as its correction
    std::map<std::string, std::string> corrections; // key of an unknown word -> key of its correction
};

// Parses the query syntax over the analysis chain, so a query splits into
// words exactly as record text does. Xapian's QueryParser is not used because
// its tokenizer splits Arabic text differently.
//   word        the key or its stems (Z and XL terms), so exact forms rank higher
//   "a phrase"  the words in order; also with « » or “ ” quotes
//   -word       records with the word are excluded; also -"a phrase"
//   45/1446     words joined without a space form a phrase
// Words are combined with OR and ranked by BM25, as QueryParser does by
// default. Stop words are dropped unless the query has nothing else.
//
// Given the index as `vocabulary`, a bare Arabic word that the index has
// neither as written nor stemmed is also searched as its SpellingSuggester
// correction, at a lower weight, so a typo still finds its records.
// `termKnown` decides whether the index "has" a term; the searcher passes a
// check limited to the records its caller may read, so a word found only in
// hidden records is treated as unknown, exactly as if it did not exist.
class QueryBuilder {
public:
    using TermCheck = std::function<bool(const std::string& term)>;

    explicit QueryBuilder(const Analyzer& analyzer, const Xapian::Database* vocabulary = nullptr, TermCheck termKnown = {})
        : analyzer_(analyzer)
        , vocabulary_(vocabulary)
        , termKnown_(std::move(termKnown))
    {
    }

    BuiltQuery build(std::string_view text) const;

private:
    std::optional<AnalyzedWord> correction(const AnalyzedWord& word) const;

    const Analyzer& analyzer_;
    const Xapian::Database* vocabulary_;
    TermCheck termKnown_;
};

} // namespace majlis::indexer
