#include "indexer/SnippetBuilder.h"

#include "indexer/IndexSchema.h"

#include <vector>

namespace majlis::indexer {

namespace {

constexpr std::string_view kEllipsis = "…";

// One word of the text, with the byte range it shares with ligature siblings.
struct SnippetWord {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool marked = false;
};

// The first word of the window of kWindowWords words with the most marks.
std::size_t bestWindowStart(const std::vector<SnippetWord>& words, std::size_t windowWords)
{
    std::size_t best = 0;
    std::size_t bestCount = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        count += words[i].marked ? 1 : 0;
        if (i >= windowWords) {
            count -= words[i - windowWords].marked ? 1 : 0;
        }
        const std::size_t start = i + 1 >= windowWords ? i + 1 - windowWords : 0;
        if (count > bestCount) {
            bestCount = count;
            best = start;
        }
    }
    // Start the window a few words before its first match, for context.
    constexpr std::size_t kLeadWords = 5;
    while (best < words.size() && !words[best].marked) {
        ++best;
    }
    return best >= words.size() ? 0 : (best > kLeadWords ? best - kLeadWords : 0);
}

} // namespace

std::string SnippetBuilder::build(std::string_view text) const
{
    // Analysing a whole statute for every hit made a search of long
    // records slow; the window is sought in the first kMaxScanBytes only.
    // NOTE: a record whose only matches lie past that point gets a snippet
    // from its beginning, without marks.
    if (text.size() > kMaxScanBytes) {
        std::size_t cut = text.rfind(' ', kMaxScanBytes);
        text = text.substr(0, cut == std::string_view::npos ? kMaxScanBytes : cut);
    }
    // With nothing to mark (a listing without words) the snippet is the
    // beginning of the text; the analysis chain would find nothing anyway.
    if (markedTerms_.empty()) {
        constexpr std::size_t kLeadBytes = 400;
        if (text.size() <= kLeadBytes)
            return escapeHtml(text);
        const std::size_t cut = text.rfind(' ', kLeadBytes);
        std::string lead = escapeHtml(text.substr(0, cut == std::string_view::npos || cut == 0 ? kLeadBytes : cut));
        lead += kEllipsis;
        return lead;
    }
    std::vector<SnippetWord> words;
    analyzer_.forEachWord(text, [this, &words](const AnalyzedWord& word) {
        // Ligature expansions share one byte range: mark it if any part matches.
        if (!words.empty() && words.back().begin == word.begin) {
            words.back().marked = words.back().marked || isMarked(word);
            return;
        }
        words.push_back({word.begin, word.end, isMarked(word)});
    });
    if (words.empty()) {
        return "";
    }

    const std::size_t first = bestWindowStart(words, kWindowWords);
    const std::size_t last = std::min(words.size(), first + kWindowWords) - 1;

    std::string snippet;
    if (first > 0) {
        snippet += kEllipsis;
    }
    std::size_t copied = words[first].begin;
    for (std::size_t i = first; i <= last; ++i) {
        const SnippetWord& word = words[i];
        snippet += escapeHtml(text.substr(copied, word.begin - copied));
        const std::string original = escapeHtml(text.substr(word.begin, word.end - word.begin));
        snippet += word.marked ? "<mark>" + original + "</mark>" : original;
        copied = word.end;
    }
    if (last + 1 < words.size()) {
        snippet += kEllipsis;
    }
    return snippet;
}

std::string SnippetBuilder::escapeHtml(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

bool SnippetBuilder::isMarked(const AnalyzedWord& word) const
{
    const auto marked = [this](std::string_view prefix, const std::string& term) {
        return !term.empty() && markedTerms_.contains(std::string(prefix) + term);
    };
    return marked("", word.key) || marked(schema::kStemPrefix, word.stem)
        || marked(schema::kStemPrefix, word.alternativeStem) || marked(schema::kLightStemPrefix, word.lightStem);
}

} // namespace majlis::indexer
