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

} // namespace majlis::web
