#pragma once

#include "indexer/Analyzer.h"

#include <set>
#include <string>
#include <string_view>

namespace majlis::indexer {

// Cuts an HTML snippet from original text: the window of words with the most
// matches, escaped, each matched word wrapped in <mark>...</mark> over its
// whole original bytes (harakat and tatweel included, never part of a word).
class SnippetBuilder {
public:
    // `markedTerms` contains word keys and prefixed stems, as BuiltQuery does.
    SnippetBuilder(const Analyzer& analyzer, const std::set<std::string>& markedTerms)
        : analyzer_(analyzer)
        , markedTerms_(markedTerms)
    {
    }

    // Returns the snippet, or "" when `text` has no words.
    std::string build(std::string_view text) const;

    static std::string escapeHtml(std::string_view text);

    // Words in a snippet window.
    static constexpr std::size_t kWindowWords = 30;
    // Bytes of a record's text searched for the snippet window.
    static constexpr std::size_t kMaxScanBytes = 32 * 1024;

private:
    bool isMarked(const AnalyzedWord& word) const;

    const Analyzer& analyzer_;
    const std::set<std::string>& markedTerms_;
};

} // namespace majlis::indexer
