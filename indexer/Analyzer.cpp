#include "indexer/Analyzer.h"

#include "indexer/ArabicNormalizer.h"
#include "indexer/LightStemmer.h"

#include <algorithm>

namespace majlis::indexer {

namespace {

// Two Arabic letters, in UTF-8 bytes.
constexpr std::size_t kMinimumAlternativeStemBytes = 4;

} // namespace

std::vector<AnalyzedWord> Analyzer::analyze(std::string_view text) const
{
    std::vector<AnalyzedWord> words;
    forEachWord(text, [&words](const AnalyzedWord& word) { words.push_back(word); });
    return words;
}

void Analyzer::forEachWord(std::string_view text, const WordVisitor& visit) const
{
    // Emptied only here, before any word is visited: elements of an
    // unordered_map stay in place as it grows, so the words visited stay
    // valid for the whole call.
    if (cache_.size() >= kMaxCachedTokens) {
        cache_.clear();
    }
    for (const Token& token : Tokenizer::tokenize(text)) {
        const std::string_view bytes = token.in(text);
        auto cached = cache_.find(bytes);
        if (cached == cache_.end()) {
            cached = cache_.emplace(std::string(bytes), analyzeToken(bytes, token.kind)).first;
        }
        for (AnalyzedWord& word : cached->second) {
            word.begin = token.begin;
            word.end = token.end;
            visit(word);
        }
    }
}

std::vector<AnalyzedWord> Analyzer::analyzeToken(std::string_view token, TokenKind kind) const
{
    const std::string key = ArabicNormalizer::normalize(token);

    // NFKC expands a few ligatures (U+FDFA, U+FDFB) into several words.
    std::vector<AnalyzedWord> words;
    std::size_t start = 0;
    while (start < key.size()) {
        const std::size_t space = std::min(key.find(' ', start), key.size());
        if (space > start) {
            words.push_back(analyzeWord(kind, key.substr(start, space - start)));
        }
        start = space + 1;
    }
    return words;
}

AnalyzedWord Analyzer::analyzeWord(TokenKind kind, std::string key) const
{
    AnalyzedWord word;
    word.kind = kind;
    word.stopWord = stopWords_.contains(key, kind);
    if (!word.stopWord) {
        word.stem = stemmer_.stem(key, kind);
    }
    if (!word.stopWord && kind == TokenKind::arabic) {
        word.alternativeStem = alternativeStem(key, word.stem);
        word.lightStem = LightStemmer::stem(key);
    }
    word.key = std::move(key);
    return word;
}

// A remainder that is a stop word ("ولكن" without و) gives no second stem,
// because stop words have no stems of their own to match.
std::string Analyzer::alternativeStem(const std::string& key, const std::string& stem) const
{
    const std::string remainder = Stemmer::cliticRemainder(key, stem);
    if (remainder.empty() || stopWords_.contains(remainder, TokenKind::arabic)) {
        return "";
    }
    std::string alternative = stemmer_.stem(remainder, TokenKind::arabic);
    if (alternative == stem || alternative.size() < kMinimumAlternativeStemBytes) {
        return "";
    }
    return alternative;
}

} // namespace majlis::indexer
