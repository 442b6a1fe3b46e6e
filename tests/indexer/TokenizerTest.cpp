#include "indexer/Tokenizer.h"

#include "core/Utf8.h"

#include <boost/test/unit_test.hpp>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

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

// The tokenizer classifies Basic Latin and the basic Arabic letters and
// harakat without ICU. Each code point of those blocks, put between two
// Arabic letters, must split or join as its ICU properties define.
BOOST_AUTO_TEST_CASE(common_code_points_split_as_icu_says)
{
    const std::string beh = "ب";
    for (char32_t c = 1; c < 0x0700; c = c == 0x7F ? 0x0600 : c + 1) {
        std::string middle;
        majlis::appendUtf8(middle, c);
        const std::string text = beh + middle + beh;
        const auto tokens = Tokenizer::tokenize(text);

        const auto point = static_cast<UChar32>(c);
        const auto category = u_charType(point);
        UErrorCode status = U_ZERO_ERROR;
        const UScriptCode script = uscript_getScript(point, &status);
        const bool joins = category == U_FORMAT_CHAR || category == U_NON_SPACING_MARK
            || category == U_COMBINING_SPACING_MARK || category == U_ENCLOSING_MARK || c == 0x0640
            || (u_isalpha(point) && script == USCRIPT_ARABIC);
        const bool separates = !joins && category != U_DECIMAL_DIGIT_NUMBER && !u_isalpha(point);

        BOOST_TEST_CONTEXT("U+" << std::hex << static_cast<unsigned>(c))
        {
            if (joins) {
                BOOST_TEST(tokens.size() == 1u);
            } else if (separates) {
                BOOST_TEST(tokens.size() == 2u);
            } else {
                BOOST_TEST_REQUIRE(tokens.size() == 3u);
                const TokenKind expected = category == U_DECIMAL_DIGIT_NUMBER ? TokenKind::number
                    : script == USCRIPT_LATIN                                  ? TokenKind::latin
                                                                               : TokenKind::other;
                BOOST_TEST((tokens[1].kind == expected));
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
