#include "core/Error.h"
#include "tests/support/TempDir.h"
#include "workflow/WorkingCalendar.h"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace majlis;
using namespace majlis::workflow;

namespace {

CalendarDate day(const std::string& iso)
{
    return CalendarDate::parse(iso);
}

struct DeadlineCase {
    std::string start;
    int days;
    std::string expected;
    std::string note;
};

} // namespace

BOOST_AUTO_TEST_SUITE(working_calendar)

BOOST_AUTO_TEST_CASE(friday_and_saturday_are_the_weekend)
{
    // 2025-02-02 is a Sunday.
    const std::vector<std::pair<std::string, bool>> week = {
        {"2025-02-02", false}, {"2025-02-03", false}, {"2025-02-04", false}, {"2025-02-05", false},
        {"2025-02-06", false}, {"2025-02-07", true}, {"2025-02-08", true},
    };
    for (const auto& [date, weekend] : week)
        BOOST_TEST(WorkingCalendar::isWeekend(day(date)) == weekend, date);
    BOOST_TEST(WorkingCalendar::isWeekend(day("1969-12-26")), "a Friday before 1970");
    BOOST_TEST(!WorkingCalendar::isWeekend(day("1969-12-28")), "a Sunday before 1970");
}

BOOST_AUTO_TEST_CASE(deadlines_skip_weekends_and_cross_month_ends)
{
    const WorkingCalendar calendar;
    const std::vector<DeadlineCase> cases = {
        {"2025-01-30", 0, "2025-01-30", "no days"},
        {"2025-01-29", 1, "2025-01-30", "Wednesday to Thursday"},
        {"2025-01-30", 1, "2025-02-02", "Thursday to Sunday across the month end"},
        {"2025-01-29", 2, "2025-02-02", "across the weekend"},
        {"2025-01-31", 1, "2025-02-02", "start on a Friday"},
        {"2025-02-01", 1, "2025-02-02", "start on a Saturday"},
        {"2025-02-02", 5, "2025-02-09", "a full working week"},
        {"2025-03-02", 10, "2025-03-16", "two working weeks"},
        {"2024-02-29", 1, "2024-03-03", "leap day, a Thursday"},
        {"2024-12-31", 3, "2025-01-05", "across the year end"},
        {"1446-08-29", 1, "2025-03-02", "Hijri input: Friday 1446-08-29 is 2025-02-28"},
    };
    for (const DeadlineCase& item : cases)
        BOOST_TEST(calendar.addWorkingDays(day(item.start), item.days).toIsoString() == item.expected, item.note);
}

BOOST_AUTO_TEST_CASE(holidays_are_skipped)
{
    const WorkingCalendar calendar({day("2025-02-02"), day("2025-02-03")});
    BOOST_TEST(calendar.addWorkingDays(day("2025-01-30"), 1).toIsoString() == "2025-02-04");
    BOOST_TEST(!calendar.isWorkingDay(day("2025-02-03")));
    BOOST_TEST(calendar.isWorkingDay(day("2025-02-04")));
    BOOST_TEST(calendar.workingDaysBetween(day("2025-01-30"), day("2025-02-06")) == 3);
    BOOST_TEST(WorkingCalendar().workingDaysBetween(day("2025-01-30"), day("2025-02-06")) == 5);
    BOOST_TEST(WorkingCalendar().workingDaysBetween(day("2025-02-06"), day("2025-01-30")) == 0);
}

BOOST_AUTO_TEST_CASE(holiday_file_accepts_both_calendars)
{
    test::TempDir dir;
    {
        std::ofstream out(dir / "holidays.txt");
        out << "# Founding Day\n2025-02-22\n\n1446-10-01  # Eid al-Fitr\n";
    }
    const WorkingCalendar calendar = WorkingCalendar::fromFile(dir / "holidays.txt");
    BOOST_TEST(!calendar.isWorkingDay(CalendarDate::parse("1446-10-01")));
    BOOST_TEST(calendar.isWorkingDay(day("2025-02-23")));

    {
        std::ofstream out(dir / "bad.txt");
        out << "2025-02-22\nnot a date\n";
    }
    try {
        WorkingCalendar::fromFile(dir / "bad.txt");
        BOOST_FAIL("a bad holiday line was accepted");
    } catch (const Error& error) {
        BOOST_TEST(std::string(error.what()).find("bad.txt:2:") != std::string::npos, error.what());
    }
}

BOOST_AUTO_TEST_CASE(negative_deadline_rejected)
{
    BOOST_CHECK_THROW(WorkingCalendar().addWorkingDays(day("2025-01-30"), -1), Error);
}

BOOST_AUTO_TEST_SUITE_END()
