#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace majlis {

// A day in the Umm al-Qura Hijri calendar. `approximate` is set for years
// outside 1300-1600 AH, where the official table ends and ICU falls back to
// an arithmetic calendar that can be a day or two off.
struct HijriDate {
    int year = 0;
    int month = 0;
    int day = 0;
    bool approximate = false;

    std::string toString() const; // "1446-08-27"
};

// A calendar day, stored as a Gregorian day (days since 1970-01-01) and
// shown in both calendars.
class CalendarDate {
public:
    static CalendarDate fromGregorian(int year, int month, int day);
    static CalendarDate fromHijri(int year, int month, int day);
    static CalendarDate fromDaysSinceEpoch(std::int32_t days);
    static CalendarDate today();

    // Parses "2024-01-15" (Gregorian) or "1445-07-01" (Hijri, any year below
    // 1700, or any year with a trailing "H", "AH" or "هـ"), in ASCII,
    // Arabic-Indic or Persian digits. Throws invalid_argument naming the value.
    static CalendarDate parse(std::string_view text);

    std::int32_t daysSinceEpoch() const { return days_; }
    int year() const;
    int month() const;
    int day() const;
    std::string toIsoString() const; // "2024-01-15"
    HijriDate toHijri() const;

    auto operator<=>(const CalendarDate&) const = default;

private:
    explicit CalendarDate(std::int32_t days)
        : days_(days)
    {
    }
    std::int32_t days_;
};

// The first year read as Gregorian by CalendarDate::parse.
constexpr int kFirstGregorianYearInInput = 1700;

} // namespace majlis
