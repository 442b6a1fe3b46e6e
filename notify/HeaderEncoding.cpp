#include "notify/HeaderEncoding.h"

#include <Poco/Base64Encoder.h>

#include <algorithm>
#include <sstream>

namespace majlis::notify {

namespace {

// "=?UTF-8?B?" and "?=" take 12 of an encoded-word's 75 characters; 45
// bytes make 60 base64 characters.
constexpr std::size_t kMaxBytesPerWord = 45;

std::string base64(std::string_view bytes)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    encoder.close();
    return out.str();
}

bool isContinuationByte(char byte)
{
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

} // namespace

std::string encodeHeaderText(std::string_view utf8)
{
    const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii)
        return std::string(utf8);

    std::string encoded;
    std::size_t start = 0;
    while (start < utf8.size()) {
        std::size_t end = std::min(start + kMaxBytesPerWord, utf8.size());
        // Back off to the first byte of a character, so no character is split.
        while (end < utf8.size() && end > start + 1 && isContinuationByte(utf8[end]))
            --end;
        if (!encoded.empty())
            encoded += "\r\n ";
        encoded += "=?UTF-8?B?" + base64(utf8.substr(start, end - start)) + "?=";
        start = end;
    }
    return encoded;
}

} // namespace majlis::notify
