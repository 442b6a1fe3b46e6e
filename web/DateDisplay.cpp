#include "web/DateDisplay.h"

#include "core/Error.h"

#include <unicode/calendar.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <memory>

namespace majlis::web {

namespace {

constexpr double kMillisecondsPerDay = 86400000.0;

// A long-date formatter for the locale and calendar, made once per thread:
// creating one costs about a millisecond, which a page with a hundred dates
// felt, and an ICU DateFormat must not be used by two threads at once.
const icu::DateFormat* formatterFor(const Language& language, const char* calendar)
{
    thread_local std::map<std::string, std::unique_ptr<icu::DateFormat>> formatters;
    const std::string key = language.icuLocale + "/" + calendar;
    if (const auto found = formatters.find(key); found != formatters.end())
        return found->second.get();

    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale(language.icuLocale.c_str());
    locale.setKeywordValue("calendar", calendar, status);
    std::unique_ptr<icu::DateFormat> format(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
    if (U_FAILURE(status) || !format)
        return nullptr;
    // The stored day is a civil date, so it is formatted at UTC midnight in UTC.
    format->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
    return formatters.emplace(key, std::move(format)).first->second.get();
}

std::string formatInCalendar(const Language& language, const CalendarDate& date, const char* calendar)
{
    const icu::DateFormat* format = formatterFor(language, calendar);
    if (!format)
        return date.toIsoString();
    icu::UnicodeString text;
    format->format(date.daysSinceEpoch() * kMillisecondsPerDay, text);
    std::string utf8;
    text.toUTF8String(utf8);
    return utf8;
}

// Parses "YYYY-MM-DDTHH:MM:SS[.fff]Z" into milliseconds since 1970, or
// returns nullopt for other text.
std::optional<double> parseUtcTime(const std::string& text)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    char end = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &year, &month, &day, &hour, &minute, &second, &end) != 7
        || (end != 'Z' && end != '.') || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    try {
        const CalendarDate date = CalendarDate::fromGregorian(year, month, day);
        return date.daysSinceEpoch() * kMillisecondsPerDay + ((hour * 60.0 + minute) * 60.0 + second) * 1000.0;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

} // namespace

std::string formatTimestamp(const Language& language, const std::string& utc)
{
    const auto milliseconds = parseUtcTime(utc);
    if (!milliseconds)
        return utc;
    thread_local std::map<std::string, std::unique_ptr<icu::DateFormat>> formatters;
    auto found = formatters.find(language.icuLocale);
    if (found == formatters.end()) {
        UErrorCode status = U_ZERO_ERROR;
        icu::Locale locale(language.icuLocale.c_str());
        locale.setKeywordValue("calendar", "islamic-umalqura", status);
        std::unique_ptr<icu::DateFormat> format(
            icu::DateFormat::createDateTimeInstance(icu::DateFormat::kLong, icu::DateFormat::kShort, locale));
        if (U_FAILURE(status) || !format)
            return utc;
        format->adoptTimeZone(icu::TimeZone::createTimeZone("Asia/Riyadh"));
        found = formatters.emplace(language.icuLocale, std::move(format)).first;
    }
    icu::UnicodeString text;
    found->second->format(*milliseconds, text);
    std::string utf8;
    text.toUTF8String(utf8);

    // Saudi Arabia keeps UTC+3 all year, so the Riyadh day is three hours on.
    constexpr double kRiyadhOffset = 3 * 3600 * 1000.0;
    const auto riyadhDay = static_cast<std::int32_t>(std::floor((*milliseconds + kRiyadhOffset) / kMillisecondsPerDay));
    return utf8 + " (" + formatGregorianDate(language, CalendarDate::fromDaysSinceEpoch(riyadhDay)) + ")";
}

std::string formatHijriAndGregorianDate(const Language& language, const CalendarDate& date)
{
    return formatHijriDate(language, date) + " (" + formatGregorianDate(language, date) + ")";
}

std::string formatDayText(const Language& language, const std::string& day)
{
    try {
        return formatHijriAndGregorianDate(language, CalendarDate::parse(day));
    } catch (const Error&) {
        return day;
    }
}

std::string formatHijriDate(const Language& language, const CalendarDate& date)
{
    return formatInCalendar(language, date, "islamic-umalqura");
}

std::string formatGregorianDate(const Language& language, const CalendarDate& date)
{
    return formatInCalendar(language, date, "gregorian");
}

} // namespace majlis::web
