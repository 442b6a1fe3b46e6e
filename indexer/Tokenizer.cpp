#include "indexer/Tokenizer.h"

#include "core/Utf8.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <optional>

namespace majlis::indexer {

namespace {

// The role of one code point in word splitting.
enum class CharClass { separator, attached, format, arabic, latin, number, otherLetter };

// The class of a code point of Basic Latin or of the basic Arabic letters
// and harakat, which make up most text, without ICU's property lookups.
// Returns nothing for other code points. TokenizerTest checks these ranges
// against ICU.
std::optional<CharClass> classifyCommon(char32_t c)
{
    if (c < 0x80) {
        if (c >= U'0' && c <= U'9') {
            return CharClass::number;
        }
        if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) {
            return CharClass::latin;
        }
        return CharClass::separator;
    }
    if ((c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A)) {
        return CharClass::arabic;
    }
    if (c >= 0x064B && c <= 0x0652) {
        return CharClass::attached;
    }
    return std::nullopt;
}

CharClass classify(char32_t c)
{
    if (const std::optional<CharClass> common = classifyCommon(c)) {
        return *common;
    }
    if (c == 0xFFFD) {
        return CharClass::separator;
    }
    const auto codePoint = static_cast<UChar32>(c);
    const auto category = u_charType(codePoint);
    if (category == U_FORMAT_CHAR) {
        return CharClass::format;
    }
    if (category == U_NON_SPACING_MARK || category == U_COMBINING_SPACING_MARK || category == U_ENCLOSING_MARK
        || c == 0x0640) {
        return CharClass::attached;
    }
    if (category == U_DECIMAL_DIGIT_NUMBER) {
        return CharClass::number;
    }
    if (!u_isalpha(codePoint)) {
        return CharClass::separator;
    }

    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(codePoint, &status);
    if (script == USCRIPT_ARABIC) {
        return CharClass::arabic;
    }
    if (script == USCRIPT_LATIN) {
        return CharClass::latin;
    }
    return CharClass::otherLetter;
}

TokenKind kindOf(CharClass charClass)
{
    switch (charClass) {
    case CharClass::arabic:
        return TokenKind::arabic;
    case CharClass::latin:
        return TokenKind::latin;
    case CharClass::number:
        return TokenKind::number;
    default:
        return TokenKind::other;
    }
}

bool isWordClass(CharClass charClass)
{
    return charClass == CharClass::arabic || charClass == CharClass::latin || charClass == CharClass::number
        || charClass == CharClass::otherLetter;
}

} // namespace

std::vector<Token> Tokenizer::tokenize(std::string_view text)
{
    std::vector<Token> tokens;
    std::optional<Token> current;
    CharClass currentClass = CharClass::separator;

    const auto finish = [&] {
        if (current) {
            tokens.push_back(*current);
        }
        current.reset();
        currentClass = CharClass::separator;
    };

    std::size_t position = 0;
    while (position < text.size()) {
        const std::size_t start = position;
        const CharClass charClass = classify(decodeUtf8(text, position));

        if (isWordClass(charClass)) {
            if (current && currentClass != charClass) {
                finish();
            }
            if (!current) {
                current = Token { start, position, kindOf(charClass) };
                currentClass = charClass;
            }
            current->end = position;
        } else if (charClass == CharClass::attached) {
            // A mark after a word belongs to it; a mark with no word before it
            // (OCR puts harakat on lines of their own) is dropped.
            if (current) {
                current->end = position;
            }
        } else if (charClass == CharClass::separator) {
            finish();
        }
        // A format character neither ends a word nor extends its byte range,
        // so a bidi control at a word's edge stays outside the marked range.
    }
    finish();
    return tokens;
}

} // namespace majlis::indexer
