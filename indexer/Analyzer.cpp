#include "indexer/Analyzer.h"

#include "indexer/ArabicNormalizer.h"

namespace majlis::indexer {

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
    word.key = std::move(key);
    words.push_back(std::move(word));
}

} // namespace majlis::indexer
