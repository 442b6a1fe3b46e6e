#include "ocr/OcrTextFilter.h"

#include "ocr/detail/CodePoints.h"

#include <unicode/uchar.h>

#include <sstream>

namespace majlis::ocr {

namespace {

bool isMarksOnly(std::string_view token)
{
    for (const char32_t c : detail::toCodePoints(token)) {
        if (!detail::isTatweel(c) && !detail::isCombiningMark(c))
            return false;
    }
    return true;
}

bool isNoiseLine(const std::string& line)
{
    std::istringstream tokens(line);
    std::string token;
    while (tokens >> token) {
        if (!OcrTextFilter::isNoise(token))
            return false;
    }
    return true;
}

char32_t arabicPunctuationFor(char32_t c)
{
    switch (c) {
    case U',': return U'\u060C';
    case U';': return U'\u061B';
    case U'?': return U'\u061F';
    default: return 0;
    }
}

bool followsArabicLetter(const std::u32string& line, std::size_t i)
{
    std::size_t j = i;
    while (j > 0 && detail::isCombiningMark(line[j - 1]))
        --j;
    return j > 0 && detail::isArabicLetter(line[j - 1]);
}

} // namespace

std::string OcrTextFilter::restoreArabicPunctuation(std::string_view line)
{
    std::u32string codePoints = detail::toCodePoints(line);
    const bool hasOpeningGuillemet = codePoints.find(U'«') != std::u32string::npos;
    for (std::size_t i = 0; i < codePoints.size(); ++i) {
        if (!followsArabicLetter(codePoints, i))
            continue;
        const bool endsWord = i + 1 == codePoints.size() || codePoints[i + 1] == U' ';
        if (const char32_t arabic = arabicPunctuationFor(codePoints[i]))
            codePoints[i] = arabic;
        else if (codePoints[i] == U'»' && !hasOpeningGuillemet && endsWord)
            codePoints[i] = U'\u060C';
    }
    return detail::toUtf8(codePoints);
}

bool OcrTextFilter::isNoise(std::string_view token)
{
    for (const char32_t c : detail::toCodePoints(token)) {
        if (detail::isTatweel(c) || detail::isCombiningMark(c))
            continue;
        if (u_isalnum(c))
            return false;
    }
    return true;
}

std::string OcrTextFilter::clean(std::string_view text)
{
    std::string cleaned;
    std::istringstream lines{std::string(text)};
    std::string line;
    while (std::getline(lines, line)) {
        if (isNoiseLine(line))
            continue;

        // Punctuation between words is kept; a lone mark is not.
        std::istringstream tokens(line);
        std::string token;
        std::string keptTokens;
        while (tokens >> token) {
            if (isMarksOnly(token))
                continue;
            if (!keptTokens.empty())
                keptTokens += ' ';
            keptTokens += token;
        }
        if (!cleaned.empty())
            cleaned += '\n';
        cleaned += restoreArabicPunctuation(keptTokens);
    }
    return cleaned;
}

} // namespace majlis::ocr
