#pragma once

#include <string>
#include <string_view>

namespace majlis::ocr {

// Removes what Tesseract reads from specks and stray diacritics: lines made
// only of harakat, tatweel, punctuation or symbols, and tokens made only of
// harakat or tatweel. Such a token is never a word, and an index term made of
// it would only add noise.
class OcrTextFilter {
public:
    // Drops noise lines and lone marks, then restores Arabic punctuation on
    // each remaining line.
    static std::string clean(std::string_view text);

    // Replaces the Latin comma, semicolon and question mark that directly
    // follow an Arabic letter with their Arabic forms (U+060C, U+061B,
    // U+061F). Tesseract's Arabic model often reads the Arabic comma, a
    // mirrored Latin one, as ',' or as an unpaired '»'; an unpaired '»'
    // after an Arabic word, with no '«' on its line, is read as a comma too.
    static std::string restoreArabicPunctuation(std::string_view line);

    // Whether `token` has no letter and no digit.
    static bool isNoise(std::string_view token);
};

} // namespace majlis::ocr
