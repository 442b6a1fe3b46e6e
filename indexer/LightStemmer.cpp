#include "indexer/LightStemmer.h"

#include "core/Utf8.h"

#include <array>

namespace majlis::indexer {

namespace {

// Light10's lists in its order, on normalised letters: "ية" and "ة" fold into
// "يه" and "ه", which are already listed.
constexpr std::array<std::u32string_view, 7> kPrefixes = {U"ال", U"وال", U"بال", U"كال", U"فال", U"لل", U"و"};
constexpr std::array<std::u32string_view, 8> kSuffixes = {U"ها", U"ان", U"ات", U"ون", U"ين", U"يه", U"ه", U"ي"};

constexpr std::size_t kMinimumLetters = 2;
constexpr std::size_t kMinimumLettersAfterWaw = 3;

std::u32string decode(std::string_view text)
{
    std::u32string letters;
    std::size_t position = 0;
    while (position < text.size()) {
        letters.push_back(decodeUtf8(text, position));
    }
    return letters;
}

void removePrefix(std::u32string& word)
{
    for (const std::u32string_view prefix : kPrefixes) {
        const std::size_t minimum = prefix.size() == 1 ? kMinimumLettersAfterWaw : kMinimumLetters;
        if (word.starts_with(prefix) && word.size() >= prefix.size() + minimum) {
            word.erase(0, prefix.size());
            return;
        }
    }
}

void removeSuffixes(std::u32string& word)
{
    for (const std::u32string_view suffix : kSuffixes) {
        if (word.ends_with(suffix) && word.size() >= suffix.size() + kMinimumLetters) {
            word.resize(word.size() - suffix.size());
        }
    }
}

} // namespace

std::string LightStemmer::stem(std::string_view key)
{
    std::u32string word = decode(key);
    removePrefix(word);
    removeSuffixes(word);

    std::string stem;
    for (const char32_t letter : word) {
        appendUtf8(stem, letter);
    }
    return stem;
}

} // namespace majlis::indexer
