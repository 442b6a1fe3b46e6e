#pragma once

#include "indexer/Tokenizer.h"

#include <xapian.h>

#include <string>
#include <string_view>

namespace majlis::indexer {

// Stems a normalised key by the script of its token: Arabic through the
// Snowball Arabic stemmer after the article and its clitics are removed,
// Latin through the Snowball English stemmer. Other tokens have no stem.
// Xapian::Stem is not thread-safe, so each thread needs its own Stemmer.
class Stemmer {
public:
    Stemmer();

    // Returns the stem, or "" when the token kind has none.
    std::string stem(std::string_view key, TokenKind kind) const;

    // Removes the definite article together with the conjunctions and
    // prepositions written before it (ال وال فال بال كال وبال لل ولل ...),
    // which Snowball Arabic 1.4.22 keeps on many words ("والحسن" stems to
    // "والحس"). At least two letters remain, so "الو" stays whole.
    static std::string stripArticle(std::string_view key);

    // Removes the preposition ل that Snowball leaves on a stem of five
    // letters or more.
    static std::string stripPreposition(std::string_view stem);

    // Returns the key without its first letter when that letter may be a
    // clitic that the stem kept: one of و ف ب ك ل, followed by at least three
    // letters, with `stem` (the key's stem) still starting with it. Returns ""
    // otherwise. Snowball Arabic keeps و and ف before ا ("واحد", but also
    // "وأكبر" once the hamza is folded) and ب, ك and ل on short words, so
    // such a word gets a second stem from this remainder.
    static std::string cliticRemainder(std::string_view key, std::string_view stem);

private:
    Xapian::Stem arabic_;
    Xapian::Stem english_;
};

} // namespace majlis::indexer
