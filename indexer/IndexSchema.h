#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

// Term prefixes, value slots and term limits of the Majlis index, shared by
// the writer (SearchIndex) and the query side (QueryBuilder, IndexSearcher).
// Changing any of them requires a rebuild of the index.
namespace majlis::indexer::schema {

// Free-text terms: the normalised word carries no prefix and its stem
// carries "Z", as Xapian's TermGenerator does. An Arabic word's alternative
// stem is a second "Z" term at the same position, and its Light10 stem
// carries "XL".
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kLightStemPrefix = "XL";

// Boolean terms, one per record and field.
inline constexpr std::string_view kIdPrefix = "Q";
inline constexpr std::string_view kCouncilPrefix = "XC";
inline constexpr std::string_view kRegionPrefix = "XR";
inline constexpr std::string_view kTypePrefix = "XT";
inline constexpr std::string_view kAccessPrefix = "XA";
inline constexpr std::string_view kYearPrefix = "XY";      // Gregorian year
inline constexpr std::string_view kHijriYearPrefix = "XH"; // Umm al-Qura year
inline constexpr std::string_view kTagPrefix = "K";

// Value slots. The date is sortable_serialise(days since 1970-01-01); the
// facet slots hold the raw field value for Xapian::ValueCountMatchSpy.
inline constexpr Xapian::valueno kDateSlot = 0;
inline constexpr Xapian::valueno kCouncilSlot = 1;
inline constexpr Xapian::valueno kRegionSlot = 2;
inline constexpr Xapian::valueno kTypeSlot = 3;
inline constexpr Xapian::valueno kYearSlot = 4;
inline constexpr Xapian::valueno kHijriYearSlot = 5;

// The version of everything above and of the analysis chain, stored in the
// index's metadata under kFormatKey. Raise it with any change that needs a
// rebuild; the index writer rebuilds an index of another format at start.
inline constexpr int kIndexFormat = 3;
inline constexpr const char* kFormatKey = "majlis.index_format";

// Xapian rejects terms over 245 bytes and its TermGenerator silently drops
// words over 64 bytes; every longer term is hashed instead, so none is lost.
inline constexpr std::size_t kMaxTermBytes = 64;

// The first position of the body, so no phrase spans title and body.
inline constexpr Xapian::termpos kBodyFirstPosition = 1000;

// Returns prefix + text, or prefix + "#" + the first 32 hex digits of the
// SHA-256 of text when that would exceed kMaxTermBytes. The tokenizer never
// puts "#" into a word, so a hashed term cannot equal a real one.
std::string boundedTerm(std::string_view prefix, std::string_view text);

// True when boundedTerm had to hash the term.
bool isHashedTerm(std::string_view term);

} // namespace majlis::indexer::schema
