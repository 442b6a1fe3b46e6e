#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace majlis::indexer {

// The access levels of a record, as stored in IndexedRecord::access.
inline constexpr const char* kAccessPublic = "public";
inline constexpr const char* kAccessInternal = "internal";
inline constexpr const char* kAccessConfidential = "confidential";

// One version of a record, as the index stores it. The records module builds it
// from the stored record and its derived text; the index keeps all of it in
// the document data, so results and snippets need no second lookup.
struct IndexedRecord {
    std::string id;
    std::uint64_t version = 0;
    std::string title;
    std::string body;
    std::string reference; // such as "45/1446"
    std::string council;
    std::string region;
    std::string type;
    std::string access = kAccessPublic; // "public", "internal" or "confidential"
    std::optional<std::int32_t> date;   // Gregorian days since 1970-01-01
    std::vector<std::string> tags;
};

} // namespace majlis::indexer
