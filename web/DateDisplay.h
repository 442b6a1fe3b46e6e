#pragma once

#include "core/CalendarDate.h"
#include "web/Language.h"

#include <string>

namespace majlis::web {

// A day in the Umm al-Qura calendar as the language writes it, such as
// "1 جمادى الآخرة 1446 هـ" or "1 Jumada II 1446 AH", through ICU's
// islamic-umalqura calendar.
std::string formatHijriDate(const Language& language, const CalendarDate& date);

// The same day in the Gregorian calendar, such as "2 ديسمبر 2024".
std::string formatGregorianDate(const Language& language, const CalendarDate& date);

// Formats a stored UTC time such as "2024-12-01T22:30:05Z" in Saudi time
// (Asia/Riyadh): the Umm al-Qura date and time, then the Gregorian date, such
// as "1 جمادى الآخرة 1446 هـ في 1:30 ص (2 ديسمبر 2024)". Returns any other
// text unchanged.
std::string formatTimestamp(const Language& language, const std::string& utc);

// Formats a day as its Umm al-Qura date followed by the Gregorian date, such
// as "1 جمادى الآخرة 1446 هـ (2 ديسمبر 2024)".
std::string formatHijriAndGregorianDate(const Language& language, const CalendarDate& date);

// Formats a day written as text, such as a due day "2026-12-20", as
// formatHijriAndGregorianDate does. Returns text that is no date unchanged.
std::string formatDayText(const Language& language, const std::string& day);

} // namespace majlis::web
