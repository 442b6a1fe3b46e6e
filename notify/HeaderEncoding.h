#pragma once

#include <string>
#include <string_view>

namespace majlis::notify {

// Encodes a UTF-8 header value of a mail message as RFC 2047 requires.
// ASCII text is returned as is. Other text becomes base64 encoded-words of
// at most 75 characters on folded lines, each with whole UTF-8 characters,
// because Poco 1.11's MailMessage::encodeWord can split a character between
// two words, which mail readers show as broken letters.
std::string encodeHeaderText(std::string_view utf8);

} // namespace majlis::notify
