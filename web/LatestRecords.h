#pragma once

#include "records/RecordStore.h"

#include <filesystem>
#include <string>
#include <vector>

namespace majlis::web {

// The newest public records of a listing page, newest date first.
struct LatestRecords {
    std::vector<records::RecordVersion> records; // at most the requested limit
    std::size_t total = 0;                        // every public record the filter lets through
};

// The records a listing page shows: every public record, or those of one
// type or council. Empty members do not filter.
struct ListingFilter {
    std::string type;
    std::string council;
};

// Lists the newest public records through the search index (a search
// without words, citizen scope), so the home and council pages cost the
// same however large the store grows. Each record is read from the store
// and shown only if it is still public, because the index can lag behind a
// record just withdrawn.
LatestRecords latestPublicRecords(const records::RecordStore& store, const std::filesystem::path& dataDirectory,
    const ListingFilter& filter, std::size_t limit);

} // namespace majlis::web
