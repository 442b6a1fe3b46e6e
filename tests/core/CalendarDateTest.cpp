#include "core/CalendarDate.h"
#include "core/Error.h"
#include "tests/support/SharedCorpus.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using majlis::CalendarDate;

BOOST_AUTO_TEST_SUITE(calendar_date)

struct KnownPair {
    const char* gregorian;
    const char* hijri;
};

// Pairs from the official Umm al-Qura table; the arithmetic (civil) Islamic
// calendar is a day or two off on several of them.
const KnownPair kUmmAlQuraPairs[] = {
    {"2025-02-26", "1446-08-27"},
    {"2024-12-02", "1446-06-01"},
    {"2018-12-08", "1440-04-01"},
    {"2024-03-11", "1445-09-01"},
    {"2023-06-28", "1444-12-10"},
};

BOOST_AUTO_TEST_CASE(umm_al_qura_pairs_convert_both_ways)
{
    for (const auto& pair : kUmmAlQuraPairs) {
        BOOST_TEST_CONTEXT(pair.gregorian << " = " << pair.hijri)
        {
            const auto fromGregorian = CalendarDate::parse(pair.gregorian);
            BOOST_TEST(fromGregorian.toHijri().toString() == pair.hijri);
            BOOST_TEST(!fromGregorian.toHijri().approximate);

            const auto fromHijri = CalendarDate::parse(pair.hijri);
            BOOST_TEST(fromHijri.toIsoString() == pair.gregorian);
        }
    }
}

BOOST_AUTO_TEST_CASE(shared_case_pairs_convert_both_ways)
{
    const auto csv = majlis::test::sharedPath("cases/14-hijri-umalqura.csv");
    if (!csv)
        return;
    std::ifstream in(*csv);
    std::string line;
    std::getline(in, line); // header
    int checked = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream fields(line);
        std::string gregorian, hijri;
        std::getline(fields, gregorian, ',');
        std::getline(fields, hijri, ',');
        const auto date = CalendarDate::parse(hijri);
        if (gregorian.empty()) {
            BOOST_TEST(date.toHijri().approximate, hijri << " should be marked approximate");
            continue;
        }
        BOOST_TEST(date.toIsoString() == gregorian);
        BOOST_TEST(CalendarDate::parse(gregorian).toHijri().toString() == hijri);
        ++checked;
    }
    BOOST_TEST(checked >= 3);
}

BOOST_AUTO_TEST_CASE(years_outside_table_are_approximate)
{
    BOOST_TEST(CalendarDate::parse("1299-03-15").toHijri().approximate);
    BOOST_TEST(CalendarDate::parse("1601-01-01").toHijri().approximate);
    BOOST_TEST(!CalendarDate::parse("1300-01-01").toHijri().approximate);
    BOOST_TEST(!CalendarDate::parse("1600-12-29").toHijri().approximate);
}

BOOST_AUTO_TEST_CASE(input_digits_and_suffixes)
{
    BOOST_TEST(CalendarDate::parse("١٤٤٦-٠٦-٠١").toIsoString() == "2024-12-02");
    BOOST_TEST(CalendarDate::parse("۱۴۴۶-۰۶-۰۱").toIsoString() == "2024-12-02");
    BOOST_TEST(CalendarDate::parse("1446/06/01 هـ").toIsoString() == "2024-12-02");
    BOOST_TEST(CalendarDate::parse(" 2024-12-02 ").toHijri().toString() == "1446-06-01");
}

BOOST_AUTO_TEST_CASE(day_first_dates_read_as_written)
{
    BOOST_TEST(CalendarDate::parse("01/06/1446").toIsoString() == "2024-12-02");
    BOOST_TEST(CalendarDate::parse("2/12/2024").toIsoString() == "2024-12-02");
    BOOST_TEST(CalendarDate::parse("01/06/1446 هـ").toIsoString() == "2024-12-02");
    try {
        CalendarDate::parse("30/08/1446");
        BOOST_FAIL("Sha'ban 1446 has 29 days");
    } catch (const majlis::Error& error) {
        const std::string message = error.what();
        BOOST_TEST(message.find("'30/08/1446'") != std::string::npos, message);
        BOOST_TEST(message.find("YYYY-MM-DD") != std::string::npos, message);
    }
    BOOST_CHECK_THROW(CalendarDate::parse("24-12-02"), majlis::Error);
    BOOST_CHECK_THROW(CalendarDate::parse("12/2024/01"), majlis::Error);
}

BOOST_AUTO_TEST_CASE(nonexistent_dates_are_rejected)
{
    const char* invalid[] = {
        "2023-02-29", // not a leap year
        "2024-13-01",
        "2024-04-31",
        "1446-13-01",
        "1446-01-31", // no Hijri month has 31 days
        "1446-08-30", // Sha'ban 1446 has 29 days in the Umm al-Qura table
        "2024-01",
        "2024-01-0x",
        "",
    };
    for (const char* text : invalid) {
        BOOST_TEST_CONTEXT(text)
        {
            BOOST_CHECK_THROW(CalendarDate::parse(text), majlis::Error);
        }
    }
}

BOOST_AUTO_TEST_CASE(error_names_the_value)
{
    try {
        CalendarDate::parse("2023-02-29");
        BOOST_FAIL("expected an error");
    } catch (const majlis::Error& error) {
        BOOST_TEST(error.code() == majlis::ErrorCode::invalid_argument);
        BOOST_TEST(std::string(error.what()).find("2023-02-29") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(days_since_epoch_round_trip)
{
    BOOST_TEST(CalendarDate::parse("1970-01-01").daysSinceEpoch() == 0);
    BOOST_TEST(CalendarDate::parse("2000-03-01").daysSinceEpoch() == 11017);
    const auto date = CalendarDate::fromDaysSinceEpoch(19737);
    BOOST_TEST(date.toIsoString() == "2024-01-15");
}

BOOST_AUTO_TEST_CASE(documented_date_pairs_agree)
{
    // Examples such as {"hijri": "1448-06-24", "gregorian": "2026-12-04"} in
    // the Markdown docs must name the same day in both calendars.
    const std::regex pair(R"re("hijri": "(\d{4}-\d{2}-\d{2})", "gregorian": "(\d{4}-\d{2}-\d{2})")re");
    const auto root = majlis::test::sourceDir();
    std::size_t checked = 0;
    for (auto entry = std::filesystem::recursive_directory_iterator(root);
         entry != std::filesystem::recursive_directory_iterator(); ++entry) {
        const std::string name = entry->path().filename().string();
        if (entry->is_directory() && (name.starts_with(".") || name.starts_with("build"))) {
            entry.disable_recursion_pending();
            continue;
        }
        if (!entry->is_regular_file() || entry->path().extension() != ".md")
            continue;
        const std::string text = majlis::test::readFile(entry->path());
        for (auto match = std::sregex_iterator(text.begin(), text.end(), pair); match != std::sregex_iterator();
             ++match) {
            const std::string hijri = (*match)[1];
            const std::string gregorian = (*match)[2];
            BOOST_TEST(CalendarDate::parse(gregorian).toHijri().toString() == hijri,
                entry->path().lexically_relative(root).string() << ": " << gregorian << " is not " << hijri);
            ++checked;
        }
    }
    BOOST_TEST(checked > 0u, "no documented hijri/gregorian pair was found under " << root);
}

BOOST_AUTO_TEST_SUITE_END()
