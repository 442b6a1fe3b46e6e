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

// A stored UTC time such as "2026-12-05T05:31:23Z" as the language writes
// it in Saudi time (Asia/Riyadh), with the Umm al-Qura date, such as
// "14 جمادى الآخرة 1448 هـ، 8:31 ص". Text that is no such time is returned as is.
std::string formatTimestamp(const Language& language, const std::string& utc);

} // namespace majlis::web
