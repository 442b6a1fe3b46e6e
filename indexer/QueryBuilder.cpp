#include "indexer/QueryBuilder.h"

#include "core/Utf8.h"
#include "indexer/IndexSchema.h"
#include "indexer/SpellingSuggester.h"

#include <algorithm>

namespace majlis::indexer {

namespace {

// One unit of the query syntax: a bare word or a quoted phrase, possibly negated.
struct Clause {
    std::string text;
    bool phrase = false;
    bool excluded = false;
};

bool isOpeningQuote(char32_t c)
{
    return c == U'"' || c == U'«' || c == U'“';
}

bool isClosingQuote(char32_t c)
{
    return c == U'"' || c == U'»' || c == U'”';
}

bool isSpace(char32_t c)
{
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x00A0 || c == 0x3000
        || (c >= 0x2000 && c <= 0x200A);
}

std::vector<Clause> splitClauses(std::string_view text)
{
    std::vector<Clause> clauses;
    std::size_t position = 0;
    while (position < text.size()) {
        std::size_t start = position;
        char32_t c = decodeUtf8(text, position);
        if (isSpace(c)) {
            continue;
        }

        Clause clause;
        if (c == U'-') {
            // A minus followed by a space or the end excludes nothing.
            std::size_t next = position;
            if (position == text.size() || isSpace(decodeUtf8(text, next))) {
                continue;
            }
            clause.excluded = true;
            start = position;
            c = decodeUtf8(text, position);
        }
        if (isOpeningQuote(c)) {
            clause.phrase = true;
            start = position;
            std::size_t end = position;
            while (position < text.size() && !isClosingQuote(decodeUtf8(text, position))) {
                end = position;
            }
            clause.text = std::string(text.substr(start, end - start));
        } else {
            std::size_t end = position;
            while (position < text.size() && !isSpace(decodeUtf8(text, position))) {
                end = position;
            }
            clause.text = std::string(text.substr(start, end - start));
        }
        clauses.push_back(std::move(clause));
    }
    return clauses;
}

// The term a word contributes to a phrase: its stem when it has one, so a
// phrase matches vowelled and prefixed forms. Stems are indexed with positions.
std::string phraseTerm(const AnalyzedWord& word)
{
    if (!word.stem.empty()) {
        return schema::boundedTerm(schema::kStemPrefix, word.stem);
    }
    return schema::boundedTerm("", word.key);
}

// The weights of a word's terms beside its stem, which weighs 1. A record
// with the exact form matches more terms and ranks higher. On ARCD
// (indexer/bench/ArcdEval.cpp, k1 0.6, b 0.9) MRR@10 was 0.776 with the exact
// form at weight 1, 0.779 at 0 and 0.787 at 0.3. The alternative and Light10
// stems were weighed on the tuning half of ARCD, where 0.15 to 0.5 scored
// within 0.003 of each other.
constexpr double kExactFormWeight = 0.3;
constexpr double kAlternativeStemWeight = 0.3;
constexpr double kLightStemWeight = 0.3;

// The weight of a spelling correction beside the unknown word it widens. On
// the tuning half of ARCD, weights from 0.4 to 0.8 scored MRR@10 within 0.002
// of each other and weight 1 scored about 0.005 lower.
constexpr double kCorrectionWeight = 0.6;

Xapian::Query scaled(const std::string& term, double weight)
{
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), weight);
}

// A word's stem, its exact form, its alternative stem and its Light10 stem,
// ORed. The exact form is left out when it is the same text as the stem,
// and so is the Light10 stem. Each such term costs another posting list to
// read, and at one million records the OR of four frequent terms was the
// slowest part of a query. Leaving them out raised ARCD's MRR@10 from
// 0.8036 to 0.8058 and left Recall@10 at 0.9634.
Xapian::Query wordQuery(const AnalyzedWord& word)
{
    const std::string exact = schema::boundedTerm("", word.key);
    if (word.stem.empty()) {
        return Xapian::Query(exact);
    }

    std::vector<Xapian::Query> terms = {Xapian::Query(schema::boundedTerm(schema::kStemPrefix, word.stem))};
    if (word.key != word.stem) {
        terms.push_back(scaled(exact, kExactFormWeight));
    }
    if (!word.alternativeStem.empty()) {
        terms.push_back(scaled(schema::boundedTerm(schema::kStemPrefix, word.alternativeStem), kAlternativeStemWeight));
    }
    if (!word.lightStem.empty() && word.lightStem != word.stem) {
        terms.push_back(scaled(schema::boundedTerm(schema::kLightStemPrefix, word.lightStem), kLightStemWeight));
    }
    if (terms.size() == 1) {
        return terms.front();
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Adds the terms that SnippetBuilder marks for `word`.
void addMarkedTerms(std::set<std::string>& marked, const AnalyzedWord& word)
{
    marked.insert(word.key);
    if (!word.stem.empty()) {
        marked.insert(std::string(schema::kStemPrefix) + word.stem);
    }
    if (!word.alternativeStem.empty()) {
        marked.insert(std::string(schema::kStemPrefix) + word.alternativeStem);
    }
    if (!word.lightStem.empty()) {
        marked.insert(std::string(schema::kLightStemPrefix) + word.lightStem);
    }
}

Xapian::Query clauseQuery(const std::vector<AnalyzedWord>& words)
{
    if (words.size() == 1) {
        return wordQuery(words.front());
    }
    std::vector<Xapian::Query> terms;
    for (const AnalyzedWord& word : words) {
        terms.emplace_back(phraseTerm(word));
    }
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), static_cast<Xapian::termcount>(terms.size()));
}

