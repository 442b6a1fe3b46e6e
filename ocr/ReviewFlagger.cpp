#include "ocr/ReviewFlagger.h"

#include "ocr/detail/CodePoints.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <sstream>

namespace majlis::ocr {

namespace {

using detail::toCodePoints;
using detail::toUtf8;

enum class Era { unknown, hijri, gregorian };

bool isEdgePunctuation(char32_t c)
{
    return std::u32string_view(U"()[]{}«»\"'.,:;،؛!?؟").find(c) != std::u32string_view::npos;
}

bool isDateSeparator(char32_t c)
{
    return c == U'/' || c == U'-' || c == U'.';
}

// Thousands and decimal separators, Latin and Arabic (U+066B, U+066C).
bool isNumberSeparator(char32_t c)
{
    return c == U',' || c == U'\u066B' || c == U'\u066C';
}

// Single-letter Arabic prefixes that attach to a number: و (and), ب, ل, ف, ك.
bool isPrefixLetter(char32_t c)
{
    return std::u32string_view(U"وبلفك").find(c) != std::u32string_view::npos;
}

// A token that contains a digit, stripped of edge punctuation, a one-letter
// prefix and the era suffix هـ or م.
struct NumberToken {
    std::u32string core;
    Era era = Era::unknown;
};

std::optional<NumberToken> parseNumberToken(std::u32string token)
{
    while (!token.empty() && isEdgePunctuation(token.back()))
        token.pop_back();
    while (!token.empty() && isEdgePunctuation(token.front()))
        token.erase(0, 1);
    if (token.empty() || std::none_of(token.begin(), token.end(), detail::isDigit))
        return std::nullopt;

    NumberToken number;
    // A prefix letter (و2024م) is dropped. Saudi decrees and orders are
    // numbered as a letter, a slash and digits (م/9 for a royal decree, أ/90
    // for a royal order), and their number is the digits.
    if (token.size() > 1 && isPrefixLetter(token[0]) && detail::isDigit(token[1]))
        token.erase(0, 1);
    else if (token.size() > 2 && detail::isArabicLetter(token[0]) && token[1] == U'/' && detail::isDigit(token[2]))
        token.erase(0, 2);
    if (token.ends_with(U"هـ")) {
        token.resize(token.size() - 2);
        number.era = Era::hijri;
    } else if (token.ends_with(U"ه")) {
        token.pop_back();
        number.era = Era::hijri;
    } else if (token.ends_with(U"م")) {
        token.pop_back();
        number.era = Era::gregorian;
    }
    if (!token.empty() && (token.back() == U'%' || token.back() == U'\u066A'))
        token.pop_back();
    number.core = token;
    return number;
}

ReviewFlag makeFlag(std::string kind, const std::u32string& value, std::string reason)
{
    return {std::move(kind), toUtf8(value), std::move(reason)};
}

// The first code point of the digit block, so that ١ and 1 compare as different systems.
char32_t digitZero(char32_t c)
{
    return c - static_cast<char32_t>(detail::digitValue(c));
}

bool hasOneDigitSystem(const std::u32string& core)
{
    std::optional<char32_t> zero;
    for (const char32_t c : core) {
        if (!detail::isDigit(c))
            continue;
        if (zero && *zero != digitZero(c))
            return false;
        zero = digitZero(c);
    }
    return true;
}

std::vector<std::u32string> splitGroups(const std::u32string& core)
{
    std::vector<std::u32string> groups(1);
    for (const char32_t c : core) {
        if (isDateSeparator(c))
            groups.emplace_back();
        else
            groups.back() += c;
    }
    return groups;
}

int valueOf(const std::u32string& group)
{
    int value = 0;
    for (const char32_t c : group)
        value = value * 10 + detail::digitValue(c);
    return value;
}

bool isPlausibleYear(int year, Era era)
{
    const bool hijri = year >= 1300 && year <= 1600;
    const bool gregorian = year >= 1900 && year <= 2100;
    if (era == Era::hijri)
        return hijri;
    if (era == Era::gregorian)
        return gregorian;
    return hijri || gregorian;
}

std::optional<std::string> dateProblem(const std::vector<std::u32string>& groups, Era era)
{
    std::size_t dayIndex = 0;
    std::size_t yearIndex = 2;
    if (groups[0].size() == 4 && groups[2].size() != 4)
        std::swap(dayIndex, yearIndex);
    else if (groups[2].size() != 4)
        return "it has no four-digit year";

    const int day = valueOf(groups[dayIndex]);
    const int month = valueOf(groups[1]);
    const int year = valueOf(groups[yearIndex]);
    if (!isPlausibleYear(year, era))
        return "the year " + std::to_string(year) + " is outside 1300-1600 AH and 1900-2100 CE";
    if (month < 1 || month > 12)
        return "the month " + std::to_string(month) + " is outside 1-12";
    const int lastDay = year >= 1900 ? 31 : 30;
    if (day < 1 || day > lastDay)
        return "the day " + std::to_string(day) + " is outside 1-" + std::to_string(lastDay);
    return std::nullopt;
}

// Times are H:MM or H:MM:SS on a 24-hour clock.
std::optional<std::string> timeProblem(const std::u32string& core)
{
    std::vector<std::u32string> parts(1);
    for (const char32_t c : core) {
        if (c == U':')
            parts.emplace_back();
        else if (detail::isDigit(c))
            parts.back() += c;
        else
            return "it mixes a time with other separators";
    }
    if (parts.size() > 3 || std::any_of(parts.begin(), parts.end(), [](const auto& part) { return part.empty(); }))
        return "it is not of the form H:MM or H:MM:SS";
    if (valueOf(parts[0]) > 24)
        return "the hour " + std::to_string(valueOf(parts[0])) + " is outside 0-24";
    for (std::size_t i = 1; i < parts.size(); ++i) {
        if (parts[i].size() != 2 || valueOf(parts[i]) > 59)
            return "the minutes or seconds " + detail::toUtf8(parts[i]) + " are outside 00-59";
    }
    return std::nullopt;
}

bool isYearWord(const std::u32string& word)
{
    return word == U"سنة" || word == U"لسنة" || word == U"عام" || word == U"لعام";
}

// Returns the era that the word after a number marks: Hijri for "هـ" or
// "ه", Gregorian for "م", with any punctuation after the marker.
Era eraMarkedBy(std::u32string word)
{
    while (!word.empty() && isEdgePunctuation(word.back()))
        word.pop_back();
    if (word == U"هـ" || word == U"ه")
        return Era::hijri;
    if (word == U"م" || word == U"مـ")
        return Era::gregorian;
    return Era::unknown;
}

void checkToken(const std::u32string& previousWord, const std::u32string& token, const std::u32string& nextWord,
    std::vector<ReviewFlag>& flags)
{
    auto number = parseNumberToken(token);
    if (!number)
        return;
    if (number->era == Era::unknown)
        number->era = eraMarkedBy(nextWord);

    const std::u32string& core = number->core;
    const bool onlyDigitsAndSeparators = !core.empty() && std::all_of(core.begin(), core.end(), [](char32_t c) {
        return detail::isDigit(c) || isDateSeparator(c) || isNumberSeparator(c) || c == U':';
    });
    if (!onlyDigitsAndSeparators) {
        flags.push_back(makeFlag("garbled_number", token, "digits are mixed with letters or symbols; OCR may have misread them"));
        return;
    }
    if (!hasOneDigitSystem(core)) {
        flags.push_back(makeFlag("garbled_number", token, "the number mixes Arabic-Indic and Western digits"));
        return;
    }

    if (core.find(U':') != std::u32string::npos) {
        if (const auto problem = timeProblem(core))
            flags.push_back(makeFlag("implausible_time", token, "implausible time: " + *problem));
        return;
    }
    if (std::any_of(core.begin(), core.end(), isNumberSeparator))
        return;

    const auto groups = splitGroups(core);
    if (groups.size() == 3 && std::none_of(groups.begin(), groups.end(), [](const auto& g) { return g.empty(); })) {
        if (const auto problem = dateProblem(groups, number->era))
            flags.push_back(makeFlag("implausible_date", token, "implausible date: " + *problem));
        return;
    }

    const bool looksLikeYear = number->era != Era::unknown || isYearWord(previousWord);
    if (groups.size() == 1 && looksLikeYear && !isPlausibleYear(valueOf(groups[0]), number->era))
        flags.push_back(makeFlag("implausible_date", token,
            "implausible year " + std::to_string(valueOf(groups[0])) + ": outside 1300-1600 AH and 1900-2100 CE"));
}

} // namespace

std::vector<ReviewFlag> ReviewFlagger::checkNumbers(std::string_view text)
{
    std::vector<ReviewFlag> flags;
    std::istringstream in{std::string(text)};
    std::vector<std::u32string> words;
    for (std::string word; in >> word;)
        words.push_back(toCodePoints(word));
    const std::u32string none;
    for (std::size_t i = 0; i < words.size(); ++i)
        checkToken(i > 0 ? words[i - 1] : none, words[i], i + 1 < words.size() ? words[i + 1] : none, flags);
    return flags;
}

std::vector<ReviewFlag> ReviewFlagger::checkConfidence(double meanConfidence, const std::vector<WordConfidence>& words)
{
    std::vector<ReviewFlag> flags;
    if (words.empty() || meanConfidence >= lowConfidence)
        return flags;

    char value[32];
    std::snprintf(value, sizeof value, "%.1f", meanConfidence);
    flags.push_back({"low_confidence", value,
        "the mean word confidence " + std::string(value) + " is below " + std::to_string(static_cast<int>(lowConfidence))});
    return flags;
}

std::vector<ReviewFlag> ReviewFlagger::review(const PageText& page)
{
    auto flags = checkNumbers(page.text);
    auto confidenceFlags = checkConfidence(page.meanConfidence, page.words);
    flags.insert(flags.end(), confidenceFlags.begin(), confidenceFlags.end());
    return flags;
}

} // namespace majlis::ocr
