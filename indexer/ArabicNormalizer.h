#pragma once

#include <string>
#include <string_view>

namespace majlis::indexer {

// Turns one token of original text into its search key. Each step is public
// so it can be tested alone. normalize() runs them in the order below, at
// index time and at query time alike.
class ArabicNormalizer {
public:
    // All steps: visual order repair, NFKC, removal of ignorable code points,
    // letter folding and digit folding. Returns "" for a token of marks only.
    static std::string normalize(std::string_view token);

    // Reverses a token of Arabic presentation forms that a PDF text layer
    // delivered in visual (painting) order. The joining forms give the order
    // away: in logical order a final or medial form follows an initial or
    // medial one, so the order with fewer broken joins is taken.
    static std::string repairVisualOrder(std::string_view token);

    // Unicode NFKC: presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF) become
    // letters and decomposed (NFD) text is recomposed, so "ا" + U+0655 is "إ".
    static std::string composeCompatibility(std::string_view token);

    // Removes harakat (U+064B-U+065F, U+0670), Quranic annotation marks,
    // tatweel (U+0640), bidi controls (U+061C, U+200E, U+200F, U+202A-U+202E,
    // U+2066-U+2069) and zero-width characters (U+200B-U+200D, U+FEFF).
    static std::string removeIgnorables(std::string_view token);

    // Folds أ إ آ ٱ to ا, ى to ي, ة to ه, Persian keheh and yeh to their
    // Arabic letters, and Latin letters to lower case. ى is never folded to
    // ا, so "الى" and "الا" stay different words.
    static std::string foldLetters(std::string_view token);

    // Replaces a digit of any script (Arabic-Indic, Persian, ...) by the ASCII
    // digit of the same value.
    static std::string foldDigits(std::string_view token);
};

} // namespace majlis::indexer
