#include "core/Utf8.h"

#include "core/Error.h"

namespace majlis {

char32_t decodeUtf8(std::string_view text, std::size_t& position)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(position);
    if (lead < 0x80) {
        ++position;
        return lead;
    }

    int length = 0;
    char32_t codePoint = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        codePoint = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        codePoint = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        codePoint = lead & 0x07;
        minimum = 0x10000;
    } else {
        ++position;
        return 0xFFFD;
    }

    if (position + length > text.size()) {
        ++position;
        return 0xFFFD;
    }
    for (int i = 1; i < length; ++i) {
        const unsigned char next = byte(position + i);
        if ((next & 0xC0) != 0x80) {
            ++position;
            return 0xFFFD;
        }
        codePoint = (codePoint << 6) | (next & 0x3F);
    }
    const bool surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
    if (codePoint < minimum || codePoint > 0x10FFFF || surrogate) {
        ++position;
        return 0xFFFD;
    }
    position += length;
    return codePoint;
}

bool isValidUtf8(std::string_view text)
{
    std::size_t position = 0;
    while (position < text.size()) {
        const std::size_t start = position;
        const char32_t codePoint = decodeUtf8(text, position);
        // A literal U+FFFD takes three bytes; a decoding failure advances one.
        if (codePoint == 0xFFFD && position - start != 3)
            return false;
    }
    return true;
}

void appendUtf8(std::string& out, char32_t codePoint)
{
    if (codePoint < 0x80) {
        out.push_back(static_cast<char>(codePoint));
    } else if (codePoint < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (codePoint >> 6)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    } else if (codePoint < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (codePoint >> 12)));
        out.push_back(static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (codePoint >> 18)));
        out.push_back(static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
    }
}

std::string foldDigitsToAscii(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t position = 0;
    while (position < text.size()) {
        const std::size_t start = position;
        const char32_t codePoint = decodeUtf8(text, position);
        if (codePoint >= 0x0660 && codePoint <= 0x0669)
            out.push_back(static_cast<char>('0' + (codePoint - 0x0660)));
        else if (codePoint >= 0x06F0 && codePoint <= 0x06F9)
            out.push_back(static_cast<char>('0' + (codePoint - 0x06F0)));
        else
            out.append(text.substr(start, position - start));
    }
    return out;
}

std::string trimWhitespace(std::string_view text)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && isSpace(text[begin]))
        ++begin;
    while (end > begin && isSpace(text[end - 1]))
        --end;
    return std::string(text.substr(begin, end - begin));
}

void requireCleanText(std::string_view what, std::string_view text, bool multiline)
{
    if (!isValidUtf8(text))
        throw Error(ErrorCode::invalid_argument, "error.invalid_utf8",
            std::string(what) + " is not valid UTF-8; send the text encoded as UTF-8",
            {{"field", std::string(what)}});

    for (unsigned char c : text) {
        const bool allowedWhitespace = multiline && (c == '\n' || c == '\t' || c == '\r');
        if ((c < 0x20 || c == 0x7F) && !allowedWhitespace)
            throw Error(ErrorCode::invalid_argument, "error.control_character",
                std::string(what) + " contains a control character; remove it",
                {{"field", std::string(what)}});
    }
}

} // namespace majlis
