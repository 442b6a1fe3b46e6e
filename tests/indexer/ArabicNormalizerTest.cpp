#include "core/Utf8.h"
#include "indexer/ArabicNormalizer.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using majlis::indexer::ArabicNormalizer;

namespace {

struct Case {
    std::string input;
    std::string expected;
};

} // namespace

BOOST_AUTO_TEST_SUITE(arabic_normalizer)

BOOST_AUTO_TEST_CASE(presentation_forms_become_letters)
{
    const Case cases[] = {
        {"ﻣﺤﻀﺮ", "محضر"},
        {"ﺍﻟﻠﺠﻨﺔ", "اللجنة"},
        {"ﻻ", "لا"},           // lam-alef ligature U+FEFB
        {"ﭘ", "پ"},            // U+FB58 from the FB50 block
        {"abc", "abc"},
    };
    for (const auto& [input, expected] : cases) {
        BOOST_TEST(ArabicNormalizer::composeCompatibility(input) == expected, input);
    }
}

BOOST_AUTO_TEST_CASE(decomposed_text_is_recomposed)
{
    const Case cases[] = {
        {"\u0627\u0655", "\u0625"}, // alef + hamza below is إ
        {"\u0627\u0654", "\u0623"}, // alef + hamza above is أ
        {"\u0627\u0653", "\u0622"}, // alef + madda is آ
        {"\u064A\u0654", "\u0626"}, // yeh + hamza above is ئ
        {"\u0648\u0654", "\u0624"}, // waw + hamza above is ؤ
    };
    for (const auto& [input, expected] : cases) {
        BOOST_TEST(ArabicNormalizer::composeCompatibility(input) == expected, input);
    }
}

BOOST_AUTO_TEST_CASE(visual_order_is_repaired)
{
    const Case cases[] = {
        {"ﺔﻨﺠﻠﻟﺍ", "ﺍﻟﻠﺠﻨﺔ"},
        {"ﻉﺎﻤﺘﺟﺍ", "ﺍﺟﺘﻤﺎﻉ"},
        {"ﺮﻀﺤﻣ", "ﻣﺤﻀﺮ"},
        {"ﻣﺤﻀﺮ", "ﻣﺤﻀﺮ"},     // logical order is kept
        {"محضر", "محضر"},       // plain letters carry no order information
        {"ﺍ", "ﺍ"},
    };
    for (const auto& [input, expected] : cases) {
        BOOST_TEST(ArabicNormalizer::repairVisualOrder(input) == expected, input);
    }
}

BOOST_AUTO_TEST_CASE(ignorable_code_points_are_removed)
{
    const Case cases[] = {
        {"مُدِيرٍ", "مدير"},
        {"هتميّ", "هتمي"},
        {"نلْسون", "نلسون"},
        {"ولداً", "ولدا"},
        {"الرَّحْمٰن", "الرحمن"},                // superscript alef U+0670
        {"محضــــــر", "محضر"},                 // tatweel
        {"\u2067مجلس\u2069", "مجلس"},          // RLI ... PDI
        {"\u200Fمجلس\u061C", "مجلس"},          // RLM, ALM
        {"\u202Bمجلس\u202C\u200E", "مجلس"},   // RLE ... PDF, LRM
        {"مج\u200Cلس\u200B\u200D\uFEFF", "مجلس"},
        {"\u064E\u064F\u0650", ""},            // marks only
    };
    for (const auto& [input, expected] : cases) {
        BOOST_TEST(ArabicNormalizer::removeIgnorables(input) == expected, input);
    }
}

BOOST_AUTO_TEST_CASE(letters_are_folded)
{
    const Case cases[] = {
        {"أحمد", "احمد"},
        {"إعاذ", "اعاذ"},
        {"آجن", "اجن"},
        {"ٱلله", "الله"},
        {"بنى", "بني"},
        {"فاطمة", "فاطمه"},
        {"الى", "الي"},
        {"الا", "الا"},   // ى is never folded to ا
        {"کتاب", "كتاب"}, // Persian keheh
        {"یوم", "يوم"},   // Farsi yeh
        {"Council", "council"},
    };
    for (const auto& [input, expected] : cases) {
        BOOST_TEST(ArabicNormalizer::foldLetters(input) == expected, input);
    }
}

BOOST_AUTO_TEST_CASE(digits_are_folded_by_value)
{
    const Case cases[] = {
        {"٠١٢٣٤٥٦٧٨٩", "0123456789"},
        {"۰۱۲۳۴۵۶۷۸۹", "0123456789"},
        {"2024", "2024"},
        {"١٤٤٦", "1446"},
    };
    for (const auto& [input, expected] : cases) {
        BOOST_TEST(ArabicNormalizer::foldDigits(input) == expected, input);
    }
}

BOOST_AUTO_TEST_CASE(normalize_runs_every_step)
{
    const Case cases[] = {
        {"ﺔﻨﺠﻠﻟﺍ", "اللجنه"},
        {"إِدَارَة", "اداره"},
        {"\u0627\u0655\u062F\u0627\u0631\u0629", "اداره"}, // NFD إدارة
        {"الدورى", "الدوري"},
        {"۴۵", "45"},
        {"\u2067الإدارة\u2069", "الاداره"},
        {"ٌ", ""},
    };
    for (const auto& [input, expected] : cases) {
        BOOST_TEST(ArabicNormalizer::normalize(input) == expected, input);
    }
}

// normalize() takes a shortcut for tokens of basic Arabic letters and ASCII
// letters and digits; it must give what the full chain of steps gives.
BOOST_AUTO_TEST_CASE(plain_tokens_match_every_step)
{
    const auto everyStep = [](const std::string& token) {
        return ArabicNormalizer::foldDigits(ArabicNormalizer::foldLetters(ArabicNormalizer::removeIgnorables(
            ArabicNormalizer::composeCompatibility(ArabicNormalizer::repairVisualOrder(token)))));
    };
    std::vector<std::string> tokens = {"Council2024", "ABCxyz09", "أإآىة", "المسؤولية", "رئيس", "ٱلله", "ﻻ", "تـم"};
    for (char32_t c = 0x0600; c <= 0x06FF; ++c) {
        std::string letter;
        majlis::appendUtf8(letter, c);
        tokens.push_back(letter);
        tokens.push_back("ب" + letter + "ا");
    }
    for (const std::string& token : tokens) {
        BOOST_TEST(ArabicNormalizer::normalize(token) == everyStep(token), token);
    }
}

BOOST_AUTO_TEST_SUITE_END()
