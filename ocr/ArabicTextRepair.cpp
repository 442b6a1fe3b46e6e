#include "ocr/ArabicTextRepair.h"

#include "ocr/detail/CodePoints.h"

#include "core/Error.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <vector>

namespace majlis::ocr {

using detail::toCodePoints;
using detail::toUtf8;

namespace {

enum class Direction { rtl, ltr, number, neutral };

Direction directionOf(char32_t c)
{
    switch (u_charDirection(c)) {
    case U_RIGHT_TO_LEFT:
    case U_RIGHT_TO_LEFT_ARABIC:
        return Direction::rtl;
    case U_LEFT_TO_RIGHT:
        return Direction::ltr;
    case U_EUROPEAN_NUMBER:
    case U_ARABIC_NUMBER:
        return Direction::number;
    default:
        return Direction::neutral;
    }
}

bool isLeftToRightLike(Direction direction)
{
    return direction == Direction::ltr || direction == Direction::number;
}

// Separators that Unicode keeps inside a number: 12/08/1446, 3.5, 1,000, 50%.
bool isNumberSeparator(char32_t c)
{
    switch (u_charDirection(c)) {
    case U_COMMON_NUMBER_SEPARATOR:
    case U_EUROPEAN_NUMBER_SEPARATOR:
    case U_EUROPEAN_NUMBER_TERMINATOR:
        return true;
    default:
        return false;
    }
}

// Whether the neutral characters [begin, end) between two left-to-right
// characters belong to the same left-to-right run, as the Unicode
// bidirectional algorithm resolves them in a right-to-left paragraph.
// Between two numbers only a single separator joins, because a space between
// numbers takes the paragraph's direction.
bool neutralsJoin(const std::u32string& line, std::size_t begin, std::size_t end)
{
    const Direction left = directionOf(line[begin - 1]);
    const Direction right = directionOf(line[end]);
    if (left == Direction::ltr || right == Direction::ltr)
        return true;
    return end - begin == 1 && isNumberSeparator(line[begin]);
}

// Splits a visual-order line into units that move as wholes when the line is
// reversed: left-to-right runs, and single characters with their combining marks.
std::vector<std::u32string> splitIntoUnits(const std::u32string& line)
{
    std::vector<std::u32string> units;
    std::size_t i = 0;
    while (i < line.size()) {
        if (!isLeftToRightLike(directionOf(line[i]))) {
            std::size_t end = i + 1;
            while (end < line.size() && detail::isCombiningMark(line[end]))
                ++end;
            units.emplace_back(line.substr(i, end - i));
            i = end;
            continue;
        }

        std::size_t end = i + 1;
        while (end < line.size()) {
            if (isLeftToRightLike(directionOf(line[end])) || detail::isCombiningMark(line[end])) {
                ++end;
                continue;
            }
            std::size_t next = end;
            while (next < line.size() && directionOf(line[next]) == Direction::neutral)
                ++next;
            if (next == line.size() || !isLeftToRightLike(directionOf(line[next])) || !neutralsJoin(line, end, next))
                break;
            end = next;
        }
        units.emplace_back(line.substr(i, end - i));
        i = end;
    }
    return units;
}

std::u32string reverseRightToLeft(const std::u32string& visual)
{
    auto units = splitIntoUnits(visual);
    std::reverse(units.begin(), units.end());
    std::u32string logical;
    for (const auto& unit : units)
        logical += unit;
    return logical;
}

// In a line that is mostly Latin, only the right-to-left stretches were painted
// reversed: each stretch from the first to the last right-to-left character
// that no Latin letter interrupts.
std::u32string reverseRightToLeftStretches(const std::u32string& visual)
{
    std::u32string logical;
    std::size_t i = 0;
    while (i < visual.size()) {
        if (directionOf(visual[i]) != Direction::rtl) {
            logical += visual[i++];
            continue;
        }
        std::size_t lastRtl = i;
        std::size_t end = i + 1;
        while (end < visual.size() && directionOf(visual[end]) != Direction::ltr) {
            if (directionOf(visual[end]) == Direction::rtl || detail::isCombiningMark(visual[end]))
                lastRtl = end;
            ++end;
        }
        logical += reverseRightToLeft(visual.substr(i, lastRtl + 1 - i));
        i = lastRtl + 1;
    }
    return logical;
}

struct OrderEvidence {
    int logical = 0;
    int visual = 0;
};

bool isTehMarbutaOrAlefMaksura(char32_t c)
{
    return c == 0x0629 || c == 0x0649;
}

int decompositionType(char32_t c)
{
    return u_getIntPropertyValue(c, UCHAR_DECOMPOSITION_TYPE);
}

// Weighs one Arabic word. Positional presentation forms are strong evidence.
// Teh marbuta and alef maksura end words and never start them. The article
// "ال" starts words far more often than "لا" ends them, so it is weaker evidence.
void weighWord(const std::u32string& word, OrderEvidence& evidence)
{
    const char32_t first = word.front();
    const char32_t last = word.back();

    if (decompositionType(first) == U_DT_FINAL || decompositionType(last) == U_DT_INITIAL)
        evidence.visual += 2;
    if (word.size() > 1 && (decompositionType(first) == U_DT_INITIAL || decompositionType(last) == U_DT_FINAL))
        evidence.logical += 2;

    if (word.size() > 1 && isTehMarbutaOrAlefMaksura(first))
        ++evidence.visual;
    if (word.size() > 1 && isTehMarbutaOrAlefMaksura(last))
        ++evidence.logical;

    if (word.size() >= 4 && word[0] == 0x0627 && word[1] == 0x0644)
        ++evidence.logical;
    if (word.size() >= 4 && word[word.size() - 1] == 0x0627 && word[word.size() - 2] == 0x0644)
        ++evidence.visual;
}

OrderEvidence weighLine(const std::u32string& line)
{
    OrderEvidence evidence;
    std::u32string word;
    for (const char32_t c : line) {
        if (detail::isArabicLetter(c)) {
            word += c;
        } else if (!detail::isCombiningMark(c) && !detail::isTatweel(c)) {
            if (!word.empty())
                weighWord(word, evidence);
            word.clear();
        }
    }
    if (!word.empty())
        weighWord(word, evidence);
    return evidence;
}

TextOrder orderFrom(const OrderEvidence& evidence)
{
    if (evidence.visual > evidence.logical)
        return TextOrder::visual;
    if (evidence.logical > evidence.visual)
        return TextOrder::logical;
    return TextOrder::unknown;
}

const icu::Normalizer2& nfkc()
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || !normalizer)
        throw Error(ErrorCode::internal, "ocr.icu_data_missing",
            "ICU has no NFKC normalisation data; reinstall the Debian package libicu72");
    return *normalizer;
}

