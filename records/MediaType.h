#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace majlis::records {

// The media type of a file from its first bytes, never from its name:
// application/pdf, image/png, image/jpeg, image/tiff, text/plain (valid
// UTF-8), or application/octet-stream.
std::string sniffMediaType(const std::filesystem::path& path);
std::string sniffMediaType(std::string_view head, bool wholeFile);

// The attachment name to keep: `given` without any folder part (after the
// last '/' or '\'), otherwise exactly as given. Throws invalid_argument for
// names that are empty, not UTF-8, contain control characters or exceed 255 bytes.
std::string cleanFileName(std::string_view given);

} // namespace majlis::records
