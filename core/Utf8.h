#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace majlis {

bool isValidUtf8(std::string_view text);

// Decodes the code point at `position` and advances it; returns U+FFFD and
// advances one byte on an invalid sequence.
char32_t decodeUtf8(std::string_view text, std::size_t& position);
void appendUtf8(std::string& out, char32_t codePoint);

// Replaces Arabic-Indic (U+0660..) and Persian (U+06F0..) digits by ASCII ones.
std::string foldDigitsToAscii(std::string_view text);

std::string trimWhitespace(std::string_view text);

// Throws invalid_argument naming `what` when `text` is not valid UTF-8 or
// contains control characters (tab and newline are allowed when multiline).
void requireCleanText(std::string_view what, std::string_view text, bool multiline = false);

} // namespace majlis