std::u32string foldOne(char32_t c)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded = nfkc().normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
    if (U_FAILURE(status))
        return std::u32string(1, c);

    std::u32string out;
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1))
        out += static_cast<char32_t>(folded.char32At(i));

    // The isolated harakat forms (U+FE70..) fold to a space and the mark. The
    // space is dropped because it would cut the mark off its letter.
    if (out.size() > 1 && out.front() == U' ' && detail::isCombiningMark(out[1]))
        out.erase(0, 1);
    return out;
}

bool hasRightToLeftLetter(const std::u32string& line)
{
    return std::any_of(line.begin(), line.end(), [](char32_t c) { return directionOf(c) == Direction::rtl; });
}

bool isMostlyLatin(const std::u32string& line)
{
    const auto ltr = std::count_if(line.begin(), line.end(), [](char32_t c) { return directionOf(c) == Direction::ltr; });
    const auto rtl = std::count_if(line.begin(), line.end(), [](char32_t c) { return directionOf(c) == Direction::rtl; });
    return ltr > rtl;
}

char32_t swappedBracket(char32_t c)
{
    switch (c) {
    case U'(': return U')';
    case U')': return U'(';
    case U'[': return U']';
    case U']': return U'[';
    case U'{': return U'}';
    case U'}': return U'{';
    case U'«': return U'»';
    case U'»': return U'«';
    default: return c;
    }
}

