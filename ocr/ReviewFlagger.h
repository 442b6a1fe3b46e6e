#pragma once

#include "ocr/DocumentText.h"

#include <string_view>
#include <vector>

namespace majlis::ocr {

// Finds what a person should check in OCR output before it is trusted:
// numbers and dates that cannot be right, and pages read with low confidence.
// Digits are the usual victims of right-to-left OCR: they come out reversed
// (1446 as 6441) or mixed with punctuation, and nothing else catches that.
class ReviewFlagger {
public:
    // A page whose mean word confidence (0 to 100) is below this is flagged.
    static constexpr double lowConfidence = 70.0;

    // Dates (day/month/year in any digit script, with an optional هـ or م
    // after) are plausible with day 1-30, month 1-12 and year 1300-1600 AH or
    // 1900-2100 CE; a Gregorian year also allows day 31. Times (H:MM or
    // H:MM:SS) are plausible with hour 0-24 and minutes 00-59. Percentages and
    // numbers with thousands or decimal separators are accepted as they are.
    static std::vector<ReviewFlag> checkNumbers(std::string_view text);

    static std::vector<ReviewFlag> checkConfidence(double meanConfidence, const std::vector<WordConfidence>& words);

    // Both checks.
    static std::vector<ReviewFlag> review(const PageText& page);
};

} // namespace majlis::ocr
