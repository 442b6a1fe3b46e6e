#include "ocr/OcrTextFilter.h"
#include "ocr/ReviewFlagger.h"
#include "ocr/TextLayerCheck.h"

#include "tests/support/SharedCorpus.h"

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace majlis::ocr;

namespace {

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

std::size_t countWords(const std::string& text)
{
    std::istringstream in(text);
    std::size_t count = 0;
    for (std::string word; in >> word;)
        ++count;
    return count;
}

bool hasFlag(const std::vector<ReviewFlag>& flags, const std::string& value)
{
    return std::any_of(flags.begin(), flags.end(), [&](const ReviewFlag& flag) { return flag.value == value; });
}

} // namespace

BOOST_AUTO_TEST_SUITE(ocr_text_filter)

BOOST_AUTO_TEST_CASE(diacritic_lines_dropped)
{
    const auto path = majlis::test::sharedPath("cases/06-ocr-diacritic-lines.txt");
    if (!path)
        return;
    std::istringstream in(majlis::test::readFile(*path));
    std::string ocrText;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] != '#')
            ocrText += line + '\n';
    }

    const std::string cleaned = OcrTextFilter::clean(ocrText);
    BOOST_TEST(cleaned == "قرر المجلس تعيين مدير جديد");
    BOOST_TEST(countWords(cleaned) == 5u);
}

BOOST_AUTO_TEST_CASE(noise_table)
{
    struct Case {
        std::string input;
        std::string expected;
    };
    const Case cases[] = {
        {"ـــ\nنص", "نص"},               // tatweel only
        {"- . ، :\nنص", "نص"},           // punctuation only
        {"نص ً آخر", "نص آخر"},          // a lone mark between words
        {"المادة (12) : نص", "المادة (12) : نص"}, // punctuation between words stays
        {"١٤٤٦", "١٤٤٦"},               // digits are not noise
    };
    for (const auto& c : cases)
        BOOST_TEST(OcrTextFilter::clean(c.input) == c.expected, c.input);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(review_flagger)

BOOST_AUTO_TEST_CASE(reversed_digits_flagged)
{
    const auto path = majlis::test::sharedPath("cases/04-ocr-reversed-digits.txt");
    if (!path)
        return;
    const auto lines = caseLines(*path);
    BOOST_TEST_REQUIRE(lines.size() >= 2u);

    BOOST_TEST(ReviewFlagger::checkNumbers(lines[0]).empty(), "the true text raises no flag");

    const auto flags = ReviewFlagger::checkNumbers(lines[1]);
    BOOST_TEST(hasFlag(flags, "٢٧/٨٠/٦٤٤١هـ"));
    BOOST_TEST(hasFlag(flags, "٢٦/٠٢/٥٢٠٢م"));
}

BOOST_AUTO_TEST_CASE(date_plausibility_table)
{
    struct Case {
        std::string text;
        bool flagged;
    };
    const Case cases[] = {
        {"1446/08/27", false},
        {"27/08/1446هـ", false},
        {"31/12/2024م", false},
        {"31/12/1446هـ", true},   // Hijri months have at most 30 days
        {"00/08/1446", true},
        {"12/13/1446", true},
        {"27/08/6441", true},
        {"1446هـ", false},
        {"6441هـ", true},
        {"2024م", false},
        {"1446م", true},          // a Hijri year marked as Gregorian
        {"لسنة 4202", true},
        {"المادة 4202", false},   // not a year: nothing to check
        {"557١/8://ا؟ه", true},   // digits mixed with symbols
        {"١2/08/1446", true},     // two digit systems in one number
        {"(12)", false},
        {"و2024م", false},
        {"10:30", false},
        {"١٠:٣٠", false},
        {"25:30", true},
        {"10:75", true},
        {"50%", false},
        {"١٢٫٥٪", false},
        {"1,000", false},
        {"3.5", false},
        {"م/9", false},           // a decree's reference number: a letter, a slash and digits
        {"(أ/92)", false},
        {"أ/9x2", true},
        {"أب/92", true},          // two letters before the slash are not a reference prefix
        {"1412 هـ", false},       // the era marker as a word of its own
        {"2 هـ.", true},          // a misread year before it
        {"6441 ه", true},
        {"1446 م", true},
        {"2024 م،", false},
        {"المادة 2 من", false},
    };
    for (const auto& c : cases)
        BOOST_TEST(!ReviewFlagger::checkNumbers(c.text).empty() == c.flagged, c.text);
}

BOOST_AUTO_TEST_CASE(low_confidence_flagged)
{
    const std::vector<WordConfidence> words = {{"نص", 40.0}};
    BOOST_TEST(ReviewFlagger::checkConfidence(40.0, words).size() == 1u);
    BOOST_TEST(ReviewFlagger::checkConfidence(90.0, words).empty());
    BOOST_TEST(ReviewFlagger::checkConfidence(0.0, {}).empty(), "an empty page has no confidence to doubt");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(text_layer_check)

BOOST_AUTO_TEST_CASE(verdict_table)
{
    struct Case {
        std::string text;
        bool usable;
    };
    const Case cases[] = {
        {"محضر اجتماع اللجنة", true},
        {"Open Access", true},
        {"", false},
        {"\uFFFD\uFFFD\uFFFD\uFFFD", false},
        {"محضر \uE001\uE002\uE003", false},             // private-use glyph codes
        {"ΰԔ ϸЇ́Ψߙ ϣÎ ϙķϢʆ ͳ೅ဍഀඥ੒", false},           // letters of unrelated scripts
        {"¢¢¢ ,,, ''' ### 12", false},                  // mostly symbols
        {"ةمك ىسب ةرد ةبحم", false},                   // teh marbuta inside words
    };
    for (const auto& c : cases)
        BOOST_TEST(TextLayerCheck::assess(c.text).usable == c.usable, c.text);
}

BOOST_AUTO_TEST_CASE(sparse_text_on_inked_page_rejected)
{
    BOOST_TEST(!TextLayerCheck::assessSparse("CamScanner", 0.035).usable);
    BOOST_TEST(TextLayerCheck::assessSparse("Open Access", 0.0).usable);
    BOOST_TEST(TextLayerCheck::assessSparse(std::string(300, 'a'), 0.035).usable, "a full text layer is kept beside images");
}

BOOST_AUTO_TEST_SUITE_END()