// Whether every closing bracket of the line follows its opening one.
bool bracketsBalance(const std::u32string& line)
{
    std::vector<char32_t> open;
    for (const char32_t c : line) {
        if (c == U'(' || c == U'[' || c == U'{' || c == U'«') {
            open.push_back(swappedBracket(c));
        } else if (c == U')' || c == U']' || c == U'}' || c == U'»') {
            if (open.empty() || open.back() != c)
                return false;
            open.pop_back();
        }
    }
    return open.empty();
}

} // namespace

std::string ArabicTextRepair::removeBidiControls(std::string_view text)
{
    std::u32string codePoints = toCodePoints(text);
    std::erase_if(codePoints, detail::isBidiControl);
    return toUtf8(codePoints);
}

std::string ArabicTextRepair::foldPresentationForms(std::string_view text)
{
    std::u32string folded;
    for (const char32_t c : toCodePoints(text)) {
        if (detail::isArabicPresentationForm(c))
            folded += foldOne(c);
        else
            folded += c;
    }
    return toUtf8(folded);
}

TextOrder ArabicTextRepair::detectOrder(std::string_view line)
{
    return orderFrom(weighLine(toCodePoints(line)));
}

std::string ArabicTextRepair::visualToLogical(std::string_view line)
{
    const std::u32string visual = toCodePoints(line);
    if (!hasRightToLeftLetter(visual))
        return std::string(line);
    if (isMostlyLatin(visual))
        return toUtf8(reverseRightToLeftStretches(visual));
    return toUtf8(reverseRightToLeft(visual));
}

std::string ArabicTextRepair::fixMirroredBrackets(std::string_view line)
{
    std::u32string codePoints = toCodePoints(line);
    if (bracketsBalance(codePoints))
        return std::string(line);

    std::u32string swapped = codePoints;
    std::transform(swapped.begin(), swapped.end(), swapped.begin(), swappedBracket);
    return bracketsBalance(swapped) ? toUtf8(swapped) : std::string(line);
}

std::string ArabicTextRepair::repairLine(std::string_view line, TextOrder fallback)
{
    std::string repaired = removeBidiControls(line);

    // Reorder before folding: a lam-alef ligature is one code point in visual
    // order and only becomes lam then alef once it is in reading order.
    TextOrder order = detectOrder(repaired);
    if (order == TextOrder::unknown)
        order = fallback;
    if (order == TextOrder::visual)
        repaired = visualToLogical(repaired);

    repaired = foldPresentationForms(repaired);
    return fixMirroredBrackets(repaired);
}

std::string ArabicTextRepair::repairLines(std::string_view text, TextOrder order)
{
    std::string repaired;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        if (start > 0)
            repaired += '\n';
        std::string line = removeBidiControls(text.substr(start, end - start));
        if (order == TextOrder::visual)
            line = visualToLogical(line);
        repaired += fixMirroredBrackets(foldPresentationForms(line));
        start = end + 1;
    }
    return repaired;
}

std::string ArabicTextRepair::repairText(std::string_view text)
{
    std::vector<std::string_view> lines;
    OrderEvidence total;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines.push_back(text.substr(start, end - start));
        const OrderEvidence evidence = weighLine(toCodePoints(removeBidiControls(lines.back())));
        total.logical += evidence.logical;
        total.visual += evidence.visual;
        start = end + 1;
    }

    const TextOrder fallback = orderFrom(total);
    std::string repaired;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0)
            repaired += '\n';
        repaired += repairLine(lines[i], fallback);
    }
    return repaired;
}

} // namespace majlis::ocr
