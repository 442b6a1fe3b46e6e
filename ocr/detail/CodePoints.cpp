#include "ocr/detail/CodePoints.h"

#include "core/Utf8.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace majlis::ocr::detail {

std::u32string toCodePoints(std::string_view text)
{
    std::u32string codePoints;
    codePoints.reserve(text.size());
    std::size_t position = 0;
    while (position < text.size())
        codePoints.push_back(decodeUtf8(text, position));
    return codePoints;
}

std::string toUtf8(std::u32string_view text)
{
    std::string out;
    out.reserve(text.size() * 2);
    for (const char32_t c : text)
        appendUtf8(out, c);
    return out;
}

bool isBidiControl(char32_t c)
{
    // LRM, RLM, ALM, the embeddings and overrides, the isolates, and the byte
    // order mark that some PDF producers leave inside strings.
    return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

bool isArabicPresentationForm(char32_t c)
{
    return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE);
}

bool isCombiningMark(char32_t c)
{
    return u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK;
}

bool isArabicLetter(char32_t c)
{
    if (isCombiningMark(c) || isTatweel(c) || !u_isalpha(c))
        return false;
    const auto script = static_cast<UScriptCode>(u_getIntPropertyValue(c, UCHAR_SCRIPT));
    return script == USCRIPT_ARABIC;
}

bool isTatweel(char32_t c)
{
    return c == 0x0640;
}

bool isDigit(char32_t c)
{
    return u_charDigitValue(c) >= 0 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER;
}

int digitValue(char32_t c)
{
    return isDigit(c) ? u_charDigitValue(c) : -1;
}

} // namespace majlis::ocr::detail
