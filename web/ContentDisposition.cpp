#include "web/ContentDisposition.h"

#include "core/Error.h"
#include "core/Utf8.h"

#include <cctype>

namespace majlis::web {

namespace {

std::string lowerAscii(std::string_view text)
{
    std::string lower(text);
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}

void skipSpaces(std::string_view text, std::size_t& position)
{
    while (position < text.size() && (text[position] == ' ' || text[position] == '\t'))
        ++position;
}

// Reads a token or a quoted string (with backslash escapes) at `position`.
std::string readValue(std::string_view text, std::size_t& position)
{
    std::string value;
    if (position < text.size() && text[position] == '"') {
        ++position;
        while (position < text.size() && text[position] != '"') {
            if (text[position] == '\\' && position + 1 < text.size())
                ++position;
            value.push_back(text[position++]);
        }
        if (position < text.size())
            ++position; // closing quote
        return value;
    }
    while (position < text.size() && text[position] != ';')
        value.push_back(text[position++]);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.pop_back();
    return value;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isAttrChar(unsigned char c)
{
    // RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
    return std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

} // namespace

std::string ContentDisposition::fileName() const
{
    if (const auto extended = params.find("filename*"); extended != params.end())
        return extended->second;
    const auto plain = params.find("filename");
    if (plain == params.end())
        return {};
    std::string name;
    const std::string& sent = plain->second;
    for (std::size_t i = 0; i < sent.size(); ++i) {
        const std::string_view escape = std::string_view(sent).substr(i, 3);
        if (escape == "%22") {
            name += '"';
        } else if (escape == "%0D" || escape == "%0d") {
            name += '\r';
        } else if (escape == "%0A" || escape == "%0a") {
            name += '\n';
        } else {
            name += sent[i];
            continue;
        }
        i += 2;
    }
    return name;
}

ContentDisposition parseContentDisposition(std::string_view header)
{
    ContentDisposition result;
    std::size_t position = 0;
    skipSpaces(header, position);
    while (position < header.size() && header[position] != ';')
        result.type.push_back(header[position++]);
    while (!result.type.empty() && result.type.back() == ' ')
        result.type.pop_back();
    result.type = lowerAscii(result.type);

    while (position < header.size()) {
        ++position; // ';'
        skipSpaces(header, position);
        std::string name;
        while (position < header.size() && header[position] != '=' && header[position] != ';')
            name.push_back(header[position++]);
        while (!name.empty() && name.back() == ' ')
            name.pop_back();
        if (position >= header.size() || header[position] == ';') {
            continue; // a parameter without a value is ignored
        }
        ++position; // '='
        skipSpaces(header, position);
        std::string value = readValue(header, position);
        skipSpaces(header, position);
        name = lowerAscii(name);
        if (name.ends_with('*'))
            value = decodeExtendedValue(value);
        if (!name.empty())
            result.params[name] = value;
        while (position < header.size() && header[position] != ';')
            ++position;
    }
    return result;
}

std::string decodeExtendedValue(std::string_view value)
{
    const auto firstQuote = value.find('\'');
    const auto secondQuote = firstQuote == std::string_view::npos ? firstQuote : value.find('\'', firstQuote + 1);
    if (secondQuote == std::string_view::npos)
        throw Error(ErrorCode::invalid_argument, "error.invalid_filename",
            "invalid extended file name (expected UTF-8''percent-encoded text)");
    const std::string charset = lowerAscii(value.substr(0, firstQuote));
    if (charset != "utf-8")
        throw Error(ErrorCode::invalid_argument, "error.invalid_filename",
            "unsupported file name charset '" + charset + "'; send UTF-8");

    std::string decoded;
    for (std::size_t i = secondQuote + 1; i < value.size(); ++i) {
        if (value[i] != '%') {
            decoded.push_back(value[i]);
            continue;
        }
        const int high = i + 2 < value.size() ? hexValue(value[i + 1]) : -1;
        const int low = i + 2 < value.size() ? hexValue(value[i + 2]) : -1;
        if (high < 0 || low < 0)
            throw Error(ErrorCode::invalid_argument, "error.invalid_filename",
                "invalid percent-encoding in the extended file name");
        decoded.push_back(static_cast<char>(high * 16 + low));
        i += 2;
    }
    if (!isValidUtf8(decoded))
        throw Error(ErrorCode::invalid_argument, "error.invalid_filename", "the extended file name is not UTF-8");
    return decoded;
}

std::string percentEncodeUtf8(std::string_view text)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string encoded;
    for (unsigned char c : text) {
        if (c < 0x80 && isAttrChar(c)) {
            encoded.push_back(static_cast<char>(c));
        } else {
            encoded.push_back('%');
            encoded.push_back(digits[c >> 4]);
            encoded.push_back(digits[c & 0x0F]);
        }
    }
    return encoded;
}

std::string attachmentHeader(std::string_view name)
{
    std::string fallback;
    std::size_t position = 0;
    while (position < name.size()) {
        const char32_t codePoint = decodeUtf8(name, position);
        const bool plain = codePoint >= 0x20 && codePoint < 0x7F && codePoint != '"' && codePoint != '\\';
        fallback.push_back(plain ? static_cast<char>(codePoint) : '_');
    }
    return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + percentEncodeUtf8(name);
}

} // namespace majlis::web
