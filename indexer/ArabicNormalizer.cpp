#include "indexer/ArabicNormalizer.h"

#include "core/Error.h"
#include "core/Utf8.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace majlis::indexer {

namespace {

std::u32string decode(std::string_view text)
{
    std::u32string codePoints;
    codePoints.reserve(text.size());
    std::size_t position = 0;
    while (position < text.size()) {
        codePoints.push_back(decodeUtf8(text, position));
    }
    return codePoints;
}

std::string encode(const std::u32string& codePoints)
{
    std::string text;
    text.reserve(codePoints.size() * 2);
    for (const char32_t codePoint : codePoints) {
        appendUtf8(text, codePoint);
    }
    return text;
}

// Applies `map` to every code point; a result of 0 drops the code point.
template <typename Map>
std::string mapCodePoints(std::string_view text, Map map)
{
    std::string out;
    out.reserve(text.size());
    std::size_t position = 0;
    while (position < text.size()) {
        const char32_t mapped = map(decodeUtf8(text, position));
        if (mapped != 0) {
            appendUtf8(out, mapped);
        }
    }
    return out;
}

bool isArabicPresentationForm(char32_t c)
{
    return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

// The joining form of a presentation form, from its Unicode decomposition type.
enum class JoiningForm { none, isolated, initial, medial, final };

JoiningForm joiningForm(char32_t c)
{
    if (!isArabicPresentationForm(c)) {
        return JoiningForm::none;
    }
    switch (u_getIntPropertyValue(c, UCHAR_DECOMPOSITION_TYPE)) {
    case U_DT_ISOLATED:
        return JoiningForm::isolated;
    case U_DT_INITIAL:
        return JoiningForm::initial;
    case U_DT_MEDIAL:
        return JoiningForm::medial;
    case U_DT_FINAL:
        return JoiningForm::final;
    default:
        return JoiningForm::none;
    }
}

bool joinsForward(JoiningForm form)
{
    return form == JoiningForm::initial || form == JoiningForm::medial;
}

bool joinsBackward(JoiningForm form)
{
    return form == JoiningForm::medial || form == JoiningForm::final;
}

// Counts neighbours whose forms contradict each other when read in this order.
int brokenJoins(const std::vector<JoiningForm>& forms)
{
    int broken = 0;
    for (std::size_t i = 1; i < forms.size(); ++i) {
        const JoiningForm before = forms[i - 1];
        const JoiningForm after = forms[i];
        if (before == JoiningForm::none || after == JoiningForm::none) {
            continue;
        }
        if (joinsForward(before) != joinsBackward(after)) {
            ++broken;
        }
    }
    return broken;
}

bool isIgnorable(char32_t c)
{
    const bool harakat = (c >= 0x064B && c <= 0x065F) || c == 0x0670;
    const bool quranicMarks = (c >= 0x0610 && c <= 0x061A) || (c >= 0x06D6 && c <= 0x06DC)
        || (c >= 0x06DF && c <= 0x06E4) || c == 0x06E7 || c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED);
    const bool tatweel = c == 0x0640;
    const bool bidiControls = c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
    const bool zeroWidth = (c >= 0x200B && c <= 0x200D) || c == 0xFEFF;
    return harakat || quranicMarks || tatweel || bidiControls || zeroWidth;
}

// The letter that an Arabic letter variant is folded to, or `c` itself.
char32_t foldArabicVariant(char32_t c)
{
    switch (c) {
    case U'أ':
    case U'إ':
    case U'آ':
    case U'ٱ':
    case 0x0672: // alef with wavy hamza above
    case 0x0673: // alef with wavy hamza below
        return U'ا';
    case U'ى':
    case 0x06CC: // Farsi yeh, typed on Persian keyboards
        return U'ي';
    case U'ة':
        return U'ه';
    case 0x06A9: // keheh, the Persian kaf
        return U'ك';
    default:
        return c;
    }
}

char32_t foldLetter(char32_t c)
{
    return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(foldArabicVariant(c)), U_FOLD_CASE_DEFAULT));
}

// The key of a token made only of basic Arabic letters (U+0621-U+063A,
// U+0641-U+064A) and ASCII letters and digits, or nothing for any other
// token. Every step of normalize() but letter folding leaves such a token
// unchanged: it has no presentation forms, NFKC keeps the hamza letters
// composed, and it has no marks or non-ASCII digits. Most words of a record
// take this path, which skips ICU and four passes over the text.
std::optional<std::string> normalizePlain(std::string_view token)
{
    std::string key;
    key.reserve(token.size());
    for (std::size_t position = 0; position < token.size();) {
        const char32_t c = decodeUtf8(token, position);
        if ((c >= U'ء' && c <= U'غ') || (c >= U'ف' && c <= U'ي')) {
            appendUtf8(key, foldArabicVariant(c));
        } else if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9')) {
            key += static_cast<char>(c);
        } else if (c >= U'A' && c <= U'Z') {
            key += static_cast<char>(c - U'A' + U'a');
        } else {
            return std::nullopt;
        }
    }
    return key;
}

} // namespace

std::string ArabicNormalizer::normalize(std::string_view token)
{
    if (std::optional<std::string> plain = normalizePlain(token)) {
        return std::move(*plain);
    }
    std::string key = repairVisualOrder(token);
    key = composeCompatibility(key);
    key = removeIgnorables(key);
    key = foldLetters(key);
    return foldDigits(key);
}

std::string ArabicNormalizer::repairVisualOrder(std::string_view token)
{
    std::u32string codePoints = decode(token);
    if (std::none_of(codePoints.begin(), codePoints.end(), isArabicPresentationForm)) {
        return std::string(token);
    }

    std::vector<JoiningForm> forms;
    for (const char32_t c : codePoints) {
        if (!isIgnorable(c)) {
            forms.push_back(joiningForm(c));
        }
    }
    const int brokenAsGiven = brokenJoins(forms);
    std::reverse(forms.begin(), forms.end());
    if (brokenJoins(forms) >= brokenAsGiven) {
        return std::string(token);
    }
    std::reverse(codePoints.begin(), codePoints.end());
    return encode(codePoints);
}

std::string ArabicNormalizer::composeCompatibility(std::string_view token)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) {
        throw Error(ErrorCode::internal, "indexer.icu_failed",
            std::string("ICU has no NFKC normaliser: ") + u_errorName(status));
    }

    const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(token.data(), static_cast<int32_t>(token.size())));
    const icu::UnicodeString composed = nfkc->normalize(source, status);
    if (U_FAILURE(status)) {
        throw Error(ErrorCode::internal, "indexer.icu_failed",
            std::string("ICU NFKC normalisation failed: ") + u_errorName(status));
    }
    std::string out;
    composed.toUTF8String(out);
    return out;
}

std::string ArabicNormalizer::removeIgnorables(std::string_view token)
{
    return mapCodePoints(token, [](char32_t c) { return isIgnorable(c) ? char32_t { 0 } : c; });
}

std::string ArabicNormalizer::foldLetters(std::string_view token)
{
    return mapCodePoints(token, foldLetter);
}

std::string ArabicNormalizer::foldDigits(std::string_view token)
{
    return mapCodePoints(token, [](char32_t c) {
        const int32_t value = u_charDigitValue(static_cast<UChar32>(c));
        return value >= 0 && value <= 9 ? static_cast<char32_t>(U'0' + value) : c;
    });
}

} // namespace majlis::indexer
