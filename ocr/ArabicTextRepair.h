#pragma once

#include <string>
#include <string_view>

namespace majlis::ocr {

// The order in which the characters of a line are stored.
enum class TextOrder {
    unknown,
    logical, // reading order, as Unicode expects
    visual,  // painting order, left to right, as many PDF producers store Arabic
};

// Repairs Arabic text extracted from PDFs and plain-text files so that it is
// stored as plain letters in logical order. It folds presentation forms to
// letters and removes bidi controls. It puts visual-order lines back in
// reading order without reversing numbers or swapping brackets.
class ArabicTextRepair {
public:
    // Repairs every line of `text`; a line with no clue of its own order
    // takes the order most lines of the text show.
    static std::string repairText(std::string_view text);

    // Repairs text whose lines are all stored in `order`, such as lines
    // assembled from glyph positions on a PDF page. Lines are reordered only
    // when `order` is visual.
    static std::string repairLines(std::string_view text, TextOrder order);

    // Repairs one line. `fallback` is used when the line itself shows no order.
    static std::string repairLine(std::string_view line, TextOrder fallback = TextOrder::unknown);

    // Guesses the order of a line from the shapes of its words. A final form
    // or a teh marbuta at the start of a word only occurs in visual order, and
    // so does an initial form at the end of a word.
    static TextOrder detectOrder(std::string_view line);

    // Turns a visual-order line into logical order. Runs of digits and Latin
    // words keep their inner order; everything else is reversed.
    static std::string visualToLogical(std::string_view line);

    // Folds Arabic presentation forms (U+FB50..U+FDFF, U+FE70..U+FEFE) to
    // letters with NFKC, leaving every other character untouched.
    static std::string foldPresentationForms(std::string_view text);

    static std::string removeBidiControls(std::string_view text);

    // Swaps the brackets of a line whose brackets only balance when swapped,
    // the trace of mirrored glyphs stored as the characters they look like.
    static std::string fixMirroredBrackets(std::string_view line);
};

} // namespace majlis::ocr
