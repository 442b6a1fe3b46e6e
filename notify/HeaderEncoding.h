#pragma once

#include <string>
#include <string_view>

namespace majlis::notify {

// Encodes a UTF-8 header value for a mail message (RFC 2047): ASCII text is
// returned as is; other text becomes base64 encoded-words of at most 75
// characters, folded onto continuation lines, each holding whole UTF-8
// characters. Poco 1.11's MailMessage::encodeWord splits a character
// between two words, which mail readers show as broken letters.
std::string encodeHeaderText(std::string_view utf8);

} // namespace majlis::notify
