#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace majlis::indexer {

// The script class of a token, which chooses its stemmer and stop words.
enum class TokenKind { arabic, latin, number, other };

// One word of the original text: [begin, end) is its byte range there,
// harakat and tatweel included, so a snippet can mark the whole word.
struct Token {
    std::size_t begin = 0;
    std::size_t end = 0;
    TokenKind kind = TokenKind::other;

    std::string_view in(std::string_view text) const { return text.substr(begin, end - begin); }
};

// Splits text into words without changing it. A word is a run of letters or
// a run of digits of one script class. Combining marks, tatweel and format
// characters (bidi controls, zero-width characters) stay inside the word they
// touch. Everything else separates words, invalid UTF-8 included.
class Tokenizer {
public:
    static std::vector<Token> tokenize(std::string_view text);
};

} // namespace majlis::indexer
