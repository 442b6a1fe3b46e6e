#include "ocr/ArabicTextRepair.h"

#include "tests/support/SharedCorpus.h"

#include <boost/test/unit_test.hpp>

#include <sstream>
#include <vector>

using majlis::ocr::ArabicTextRepair;
using majlis::ocr::TextOrder;

namespace {

// The lines of a case file that are not "#" comments.
std::vector<std::string> caseLines(const std::filesystem::path& path)
{
    std::istringstream in(majlis::test::readFile(path));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != '#')
            lines.push_back(line);
    }
    return lines;
}

bool containsPresentationForm(const std::string& text)
{
    // UTF-8 of U+FB50..U+FDFF starts EF AD..EF B7; U+FE70..U+FEFF starts EF B9..EF BB.
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const auto next = static_cast<unsigned char>(text[i + 1]);
        if (lead == 0xEF && ((next >= 0xAD && next <= 0xB7) || (next >= 0xB9 && next <= 0xBB)))
            return true;
    }
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(arabic_text_repair)

BOOST_AUTO_TEST_CASE(presentation_form_lines_become_plain_letters)
{
    const auto path = majlis::test::sharedPath("cases/01-pdf-presentation-forms.txt");
    if (!path)
        return;
    const auto lines = caseLines(*path);
    BOOST_TEST_REQUIRE(lines.size() == 3u);
    for (const auto& line : lines) {
        const std::string repaired = ArabicTextRepair::repairLine(line);
        BOOST_TEST(repaired == "محضر اجتماع اللجنة");
        BOOST_TEST(!containsPresentationForm(repaired));
    }
}

BOOST_AUTO_TEST_CASE(visual_line_keeps_numbers_and_brackets)
{
    const auto path = majlis::test::sharedPath("cases/03-rtl-digits-brackets.txt");
    if (!path)
        return;
    const auto lines = caseLines(*path);
    BOOST_TEST_REQUIRE(lines.size() == 3u);
    const std::string repaired = ArabicTextRepair::repairLine(lines[0]);
    BOOST_TEST(repaired == lines[2]);
    BOOST_TEST(repaired.find("21") == std::string::npos);
    BOOST_TEST(repaired.find("4202") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(order_detection_table)
{
    struct Case {
        std::string line;
        TextOrder expected;
    };
    const Case cases[] = {
        {"ﻣﺤﻀﺮ ﺍﺟﺘﻤﺎﻉ", TextOrder::logical},
        {"ﻉﺎﻤﺘﺟﺍ ﺮﻀﺤﻣ", TextOrder::visual},
        {"اللجنة البلدية", TextOrder::logical},
        {"ةيدلبلا ةنجللا", TextOrder::visual},
        {"2024 ةنسل", TextOrder::visual},
        {"قرر", TextOrder::unknown},
        {"Hello world", TextOrder::unknown},
    };
    for (const auto& c : cases)
        BOOST_TEST((ArabicTextRepair::detectOrder(c.line) == c.expected), c.line);
}

BOOST_AUTO_TEST_CASE(visual_to_logical_table)
{
    struct Case {
        std::string visual;
        std::string logical;
    };
    const Case cases[] = {
        // Dates keep their digit order in both digit scripts: a single
        // separator between numbers joins them into one left-to-right run.
        {"ـه٢٧/٠٨/١٤٤٦ موي", "يوم ٢٧/٠٨/١٤٤٦هـ"},
        {"26/02/2025 قفاوملا", "الموافق 26/02/2025"},
        // Two numbers separated by a space swap places, as the bidi algorithm paints them.
        {"13 12 ناتدام", "مادتان 12 13"},
        // A Latin phrase inside an Arabic line keeps its word order.
        {"Open Access ةيلودلا ةلجملا", "المجلة الدولية Open Access"},
        // In a mostly Latin line only the Arabic stretch is reversed.
        {"see ماظنلا for details", "see النظام for details"},
        {"Open Access ماظن", "Open Access نظام"},
        {"no Arabic here (12)", "no Arabic here (12)"},
    };
    for (const auto& c : cases)
        BOOST_TEST(ArabicTextRepair::visualToLogical(c.visual) == c.logical, c.visual);
}

BOOST_AUTO_TEST_CASE(ligatures_fold_in_logical_order)
{
    // Lam-alef and the Allah ligature are single code points; a visual line
    // is reordered before they are folded, so lam stays before alef.
    BOOST_TEST(ArabicTextRepair::repairLine("ﻥﻮﻧﺎﻘﻟﺍ ﻼﺑ", TextOrder::visual) == "بلا القانون");
    BOOST_TEST(ArabicTextRepair::foldPresentationForms("ﻻ") == "لا");
    BOOST_TEST(ArabicTextRepair::foldPresentationForms("ﷲ") == "الله");
    BOOST_TEST(ArabicTextRepair::repairLine("ﷲ ﺪﻤﺤﻟﺍ") == "الحمد الله");
}

BOOST_AUTO_TEST_CASE(folding_leaves_other_characters)
{
    // NFKC would also fold these; only the Arabic presentation-form blocks are touched.
    BOOST_TEST(ArabicTextRepair::foldPresentationForms("ﬁ ² ①") == "ﬁ ² ①");
    BOOST_TEST(ArabicTextRepair::foldPresentationForms("ﻣﺤﻀﺮ 12") == "محضر 12");
}

BOOST_AUTO_TEST_CASE(bidi_controls_removed)
{
    BOOST_TEST(ArabicTextRepair::removeBidiControls("\u2067مجلس\u2069 \u200fالإدارة\u202c\u202b") == "مجلس الإدارة");
}

BOOST_AUTO_TEST_CASE(mirrored_brackets_table)
{
    struct Case {
        std::string line;
        std::string expected;
    };
    const Case cases[] = {
        {"رقم )12(", "رقم (12)"},
        {"رقم (12)", "رقم (12)"},
        {"»نص« و ]1[", "«نص» و [1]"},
        {"قوس ) وحيد", "قوس ) وحيد"}, // no swap balances it, so it stays
    };
    for (const auto& c : cases)
        BOOST_TEST(ArabicTextRepair::fixMirroredBrackets(c.line) == c.expected, c.line);
}

BOOST_AUTO_TEST_CASE(lines_repaired_in_given_order)
{
    BOOST_TEST(ArabicTextRepair::repairLines("ةنجللا ﺮﻀﺤﻣ\n2024 ةنسل", TextOrder::visual) == "محضر اللجنة\nلسنة 2024");
    BOOST_TEST(ArabicTextRepair::repairLines("ﻣﺤﻀﺮ اللجنة\nلسنة 2024", TextOrder::logical) == "محضر اللجنة\nلسنة 2024");
}

BOOST_AUTO_TEST_CASE(text_uses_majority_order_for_unclear_lines)
{
    // The second line ("قرر", one word without positional clues) takes the
    // visual order shown by the other lines.
    const std::string visual = "ةنجللا ﺮﻀﺤﻣ\nررق\nةيدلبلا";
    BOOST_TEST(ArabicTextRepair::repairText(visual) == "محضر اللجنة\nقرر\nالبلدية");
}

BOOST_AUTO_TEST_SUITE_END()
