#include "core/CalendarDate.h"

#include "core/Error.h"
#include "core/Utf8.h"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>

namespace majlis {

namespace {

constexpr int kUmmAlQuraFirstYear = 1300;
constexpr int kUmmAlQuraLastYear = 1600;
constexpr double kMillisPerDay = 86400000.0;

// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's civil
// calendar algorithm).
std::int32_t daysFromCivil(int year, int month, int day)
{
    year -= month <= 2;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const int yearOfEra = year - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

struct CivilDay {
    int year;
    int month;
    int day;
};

CivilDay civilFromDays(std::int32_t days)
{
    days += 719468;
    const int era = (days >= 0 ? days : days - 146096) / 146097;
    const int dayOfEra = days - era * 146097;
    const int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const int mp = (5 * dayOfYear + 2) / 153;
    const int day = dayOfYear - (153 * mp + 2) / 5 + 1;
    const int month = mp + (mp < 10 ? 3 : -9);
    return {yearOfEra + era * 400 + (month <= 2), month, day};
}

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int gregorianMonthLength(int year, int month)
{
    static constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : lengths[month - 1];
}

Error invalidDate(std::string_view text, std::string_view reason)
{
    return Error(ErrorCode::invalid_argument, "error.invalid_date",
        "invalid date '" + std::string(text) + "': " + std::string(reason)
            + "; write YYYY-MM-DD or DD/MM/YYYY, Gregorian (2024-01-15) or Hijri (1445-07-03)",
        {{"value", std::string(text)}});
}

std::unique_ptr<icu::Calendar> makeUmmAlQuraCalendar()
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> calendar(
        icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(),
            icu::Locale("ar_SA@calendar=islamic-umalqura"), status));
    if (U_FAILURE(status) || !calendar)
        throw Error(ErrorCode::internal, "error.internal",
            std::string("ICU cannot create the islamic-umalqura calendar: ") + u_errorName(status));
    return calendar;
}

} // namespace

std::string HijriDate::toString() const
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

CalendarDate CalendarDate::fromGregorian(int year, int month, int day)
{
    const std::string text = HijriDate{year, month, day}.toString();
    if (year < 1 || year > 9999)
        throw invalidDate(text, "the year is out of range");
    if (month < 1 || month > 12)
        throw invalidDate(text, "the month must be 1 to 12");
    if (day < 1 || day > gregorianMonthLength(year, month))
        throw invalidDate(text, "that day does not exist in the Gregorian calendar");
    return CalendarDate(daysFromCivil(year, month, day));
}

CalendarDate CalendarDate::fromHijri(int year, int month, int day)
{
    const std::string text = HijriDate{year, month, day}.toString() + " AH";
    if (year < 1 || year > 2000)
        throw invalidDate(text, "the Hijri year is out of range");
    if (month < 1 || month > 12)
        throw invalidDate(text, "the month must be 1 to 12");

    auto calendar = makeUmmAlQuraCalendar();
    calendar->clear();
    calendar->set(year, month - 1, 1);
    UErrorCode status = U_ZERO_ERROR;
    const int monthLength = calendar->getActualMaximum(UCAL_DAY_OF_MONTH, status);
    if (U_FAILURE(status))
        throw invalidDate(text, "ICU cannot compute the month length");
    if (day < 1 || day > monthLength)
        throw invalidDate(text, "that month of the Umm al-Qura calendar has " + std::to_string(monthLength) + " days");

    calendar->set(UCAL_DATE, day);
    const UDate millis = calendar->getTime(status);
    if (U_FAILURE(status))
        throw invalidDate(text, "ICU cannot convert it");
    return CalendarDate(static_cast<std::int32_t>(std::floor(millis / kMillisPerDay)));
}

CalendarDate CalendarDate::fromDaysSinceEpoch(std::int32_t days)
{
    return CalendarDate(days);
}

CalendarDate CalendarDate::today()
{
    const auto now = std::chrono::system_clock::now();
    const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
    return CalendarDate(static_cast<std::int32_t>(days));
}

CalendarDate CalendarDate::parse(std::string_view original)
{
    std::string text = foldDigitsToAscii(trimWhitespace(original));

    bool markedHijri = false;
    for (std::string_view suffix : {"هـ", "ه", "AH", "H", "h"}) {
        if (text.size() > suffix.size() && text.ends_with(suffix)) {
            text = trimWhitespace(text.substr(0, text.size() - suffix.size()));
            markedHijri = true;
            break;
        }
    }

    int parts[3] = {0, 0, 0};
    int digits[3] = {0, 0, 0};
    int part = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            if (++digits[part] > 4)
                throw invalidDate(original, "too many digits");
            parts[part] = parts[part] * 10 + (c - '0');
        } else if ((c == '-' || c == '/') && digits[part] > 0 && part < 2) {
            ++part;
        } else {
            throw invalidDate(original, "unexpected character");
        }
    }
    if (part != 2 || digits[2] == 0)
        throw invalidDate(original, "expected year, month and day");

    // Saudi forms and letters write the day first: 15/07/1445.
    if (digits[0] <= 2 && digits[2] == 4)
        std::swap(parts[0], parts[2]);
    else if (digits[0] != 4)
        throw invalidDate(original, "the year needs four digits");

    const int year = parts[0];
    const int month = parts[1];
    const int day = parts[2];
    try {
        if (markedHijri || year < kFirstGregorianYearInInput)
            return fromHijri(year, month, day);
        return fromGregorian(year, month, day);
    } catch (const Error& error) {
        // Name the value as it was typed, not as it was reordered.
        std::string reason = error.what();
        if (const auto colon = reason.find("': "); colon != std::string::npos)
            reason = reason.substr(colon + 3);
        if (const auto hint = reason.find("; write"); hint != std::string::npos)
            reason = reason.substr(0, hint);
        throw invalidDate(original, reason);
    }
}

int CalendarDate::year() const
{
    return civilFromDays(days_).year;
}

int CalendarDate::month() const
{
    return civilFromDays(days_).month;
}

int CalendarDate::day() const
{
    return civilFromDays(days_).day;
}

std::string CalendarDate::toIsoString() const
{
    const CivilDay civil = civilFromDays(days_);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", civil.year, civil.month, civil.day);
    return buffer;
}

HijriDate CalendarDate::toHijri() const
{
    auto calendar = makeUmmAlQuraCalendar();
    UErrorCode status = U_ZERO_ERROR;
    // Noon avoids any rounding at the day boundary.
    calendar->setTime(days_ * kMillisPerDay + kMillisPerDay / 2, status);

    HijriDate hijri;
    hijri.year = calendar->get(UCAL_EXTENDED_YEAR, status);
    hijri.month = calendar->get(UCAL_MONTH, status) + 1;
    hijri.day = calendar->get(UCAL_DATE, status);
    if (U_FAILURE(status))
        throw Error(ErrorCode::internal, "error.internal",
            "ICU cannot convert " + toIsoString() + " to the Umm al-Qura calendar");
    hijri.approximate = hijri.year < kUmmAlQuraFirstYear || hijri.year > kUmmAlQuraLastYear;
    return hijri;
}

} // namespace majlis
