#pragma once

#include <xapian.h>

#include <string>

namespace majlis::indexer {

// "Did you mean" corrections found among the normalised word terms (the
// unprefixed terms) already in the index, so no spelling table is written.
// Only words of public records are offered: suggestions are shown to every
// caller, and a word found only in internal or confidential records must not
// come back as a correction.
//
// A word's candidates are the index words at edit distance 1 (deletion,
// insertion, substitution or transposition of adjacent letters), each found
// by a term lookup. When there are none, the words at distance 2 that share
// the word's first letters are sought by a bounded scan of the index's terms.
// The nearest candidate wins, then the one in the most public records, as
// Xapian's own spelling search ranks (edit distance, then frequency).
class SpellingSuggester {
public:
    explicit SpellingSuggester(const Xapian::Database& database)
        : database_(database)
    {
    }

    // The normalised key of the best correction of `key`, or "" when no
    // public index word is close enough. `key` is an analysed word key.
    std::string suggest(const std::string& key) const;

    // Records counted when ranking candidates by public frequency.
    static constexpr Xapian::doccount kFrequencyCountLimit = 1000;

    // Terms read at most by the distance-2 scan.
    static constexpr unsigned kMaxScannedTerms = 20000;

private:
    // Records with `term` that are public, counted up to kFrequencyCountLimit.
    Xapian::doccount publicFrequency(const std::string& term) const;

    const Xapian::Database& database_;
};

} // namespace majlis::indexer
