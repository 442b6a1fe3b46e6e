#include "web/DateDisplay.h"

#include <unicode/calendar.h>
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>

namespace majlis::web {

namespace {

constexpr double kMillisecondsPerDay = 86400000.0;

std::string formatInCalendar(const Language& language, const CalendarDate& date, const char* calendar)
{
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale(language.icuLocale.c_str());
    locale.setKeywordValue("calendar", calendar, status);
    const std::unique_ptr<icu::DateFormat> format(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
    if (U_FAILURE(status) || !format)
        return date.toIsoString();

    // The stored day is a civil date, so it is formatted at UTC midnight in UTC.
    format->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
    icu::UnicodeString text;
    format->format(date.daysSinceEpoch() * kMillisecondsPerDay, text);
    std::string utf8;
    text.toUTF8String(utf8);
    return utf8;
}

} // namespace

std::string formatHijriDate(const Language& language, const CalendarDate& date)
{
    return formatInCalendar(language, date, "islamic-umalqura");
}

std::string formatGregorianDate(const Language& language, const CalendarDate& date)
{
    return formatInCalendar(language, date, "gregorian");
}

} // namespace majlis::web
