#include "indexer/Analyzer.h"
#include "indexer/StopWords.h"
#include "indexer/ArabicNormalizer.h"
#include "indexer/LightStemmer.h"
#include "tests/support/SharedCorpus.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>
#include <vector>

using majlis::indexer::Analyzer;
using majlis::indexer::ArabicNormalizer;
using majlis::indexer::LightStemmer;
using majlis::indexer::TokenKind;

namespace {

std::vector<std::string> keysOf(const Analyzer& analyzer, const std::string& text)
{
    std::vector<std::string> keys;
    for (const auto& word : analyzer.analyze(text)) {
        keys.push_back(word.key);
    }
    return keys;
}

} // namespace

BOOST_AUTO_TEST_SUITE(analyzer)

BOOST_AUTO_TEST_CASE(presentation_form_lines_give_plain_keys)
{
    const Analyzer analyzer;
    const std::vector<std::string> expected = {"محضر", "اجتماع", "اللجنه"};
    const std::string lines[] = {
        "ﻣﺤﻀﺮ ﺍﺟﺘﻤﺎﻉ ﺍﻟﻠﺠﻨﺔ",
        "\u2067ﻣﺤﻀﺮ ﺍﺟﺘﻤﺎﻉ ﺍﻟﻠﺠﻨﺔ\u2069",
    };
    for (const auto& line : lines) {
        BOOST_TEST(keysOf(analyzer, line) == expected, boost::test_tools::per_element());
    }

    // NOTE: visual order is repaired inside each word only; the word order of
    // such a line stays reversed, which matters for phrase queries alone.
    const std::vector<std::string> reversed = {"اللجنه", "اجتماع", "محضر"};
    BOOST_TEST(keysOf(analyzer, "ﺔﻨﺠﻠﻟﺍ ﻉﺎﻤﺘﺟﺍ ﺮﻀﺤﻣ") == reversed, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(byte_ranges_cover_whole_original_words)
{
    const Analyzer analyzer;
    const std::string text = "يحال إلى مُدِيرٍ \u200Fالإدارة\u200E";
    const auto words = analyzer.analyze(text);
    BOOST_TEST_REQUIRE(words.size() == 4u);
    BOOST_TEST(text.substr(words[2].begin, words[2].end - words[2].begin) == "مُدِيرٍ");
    BOOST_TEST(text.substr(words[3].begin, words[3].end - words[3].begin) == "الإدارة");
}

BOOST_AUTO_TEST_CASE(numbers_are_tokens_of_their_value)
{
    const Analyzer analyzer;
    const std::vector<std::string> expected = {"القرار", "رقم", "12", "لسنه", "2024"};
    BOOST_TEST(keysOf(analyzer, "القرار رقم (12) لسنة 2024") == expected, boost::test_tools::per_element());
    BOOST_TEST(keysOf(analyzer, "القرار رقم (١٢) لسنة ٢٠٢٤") == expected, boost::test_tools::per_element());
    BOOST_TEST(keysOf(analyzer, "۴۵") == std::vector<std::string> {"45"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(stop_words_are_marked_and_not_stemmed)
{
    const Analyzer analyzer;
    const auto words = analyzer.analyze("يحال إلى المدير the council");
    BOOST_TEST_REQUIRE(words.size() == 5u);
    BOOST_TEST(!words[0].stopWord);
    BOOST_TEST(words[1].stopWord);
    BOOST_TEST(words[1].stem.empty());
    BOOST_TEST(words[2].stem == "مدير");
    BOOST_TEST(words[3].stopWord);
    BOOST_TEST(words[4].stem == "council");
}

BOOST_AUTO_TEST_CASE(clitic_words_get_alternative_stem)
{
    const Analyzer analyzer;
    const std::pair<std::string, std::string> cases[] = {
        {"وأوروبا", "اوروب"}, // the stem of "أوروبا"
        {"لعام", "عام"},
        {"واستمر", "استمر"},
        {"ولكن", ""},   // the remainder "لكن" is a stop word
        {"المجلس", ""}, // the article is already removed from the stem
        {"الى", ""},    // stop words have no stems
        {"council", ""},
    };
    for (const auto& [input, expected] : cases) {
        const auto words = analyzer.analyze(input);
        BOOST_TEST_REQUIRE(words.size() == 1u, input);
        BOOST_TEST(words[0].alternativeStem == expected, input);
    }
}

// The stemmer cases of Lucene's TestArabicStemFilter, whose ArabicStemmer is
// Light10, in normalised letters.
BOOST_AUTO_TEST_CASE(light_stem_follows_light10)
{
    const std::pair<std::string, std::string> cases[] = {
        {"الحسن", "حسن"},
        {"والحسن", "حسن"},
        {"بالحسن", "حسن"},
        {"كالحسن", "حسن"},
        {"فالحسن", "حسن"},
        {"للاخر", "اخر"},
        {"وحسن", "حسن"},
        {"زوجها", "زوج"},
        {"ساهدان", "ساهد"},
        {"ساهدات", "ساهد"},
        {"ساهدون", "ساهد"},
        {"ساهدين", "ساهد"},
        {"ساهديه", "ساهد"},
        {"ساهدية", "ساهد"},
        {"ساهده", "ساهد"},
        {"ساهدة", "ساهد"},
        {"ساهدي", "ساهد"},
        {"وساهدون", "ساهد"},
        {"ساهدهات", "ساهد"},
        {"الو", "الو"},  // the article would leave one letter
        {"وحس", "وحس"},  // و is removed only before three letters
        {"بها", "بها"},  // a suffix is removed only before two letters
    };
    for (const auto& [input, expected] : cases) {
        BOOST_TEST(LightStemmer::stem(ArabicNormalizer::normalize(input)) == expected, input);
    }
}

BOOST_AUTO_TEST_CASE(light_stem_only_on_arabic_content_words)
{
    const Analyzer analyzer;
    const auto words = analyzer.analyze("والمجالس إلى councils 2024");
    BOOST_TEST_REQUIRE(words.size() == 4u);
    BOOST_TEST(words[0].lightStem == "مجالس");
    BOOST_TEST(words[1].lightStem.empty());
    BOOST_TEST(words[2].lightStem.empty());
    BOOST_TEST(words[3].lightStem.empty());
}

// Words come from a cache of analysed tokens: a repeated token keeps its own
// byte range, and the words stay the same after the cache is emptied.
BOOST_AUTO_TEST_CASE(cached_tokens_give_the_same_words)
{
    const Analyzer analyzer;
    const std::string text = "المجالس البلدية والمجالس ﷺ المجالس";
    const auto first = analyzer.analyze(text);
    BOOST_TEST_REQUIRE(first.size() == 8u); // the ligature is four words
    BOOST_TEST(first[0].begin == 0u);
    BOOST_TEST(first[7].begin == text.rfind("المجالس"));
    BOOST_TEST(first[7].end == text.size());
    BOOST_TEST(first[7].key == first[0].key);
    BOOST_TEST(first[7].stem == first[0].stem);
    BOOST_TEST(first[2].alternativeStem == analyzer.analyze("والمجالس")[0].alternativeStem);

    // More distinct tokens than the cache holds, then the same text again.
    std::string many;
    for (std::size_t i = 0; i <= Analyzer::kMaxCachedTokens; ++i) {
        for (std::size_t rest = i; rest > 0 || many.empty() || many.back() == ' '; rest /= 26) {
            many += static_cast<char>('a' + rest % 26);
        }
        many += ' ';
    }
    BOOST_TEST(analyzer.analyze(many).size() == Analyzer::kMaxCachedTokens + 1);
    const auto again = analyzer.analyze(text);
    const auto fresh = Analyzer().analyze(text);
    BOOST_TEST_REQUIRE(again.size() == fresh.size());
    for (std::size_t i = 0; i < fresh.size(); ++i) {
        BOOST_TEST_CONTEXT("word " << i)
        {
            BOOST_TEST(again[i].begin == fresh[i].begin);
            BOOST_TEST(again[i].end == fresh[i].end);
            BOOST_TEST(again[i].key == fresh[i].key);
            BOOST_TEST(again[i].stem == fresh[i].stem);
            BOOST_TEST(again[i].alternativeStem == fresh[i].alternativeStem);
            BOOST_TEST(again[i].lightStem == fresh[i].lightStem);
            BOOST_TEST(again[i].stopWord == fresh[i].stopWord);
        }
    }
}

BOOST_AUTO_TEST_CASE(marks_only_text_gives_no_words)
{
    const Analyzer analyzer;
    BOOST_TEST(analyzer.analyze("\u064E \u064F\u0651 ـــ .").empty());
}

// Most of our list is in the golden corpus list too; the rest are forms with
// clitics and words common in council records and questions.
BOOST_AUTO_TEST_CASE(stop_words_mostly_in_golden_corpus)
{
    const auto path = majlis::test::sharedPath("corpus/analysis/golden-corpus/stop_words.txt");
    if (!path) {
        return;
    }
    std::set<std::string> golden;
    std::ifstream in(*path);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] != '|') {
            golden.insert(ArabicNormalizer::normalize(line.substr(0, line.find(' '))));
        }
    }

    const auto& ours = majlis::indexer::StopWords::arabicWords();
    std::size_t shared = 0;
    for (const auto word : ours) {
        shared += golden.contains(ArabicNormalizer::normalize(word)) ? 1 : 0;
    }
    BOOST_TEST_MESSAGE(shared << " of " << ours.size() << " stop words are in the golden corpus list");
    BOOST_TEST(shared * 2 > ours.size());
}

BOOST_AUTO_TEST_SUITE_END()
