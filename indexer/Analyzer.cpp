#include "indexer/Analyzer.h"

#include "indexer/ArabicNormalizer.h"
#include "indexer/LightStemmer.h"

namespace majlis::indexer {

namespace {

// Two Arabic letters, in UTF-8 bytes.
constexpr std::size_t kMinimumAlternativeStemBytes = 4;

} // namespace

std::vector<AnalyzedWord> Analyzer::analyze(std::string_view text) const
{
    std::vector<AnalyzedWord> words;
    for (const Token& token : Tokenizer::tokenize(text)) {
        const std::string key = ArabicNormalizer::normalize(token.in(text));

        // NFKC expands a few ligatures (U+FDFA, U+FDFB) into several words.
        std::size_t start = 0;
        while (start < key.size()) {
            const std::size_t space = std::min(key.find(' ', start), key.size());
            if (space > start) {
                addWord(words, token, key.substr(start, space - start));
            }
            start = space + 1;
        }
    }
    return words;
}

void Analyzer::addWord(std::vector<AnalyzedWord>& words, const Token& token, std::string key) const
{
    AnalyzedWord word;
    word.begin = token.begin;
    word.end = token.end;
    word.kind = token.kind;
    word.stopWord = stopWords_.contains(key, token.kind);
    if (!word.stopWord) {
        word.stem = stemmer_.stem(key, token.kind);
    }
    if (!word.stopWord && token.kind == TokenKind::arabic) {
        word.alternativeStem = alternativeStem(key, word.stem);
        word.lightStem = LightStemmer::stem(key);
    }
    word.key = std::move(key);
    words.push_back(std::move(word));
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