bool allStopWords(const std::vector<AnalyzedWord>& words)
{
    return std::all_of(words.begin(), words.end(), [](const AnalyzedWord& word) { return word.stopWord; });
}

} // namespace

BuiltQuery QueryBuilder::build(std::string_view text) const
{
    // Analyse every clause first: whether stop words may be dropped depends
    // on whether any positive clause has another word.
    std::vector<std::pair<Clause, std::vector<AnalyzedWord>>> analysed;
    bool hasContentWord = false;
    for (Clause& clause : splitClauses(text)) {
        std::vector<AnalyzedWord> words = analyzer_.analyze(clause.text);
        if (words.empty()) {
            continue;
        }
        if (!clause.excluded && (clause.phrase || !allStopWords(words))) {
            hasContentWord = true;
        }
        analysed.emplace_back(std::move(clause), std::move(words));
    }

    BuiltQuery built;
    std::vector<Xapian::Query> positive;
    std::vector<Xapian::Query> negative;
    for (const auto& [clause, words] : analysed) {
        const bool droppable = !clause.phrase && allStopWords(words);
        if (clause.excluded) {
            negative.push_back(clauseQuery(words));
            continue;
        }
        if (droppable && hasContentWord) {
            continue;
        }
        Xapian::Query query = clauseQuery(words);
        if (!clause.phrase && words.size() == 1) {
            if (const auto corrected = correction(words.front())) {
                query = Xapian::Query(Xapian::Query::OP_OR, query,
                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, wordQuery(*corrected), kCorrectionWeight));
                addMarkedTerms(built.markedTerms, *corrected);
                built.hasCorrections = true;
                built.corrections[words.front().key] = corrected->key;
            }
        }
        positive.push_back(query);
        for (const AnalyzedWord& word : words) {
            addMarkedTerms(built.markedTerms, word);
            built.words.push_back(word.key);
            built.typedWords.push_back(clause.text.substr(word.begin, word.end - word.begin));
        }
    }

    built.hasPositiveWords = !positive.empty();
    // A fresh match-all query: the shared Xapian::Query::MatchAll must not
    // be copied from several threads (its reference count is not atomic).
    Xapian::Query query = positive.empty() ? Xapian::Query(std::string())
                                           : Xapian::Query(Xapian::Query::OP_OR, positive.begin(), positive.end());
    if (!negative.empty()) {
        query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
            Xapian::Query(Xapian::Query::OP_OR, negative.begin(), negative.end()));
    }
    if (positive.empty() && negative.empty()) {
        query = Xapian::Query();
    }
    built.query = query;
    return built;
}

std::optional<AnalyzedWord> QueryBuilder::correction(const AnalyzedWord& word) const
{
    if (vocabulary_ == nullptr || word.kind != TokenKind::arabic || word.stem.empty()) {
        return std::nullopt;
    }
    const auto known = [this](const std::string& term) {
        return termKnown_ ? termKnown_(term) : vocabulary_->term_exists(term);
    };
    if (known(schema::boundedTerm("", word.key)) || known(schema::boundedTerm(schema::kStemPrefix, word.stem))) {
        return std::nullopt;
    }

    const std::string suggestion = SpellingSuggester(*vocabulary_).suggest(word.key);
    if (suggestion.empty()) {
        return std::nullopt;
    }
    std::vector<AnalyzedWord> corrected = analyzer_.analyze(suggestion);
    if (corrected.size() != 1 || corrected.front().stem.empty()) {
        return std::nullopt;
    }
    return std::move(corrected.front());
}

} // namespace majlis::indexer
