#include "ocr/TextLayerCheck.h"

#include "ocr/detail/CodePoints.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <cstdio>

namespace majlis::ocr {

namespace {

// Thresholds chosen so that one stray symbol on a real page does not send it
// to OCR, while a page of substituted glyphs always does.
constexpr double maxUnmappedShare = 0.02;
constexpr double minLetterShare = 0.6;
constexpr double maxForeignScriptShare = 0.1;
constexpr double maxImpossibleWordShare = 0.2;
constexpr double maxInkShareOutsideText = 0.01;

struct Counts {
    int visible = 0;
    int unmapped = 0;
    int lettersOrDigits = 0;
    int foreignScriptLetters = 0;
    int arabicWords = 0;
    int impossibleArabicWords = 0;
};

bool isUnmapped(char32_t c)
{
    const bool privateUse = (c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000;
    const bool control = c < 0x20 && c != '\n' && c != '\t' && c != '\f' && c != '\r';
    return c == 0xFFFD || privateUse || control;
}

bool isExpectedScript(char32_t c)
{
    const auto script = static_cast<UScriptCode>(u_getIntPropertyValue(c, UCHAR_SCRIPT));
    return script == USCRIPT_ARABIC || script == USCRIPT_LATIN || script == USCRIPT_COMMON
        || script == USCRIPT_INHERITED;
}

// Teh marbuta and alef maksura only end Arabic words. In the middle of a word
// they are the trace of glyphs mapped to the wrong letters.
bool isImpossibleArabicWord(const std::u32string& word)
{
    for (std::size_t i = 0; i + 1 < word.size(); ++i) {
        const char32_t c = word[i];
        if (c == 0x0629 || c == 0x0649)
            return true;
    }
    return false;
}

void countWord(std::u32string& word, Counts& counts)
{
    if (word.empty())
        return;
    ++counts.arabicWords;
    if (isImpossibleArabicWord(word))
        ++counts.impossibleArabicWords;
    word.clear();
}

Counts countCharacters(std::string_view text)
{
    Counts counts;
    std::u32string word;
    for (const char32_t c : detail::toCodePoints(text)) {
        if (detail::isArabicLetter(c)) {
            word += c;
        } else if (!detail::isCombiningMark(c) && !detail::isTatweel(c)) {
            countWord(word, counts);
        }

        if (u_isUWhiteSpace(c))
            continue;
        ++counts.visible;
        if (isUnmapped(c))
            ++counts.unmapped;
        if (u_isalnum(c) || detail::isCombiningMark(c) || detail::isTatweel(c))
            ++counts.lettersOrDigits;
        if (u_isalpha(c) && !isExpectedScript(c))
            ++counts.foreignScriptLetters;
    }
    countWord(word, counts);
    return counts;
}

std::string describeShare(int part, int whole, const char* description)
{
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, "%d of %d characters (%.0f%%) %s", part, whole, 100.0 * part / whole, description);
    return buffer;
}

} // namespace

int TextLayerCheck::countVisibleCharacters(std::string_view text)
{
    return countCharacters(text).visible;
}

TextLayerVerdict TextLayerCheck::assessSparse(std::string_view text, double inkShareOutsideText)
{
    const int visible = countVisibleCharacters(text);
    if (visible >= sparseTextLength || inkShareOutsideText <= maxInkShareOutsideText)
        return {true, "the text layer contains " + std::to_string(visible) + " readable characters"};

    char share[32];
    std::snprintf(share, sizeof share, "%.1f%%", 100.0 * inkShareOutsideText);
    return {false, "the text layer has only " + std::to_string(visible) + " characters while " + share
            + " of the page is ink outside it, as on a scan with a stamped caption"};
}

TextLayerVerdict TextLayerCheck::assess(std::string_view text)
{
    const Counts counts = countCharacters(text);
    if (counts.visible == 0)
        return {false, "the page has no text layer"};

    const double visible = counts.visible;
    if (counts.unmapped / visible > maxUnmappedShare)
        return {false, describeShare(counts.unmapped, counts.visible, "are unmapped glyphs (U+FFFD, private use or control characters)")};
    if (counts.lettersOrDigits / visible < minLetterShare)
        return {false, describeShare(counts.visible - counts.lettersOrDigits, counts.visible, "are not letters or digits")};
    if (counts.foreignScriptLetters / visible > maxForeignScriptShare)
        return {false, describeShare(counts.foreignScriptLetters, counts.visible, "are letters of scripts other than Arabic and Latin")};
    if (counts.arabicWords > 0 && counts.impossibleArabicWords / static_cast<double>(counts.arabicWords) > maxImpossibleWordShare)
        return {false, std::to_string(counts.impossibleArabicWords) + " of " + std::to_string(counts.arabicWords)
                + " Arabic words contain letter sequences that do not occur in Arabic"};

    return {true, "the text layer contains " + std::to_string(counts.visible) + " readable characters"};
}

} // namespace majlis::ocr
