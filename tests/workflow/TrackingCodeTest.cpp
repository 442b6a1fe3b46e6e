#include "workflow/TrackingCode.h"

#include <boost/test/unit_test.hpp>

#include <set>

using namespace majlis::workflow;

BOOST_AUTO_TEST_SUITE(tracking_code)

BOOST_AUTO_TEST_CASE(generated_codes_round_trip)
{
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string code = TrackingCode::generate();
        BOOST_TEST(code.size() == TrackingCode::kLength);
        BOOST_TEST(code.find_first_of("01IO") == std::string::npos, code);
        BOOST_TEST(TrackingCode::normalize(code).value_or("") == code);
        BOOST_TEST(TrackingCode::normalize(TrackingCode::display(code)).value_or("") == code);
        seen.insert(code);
    }
    BOOST_TEST(seen.size() == 1000u);
}

BOOST_AUTO_TEST_CASE(display_groups_by_four_and_typing_is_forgiving)
{
    const std::string code = TrackingCode::generate();
    const std::string shown = TrackingCode::display(code);
    BOOST_TEST(shown.size() == 14u);
    BOOST_TEST(shown[4] == '-');
    BOOST_TEST(shown[9] == '-');
    std::string lower = shown;
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    BOOST_TEST(TrackingCode::normalize(" " + lower.substr(0, 7) + " " + lower.substr(7)).value_or("") == code);
}

BOOST_AUTO_TEST_CASE(every_single_mistyped_symbol_is_rejected)
{
    const std::string code = TrackingCode::generate();
    for (std::size_t position = 0; position < code.size(); ++position) {
        for (const char replacement : TrackingCode::kAlphabet) {
            if (replacement == code[position])
                continue;
            std::string typo = code;
            typo[position] = replacement;
            BOOST_TEST(!TrackingCode::normalize(typo).has_value(), typo << " from " << code);
        }
    }
}

BOOST_AUTO_TEST_CASE(malformed_input_is_rejected)
{
    const std::string code = TrackingCode::generate();
    const std::vector<std::string> cases = {
        "",
        code.substr(0, 11),
        code + "A",
        code.substr(0, 11) + "0", // 0 is not in the alphabet
        code.substr(0, 11) + "O",
        code.substr(0, 3) + "1" + code.substr(4),
        code.substr(0, 3) + "I" + code.substr(4),
        code.substr(0, 6) + "_" + code.substr(6),
        std::string(100, 'A'),
        "\xD9\xA1" + code.substr(2), // an Arabic-Indic digit
    };
    for (const std::string& typed : cases)
        BOOST_TEST(!TrackingCode::normalize(typed).has_value(), typed);
}

BOOST_AUTO_TEST_CASE(most_swapped_neighbours_are_rejected)
{
    // Luhn mod N misses a swap of the two symbols whose values are 0 and
    // N-1 only; count what it catches over many codes.
    int swaps = 0;
    int caught = 0;
    for (int i = 0; i < 200; ++i) {
        const std::string code = TrackingCode::generate();
        for (std::size_t position = 0; position + 1 < code.size(); ++position) {
            if (code[position] == code[position + 1])
                continue;
            std::string swapped = code;
            std::swap(swapped[position], swapped[position + 1]);
            ++swaps;
            caught += TrackingCode::normalize(swapped).has_value() ? 0 : 1;
        }
    }
    BOOST_TEST(caught >= swaps * 99 / 100, caught << " of " << swaps);
}

BOOST_AUTO_TEST_SUITE_END()
