#include "core/Error.h"
#include "core/Utf8.h"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(utf8)

BOOST_AUTO_TEST_CASE(validity_table)
{
    struct Case {
        std::string text;
        bool valid;
    };
    const Case cases[] = {
        {"محضر", true},
        {"plain", true},
        {"\xEF\xBF\xBD", true}, // a literal U+FFFD
        {"\xC3", false}, // truncated
        {"\xC0\xAF", false}, // overlong '/'
        {"\xED\xA0\x80", false}, // surrogate
        {"\xF4\x90\x80\x80", false}, // above U+10FFFF
        {"\xFF", false},
    };
    for (const auto& c : cases)
        BOOST_TEST(majlis::isValidUtf8(c.text) == c.valid, "case " << c.text.size() << " bytes");
}

BOOST_AUTO_TEST_CASE(digits_fold_by_value)
{
    BOOST_TEST(majlis::foldDigitsToAscii("١٤٤٦") == "1446");
    BOOST_TEST(majlis::foldDigitsToAscii("۱۴۴۶") == "1446");
    BOOST_TEST(majlis::foldDigitsToAscii("رقم 12") == "رقم 12");
}

BOOST_AUTO_TEST_CASE(control_characters_rejected)
{
    BOOST_CHECK_THROW(majlis::requireCleanText("title", "a\nb"), majlis::Error);
    BOOST_CHECK_NO_THROW(majlis::requireCleanText("text", "a\nb", true));
    BOOST_CHECK_THROW(majlis::requireCleanText("title", "\xFF"), majlis::Error);
}

BOOST_AUTO_TEST_SUITE_END()
