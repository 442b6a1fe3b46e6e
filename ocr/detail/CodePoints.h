#pragma once

// Code-point helpers shared by the text repair and the text checks of ocr/.

#include <string>
#include <string_view>

namespace majlis::ocr::detail {

// Decodes UTF-8; an invalid sequence becomes U+FFFD.
std::u32string toCodePoints(std::string_view text);
std::string toUtf8(std::u32string_view text);

bool isBidiControl(char32_t c);
bool isArabicPresentationForm(char32_t c);

// Arabic letters, in the base block or as presentation forms; marks excluded.
bool isArabicLetter(char32_t c);

// Harakat, Quranic annotation marks and other combining marks.
bool isCombiningMark(char32_t c);

bool isTatweel(char32_t c);

// Decimal digits of any script (ASCII, Arabic-Indic, Persian, ...).
bool isDigit(char32_t c);

// The value 0-9 of a decimal digit of any script, or -1.
int digitValue(char32_t c);

} // namespace majlis::ocr::detail
