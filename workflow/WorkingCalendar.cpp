#include "workflow/WorkingCalendar.h"

#include "core/Error.h"
#include "core/Utf8.h"

#include <fstream>

namespace majlis::workflow {

namespace {

// Days since 1970-01-01, a Thursday, so (days + 4) % 7 is 0 on a Sunday.
int weekday(const CalendarDate& date)
{
    const int remainder = static_cast<int>((date.daysSinceEpoch() + 4) % 7);
    return remainder < 0 ? remainder + 7 : remainder;
}

constexpr int kFriday = 5;
constexpr int kSaturday = 6;

// A deadline of more than this many working days is a mistake in the caller.
constexpr int kMaxWorkingDays = 3660;

} // namespace

WorkingCalendar::WorkingCalendar(const std::vector<CalendarDate>& holidays)
{
    for (const CalendarDate& day : holidays)
        holidays_.insert(day.daysSinceEpoch());
}

WorkingCalendar WorkingCalendar::fromFile(const std::filesystem::path& holidays)
{
    std::ifstream in(holidays);
    if (!in)
        throw Error(ErrorCode::not_found, "error.file_not_found",
            "cannot read the holiday list " + holidays.string() + "; check the path", {{"path", holidays.string()}});
    std::vector<CalendarDate> days;
    int lineNumber = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineNumber;
        if (const auto hash = line.find('#'); hash != std::string::npos)
            line.erase(hash);
        const std::string text(trimWhitespace(line));
        if (text.empty())
            continue;
        try {
            days.push_back(CalendarDate::parse(text));
        } catch (const Error& error) {
            throw Error(ErrorCode::invalid_argument, "error.invalid_date",
                holidays.string() + ":" + std::to_string(lineNumber) + ": " + error.what(),
                {{"file", holidays.string()}, {"line", std::to_string(lineNumber)}});
        }
        if (days.size() > 10000)
            throw Error(ErrorCode::invalid_argument, "error.too_many_holidays",
                holidays.string() + " lists more than 10000 holidays; remove past years");
    }
    return WorkingCalendar(days);
}

bool WorkingCalendar::isWeekend(const CalendarDate& date)
{
    const int day = weekday(date);
    return day == kFriday || day == kSaturday;
}

bool WorkingCalendar::isWorkingDay(const CalendarDate& date) const
{
    return !isWeekend(date) && !holidays_.contains(date.daysSinceEpoch());
}

CalendarDate WorkingCalendar::addWorkingDays(const CalendarDate& start, int days) const
{
    if (days < 0 || days > kMaxWorkingDays)
        throw Error(ErrorCode::invalid_argument, "error.invalid_deadline",
            "a deadline of " + std::to_string(days) + " working days is outside 0 to " + std::to_string(kMaxWorkingDays));
    std::int32_t day = start.daysSinceEpoch();
    for (int counted = 0; counted < days;) {
        ++day;
        if (isWorkingDay(CalendarDate::fromDaysSinceEpoch(day)))
            ++counted;
    }
    return CalendarDate::fromDaysSinceEpoch(day);
}

int WorkingCalendar::workingDaysBetween(const CalendarDate& from, const CalendarDate& to) const
{
    int count = 0;
    for (std::int32_t day = from.daysSinceEpoch() + 1; day <= to.daysSinceEpoch(); ++day)
        if (isWorkingDay(CalendarDate::fromDaysSinceEpoch(day)))
            ++count;
    return count;
}

} // namespace majlis::workflow
