#include "indexer/SpellingSuggester.h"

#include "core/Utf8.h"
#include "indexer/IndexSchema.h"
#include "indexer/IndexedRecord.h"
#include "indexer/RecordDocument.h"

#include <algorithm>
#include <set>
#include <vector>

namespace majlis::indexer {

namespace {

// The edit distance that Xapian's spelling search allows by default.
constexpr std::size_t kMaxDistance = 2;

// Shorter words get distance-1 corrections only: two edits would change
// most of the word.
constexpr std::size_t kMinLettersForDistanceTwo = 5;

// The article "ال", which begins about half the Arabic vocabulary, so the
// distance-2 scan looks past it.
constexpr std::u32string_view kArticle = U"ال";

std::u32string decode(std::string_view text)
{
    std::u32string letters;
    for (std::size_t position = 0; position < text.size();)
        letters.push_back(decodeUtf8(text, position));
    return letters;
}

std::string encode(std::u32string_view letters)
{
    std::string text;
    for (const char32_t letter : letters)
        appendUtf8(text, letter);
    return text;
}

// The letters that insertions and substitutions try: the Arabic letters
// that survive ArabicNormalizer's folding, or a to z and the digits, and
// the word's own letters.
std::vector<char32_t> alphabetFor(const std::u32string& word)
{
    std::set<char32_t> letters(word.begin(), word.end());
    const bool arabic = std::any_of(word.begin(), word.end(), [](char32_t c) { return c >= 0x0600 && c <= 0x06FF; });
    if (arabic) {
        for (char32_t c = U'ء'; c <= U'ي'; ++c) {
            const bool folded = c == U'أ' || c == U'إ' || c == U'آ' || c == U'ى' || c == U'ة';
            const bool unassigned = c > U'غ' && c < U'ف'; // U+063B..U+0640, tatweel included
            if (!folded && !unassigned)
                letters.insert(c);
        }
    } else {
        for (char32_t c = U'a'; c <= U'z'; ++c)
            letters.insert(c);
        for (char32_t c = U'0'; c <= U'9'; ++c)
            letters.insert(c);
    }
    return {letters.begin(), letters.end()};
}

// Every string at one deletion, insertion, substitution or adjacent
// transposition from `word`, without the word itself.
std::set<std::string> editsOf(const std::u32string& word)
{
    const std::vector<char32_t> alphabet = alphabetFor(word);
    std::set<std::u32string> edits;
    for (std::size_t i = 0; i <= word.size(); ++i) {
        for (const char32_t letter : alphabet) {
            edits.insert(word.substr(0, i) + letter + word.substr(i));
            if (i < word.size())
                edits.insert(word.substr(0, i) + letter + word.substr(i + 1));
        }
        if (i < word.size())
            edits.insert(word.substr(0, i) + word.substr(i + 1));
        if (i + 1 < word.size()) {
            std::u32string swapped = word;
            std::swap(swapped[i], swapped[i + 1]);
            edits.insert(swapped);
        }
    }
    edits.erase(word);

    std::set<std::string> encoded;
    for (const std::u32string& edit : edits)
        encoded.insert(encode(edit));
    return encoded;
}

// The optimal string alignment distance (Levenshtein with adjacent
// transpositions) between two words, or kMaxDistance + 1 when it is larger.
std::size_t boundedDistance(const std::u32string& a, const std::u32string& b)
{
    const std::size_t longer = std::max(a.size(), b.size());
    if (longer - std::min(a.size(), b.size()) > kMaxDistance)
        return kMaxDistance + 1;

    // Three rows of the dynamic programme: i - 2, i - 1 and i.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t rowMinimum = current[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
            rowMinimum = std::min(rowMinimum, current[j]);
        }
        if (rowMinimum > kMaxDistance)
            return kMaxDistance + 1;
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return std::min(previous[b.size()], kMaxDistance + 1);
}

// The two-letter beginnings (after the article, if any) that the distance-2
// scan reads: the word's own, and those left by deleting its first or second
// letter or by swapping the two. So a stray clitic letter is still
// corrected, such as the "ب" of "بالجيكيا" for "بلجيكا".
std::set<std::string> scanPrefixes(const std::u32string& word)
{
    const bool article = word.starts_with(kArticle) && word.size() >= kArticle.size() + 3;
    const std::u32string lead(article ? kArticle : U"");
    const std::u32string rest = word.substr(lead.size());
    std::set<std::string> prefixes;
    if (rest.size() < 3) {
        prefixes.insert(encode(word));
        return prefixes;
    }
    for (const std::u32string& pair : {rest.substr(0, 2), rest.substr(1, 2), std::u32string {rest[0], rest[2]},
             std::u32string {rest[1], rest[0]}})
        prefixes.insert(encode(lead + pair));
    return prefixes;
}

} // namespace

std::string SpellingSuggester::suggest(const std::string& key) const
{
    if (!RecordDocument::isSpellingWord(key) || key.size() > schema::kMaxTermBytes)
        return "";
    const std::u32string word = decode(key);

    // The most frequent public candidate; the set's order breaks ties.
    const auto bestOf = [this](const std::set<std::string>& candidates) {
        std::string best;
        Xapian::doccount bestFrequency = 0;
        for (const std::string& candidate : candidates) {
            if (!RecordDocument::isSpellingWord(candidate) || !database_.term_exists(candidate))
                continue;
            const Xapian::doccount frequency = publicFrequency(candidate);
            if (frequency > bestFrequency) {
                best = candidate;
                bestFrequency = frequency;
            }
        }
        return best;
    };

    if (std::string best = bestOf(editsOf(word)); !best.empty())
        return best;
    if (word.size() < kMinLettersForDistanceTwo)
        return "";

    // Distance 2: a scan of the index words that begin as the word does,
    // up to one edit among its first two letters.
    // NOTE: an insertion or substitution among those letters finds no
    // distance-2 correction.
    std::set<std::string> nearest;
    unsigned scanned = 0;
    for (const std::string& prefix : scanPrefixes(word)) {
        for (auto term = database_.allterms_begin(prefix);
             term != database_.allterms_end(prefix) && scanned < kMaxScannedTerms; ++term, ++scanned) {
            if (boundedDistance(word, decode(*term)) <= kMaxDistance)
                nearest.insert(*term);
        }
    }
    nearest.erase(key);
    return bestOf(nearest);
}

Xapian::doccount SpellingSuggester::publicFrequency(const std::string& term) const
{
    Xapian::Enquire enquire(database_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term),
        Xapian::Query(schema::boundedTerm(schema::kAccessPrefix, kAccessPublic))));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 1, kFrequencyCountLimit).get_matches_lower_bound();
}

} // namespace majlis::indexer
