#include "indexer/Tokenizer.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using majlis::indexer::TokenKind;
using majlis::indexer::Tokenizer;

namespace {

std::vector<std::string> tokenTexts(const std::string& text)
{
    std::vector<std::string> texts;
    for (const auto& token : Tokenizer::tokenize(text)) {
        texts.emplace_back(token.in(text));
    }
    return texts;
}

struct Case {
    std::string input;
    std::vector<std::string> expected;
};

} // namespace

BOOST_AUTO_TEST_SUITE(tokenizer)

BOOST_AUTO_TEST_CASE(words_keep_their_original_bytes)
{
    const Case cases[] = {
        {"القرار رقم (12) لسنة 2024", {"القرار", "رقم", "12", "لسنة", "2024"}},
        {"يحال إلى مُدِيرٍ الإدارة.", {"يحال", "إلى", "مُدِيرٍ", "الإدارة"}},
        {"٤٥/١٤٤٦", {"٤٥", "١٤٤٦"}},
        {"1446هـ", {"1446", "هـ"}},
        {"محضــــر اجتمـاع", {"محضــــر", "اجتمـاع"}},
        {"Council meeting، اللجنة", {"Council", "meeting", "اللجنة"}},
        {"\u2067مجلس\u2069 \u200Fالإدارة\u061C", {"مجلس", "الإدارة"}},
        {"مج\u200Cلس", {"مج\u200Cلس"}},
        {"\u064E\u064F \u0650", {}},
        {"", {}},
    };
    for (const auto& [input, expected] : cases) {
        BOOST_TEST(tokenTexts(input) == expected, boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(tokens_report_their_script)
{
    const std::string text = "مجلس Council ١٢ Ωμέγα";
    const auto tokens = Tokenizer::tokenize(text);
    BOOST_TEST_REQUIRE(tokens.size() == 4u);
    BOOST_TEST((tokens[0].kind == TokenKind::arabic));
    BOOST_TEST((tokens[1].kind == TokenKind::latin));
    BOOST_TEST((tokens[2].kind == TokenKind::number));
    BOOST_TEST((tokens[3].kind == TokenKind::other));
}

BOOST_AUTO_TEST_CASE(invalid_utf8_separates_words)
{
    const std::string text = "abc\xFF" "def";
    BOOST_TEST(tokenTexts(text) == (std::vector<std::string> {"abc", "def"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
