#include "indexer/IndexSchema.h"

#include "core/Sha256.h"

namespace majlis::indexer::schema {

namespace {

// 128 bits of SHA-256 make an accidental collision between two words
// practically impossible while keeping the term at 34 bytes plus prefix.
constexpr std::size_t kHashHexDigits = 32;
constexpr std::string_view kHashMarker = "#";

} // namespace

std::string boundedTerm(std::string_view prefix, std::string_view text)
{
    if (prefix.size() + text.size() <= kMaxTermBytes) {
        return std::string(prefix) + std::string(text);
    }
    const std::string digest = Sha256::hex(text).substr(0, kHashHexDigits);
    return std::string(prefix) + std::string(kHashMarker) + digest;
}

bool isHashedTerm(std::string_view term)
{
    const auto marker = term.find(kHashMarker);
    return marker != std::string_view::npos && term.size() - marker - 1 == kHashHexDigits;
}

} // namespace majlis::indexer::schema
