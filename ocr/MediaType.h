#pragma once

#include <filesystem>
#include <string>

namespace majlis::ocr {

// The media types TextExtractor reads.
namespace media_type {
inline constexpr const char* pdf = "application/pdf";
inline constexpr const char* png = "image/png";
inline constexpr const char* jpeg = "image/jpeg";
inline constexpr const char* tiff = "image/tiff";
inline constexpr const char* plainText = "text/plain";
} // namespace media_type

// Identifies a file's media type from its first bytes, never from its name:
// uploads arrive with arbitrary names. Returns an empty string for anything
// TextExtractor cannot read.
std::string sniffMediaType(const std::filesystem::path& file);

} // namespace majlis::ocr
