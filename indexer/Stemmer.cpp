#include "indexer/Stemmer.h"

#include <array>

namespace majlis::indexer {

namespace {

// Longer forms first, so "وبال" is removed whole and not as "و" + "بال". The forms with "لل" are
// the preposition ل followed by the article, whose alef is not written.
constexpr std::array<std::string_view, 12> kArticleForms = {
    "وبال", "وكال", "فبال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال",
};

// Two Arabic letters, in UTF-8 bytes.
constexpr std::size_t kMinimumRemainderBytes = 4;

// Snowball Arabic strips the prepositions ب and ك but keeps ل ("لمجلس"). A
// stem of five letters or more rarely starts with a root lam, and removing it
// raised ARCD MRR@10 from 0.788 to 0.791 (indexer/bench/ArcdEval.cpp).
constexpr std::string_view kLam = "ل";
constexpr std::size_t kMinimumLamStemBytes = 10;

// The one-letter conjunctions and prepositions written joined to a word.
constexpr std::array<std::string_view, 5> kCliticLetters = {"و", "ف", "ب", "ك", "ل"};

// Three Arabic letters, in UTF-8 bytes.
constexpr std::size_t kMinimumCliticRemainderBytes = 6;

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
        return stripPreposition(arabic_(stripArticle(key)));
    case TokenKind::latin:
        return english_(std::string(key));
    default:
        return "";
    }
}

std::string Stemmer::stripPreposition(std::string_view stem)
{
    if (stem.starts_with(kLam) && stem.size() >= kMinimumLamStemBytes) {
        return std::string(stem.substr(kLam.size()));
    }
    return std::string(stem);
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

std::string Stemmer::cliticRemainder(std::string_view key, std::string_view stem)
{
    for (const std::string_view letter : kCliticLetters) {
        if (key.starts_with(letter) && stem.starts_with(letter)
            && key.size() - letter.size() >= kMinimumCliticRemainderBytes) {
            return std::string(key.substr(letter.size()));
        }
    }
    return "";
}

} // namespace majlis::indexer
