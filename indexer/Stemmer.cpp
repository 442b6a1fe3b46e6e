#include "indexer/Stemmer.h"

#include <array>

namespace majlis::indexer {

namespace {

// Longest first, so "وبال" wins over "بال" and "ال". The forms with "لل" are
// the preposition ل followed by the article, whose alef is not written.
constexpr std::array<std::string_view, 12> kArticleForms = {
    "وبال", "وكال", "فبال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال",
};

// Two Arabic letters, in UTF-8 bytes.
constexpr std::size_t kMinimumRemainderBytes = 4;

} // namespace

Stemmer::Stemmer()
    : arabic_("arabic")
    , english_("english")
{
}

std::string Stemmer::stem(std::string_view key, TokenKind kind) const
{
    switch (kind) {
    case TokenKind::arabic:
        return arabic_(stripArticle(key));
    case TokenKind::latin:
        return english_(std::string(key));
    default:
        return "";
    }
}

std::string Stemmer::stripArticle(std::string_view key)
{
    for (const std::string_view form : kArticleForms) {
        if (key.starts_with(form) && key.size() - form.size() >= kMinimumRemainderBytes) {
            return std::string(key.substr(form.size()));
        }
    }
    return std::string(key);
}

} // namespace majlis::indexer
