#pragma once

#include "indexer/Stemmer.h"
#include "indexer/StopWords.h"
#include "indexer/Tokenizer.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
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
// thread-safe (it owns Xapian stemmers and a cache), so each thread needs its
// own Analyzer.
//
// The words of a token depend on its bytes alone, and a few thousand tokens
// make up most of any Arabic text, so the analysis of each token is cached
// by its bytes. The cache is emptied when a text starts with it holding
// kMaxCachedTokens tokens or more, and the frequent tokens soon return.
class Analyzer {
public:
    using WordVisitor = std::function<void(const AnalyzedWord& word)>;

    std::vector<AnalyzedWord> analyze(std::string_view text) const;

    // Calls `visit` with each word of `text` in order, as analyze() returns
    // them, without copying the words out of the cache. `visit` must not
    // call this Analyzer.
    void forEachWord(std::string_view text, const WordVisitor& visit) const;

    const StopWords& stopWords() const { return stopWords_; }

    // Roughly 300 bytes a token with its words, so about 1.2 MB when full.
    // With 32,768 tokens (10 MB) indexing ran 4% fewer instructions but took
    // more CPU time beside other busy processes, because each lookup missed
    // the processor's caches.
    static constexpr std::size_t kMaxCachedTokens = 4096;

private:
    // Hashes std::string and std::string_view alike, so a token is looked up
    // without copying it.
    struct TokenHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view token) const { return std::hash<std::string_view>{}(token); }
    };
    using TokenCache = std::unordered_map<std::string, std::vector<AnalyzedWord>, TokenHash, std::equal_to<>>;

    // The words of one token; forEachWord sets their byte range.
    std::vector<AnalyzedWord> analyzeToken(std::string_view token, TokenKind kind) const;
    AnalyzedWord analyzeWord(TokenKind kind, std::string key) const;
    std::string alternativeStem(const std::string& key, const std::string& stem) const;

    Stemmer stemmer_;
    StopWords stopWords_;
    mutable TokenCache cache_;
};

} // namespace majlis::indexer
