#pragma once

#include "indexer/Stemmer.h"
#include "indexer/StopWords.h"
#include "indexer/Tokenizer.h"

#include <string>
#include <string_view>
#include <vector>

namespace majlis::indexer {

// One analysed word: its byte range in the original text, its normalised key
// (the unprefixed term) and its stems. Stop words, numbers and other scripts
// have no stems (""). A ligature that NFKC expands into several words gives
// several entries with the same byte range.
struct AnalyzedWord {
    std::size_t begin = 0;
    std::size_t end = 0;
    TokenKind kind = TokenKind::other;
    std::string key;
    std::string stem;            // Snowball (Arabic after Stemmer's clitic rules, or English)
    std::string alternativeStem; // Arabic only: the stem read without a leading clitic letter, or ""
    std::string lightStem;       // Arabic only: the Light10 stem
    bool stopWord = false;
};

// The one analysis chain, run identically on records and on queries:
// Tokenizer, ArabicNormalizer, StopWords, Stemmer and LightStemmer. Not
// thread-safe (it owns Xapian stemmers), so each thread needs its own Analyzer.
class Analyzer {
public:
    std::vector<AnalyzedWord> analyze(std::string_view text) const;

    const StopWords& stopWords() const { return stopWords_; }

private:
    void addWord(std::vector<AnalyzedWord>& words, const Token& token, std::string key) const;
    std::string alternativeStem(const std::string& key, const std::string& stem) const;

    Stemmer stemmer_;
    StopWords stopWords_;
};

} // namespace majlis::indexer
