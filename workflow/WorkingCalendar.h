#pragma once

#include "core/CalendarDate.h"

#include <cstdint>
#include <filesystem>
#include <set>
#include <vector>

namespace majlis::workflow {

// Working days of Saudi government offices: Sunday to Thursday, less the
// listed public holidays. Deadlines are counted in these days.
class WorkingCalendar {
public:
    WorkingCalendar() = default;
    explicit WorkingCalendar(const std::vector<CalendarDate>& holidays);

    // Reads one date a line (Hijri such as 1446-10-01 or Gregorian such as
    // 2025-03-30, as CalendarDate::parse accepts); '#' starts a comment.
    // Throws invalid_argument naming the file and line of a bad date.
    static WorkingCalendar fromFile(const std::filesystem::path& holidays);

    static bool isWeekend(const CalendarDate& date); // Friday or Saturday
    bool isWorkingDay(const CalendarDate& date) const;

    // The day on which `days` working days after `start` have passed:
    // counting starts the day after `start`, so Thursday plus one working
    // day is the next Sunday. `days` of 0 returns `start`.
    CalendarDate addWorkingDays(const CalendarDate& start, int days) const;

    // Working days after `from` up to and including `to`; 0 when `to` is not after `from`.
    int workingDaysBetween(const CalendarDate& from, const CalendarDate& to) const;

private:
    std::set<std::int32_t> holidays_;
};

} // namespace majlis::workflow
