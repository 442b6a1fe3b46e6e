#include "workflow/StepReason.h"

namespace majlis::workflow {

namespace {

constexpr std::string_view kPrefix = "workflow:";
constexpr char kHexDigits[] = "0123456789ABCDEF";

void appendEscaped(std::string& out, std::string_view text)
{
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F || c == '%' || c == '&' || c == '=') {
            out += '%';
            out += kHexDigits[byte >> 4];
            out += kHexDigits[byte & 0x0F];
        } else {
            out += c;
        }
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

std::optional<std::string> unescaped(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size())
            return std::nullopt;
        const int high = hexValue(text[i + 1]);
        const int low = hexValue(text[i + 2]);
        if (high < 0 || low < 0)
            return std::nullopt;
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

bool isKindName(std::string_view kind)
{
    if (kind.empty())
        return false;
    for (const char c : kind)
        if (!(c >= 'a' && c <= 'z') && c != '_')
            return false;
    return true;
}

} // namespace

std::string StepReason::format() const
{
    std::string text(kPrefix);
    text += kind;
    char separator = '?';
    for (const auto& [name, value] : values) {
        text += separator;
        appendEscaped(text, name);
        text += '=';
        appendEscaped(text, value);
        separator = '&';
    }
    return text;
}

std::string StepReason::value(std::string_view name) const
{
    for (const auto& [key, value] : values)
        if (key == name)
            return value;
    return {};
}

std::optional<StepReason> StepReason::parse(std::string_view text)
{
    if (!text.starts_with(kPrefix))
        return std::nullopt;
    text.remove_prefix(kPrefix.size());
    const auto query = text.find('?');
    StepReason reason;
    reason.kind = std::string(text.substr(0, query));
    if (!isKindName(reason.kind))
        return std::nullopt;
    if (query == std::string_view::npos)
        return reason;

    std::string_view rest = text.substr(query + 1);
    while (!rest.empty()) {
        const auto end = rest.find('&');
        const std::string_view pair = rest.substr(0, end);
        const auto equals = pair.find('=');
        if (equals == std::string_view::npos)
            return std::nullopt;
        auto name = unescaped(pair.substr(0, equals));
        auto value = unescaped(pair.substr(equals + 1));
        if (!name || !value || name->empty())
            return std::nullopt;
        reason.values.emplace_back(std::move(*name), std::move(*value));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
    return reason;
}

} // namespace majlis::workflow
