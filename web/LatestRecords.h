#pragma once

#include "records/RecordStore.h"

#include <functional>
#include <vector>

namespace majlis::web {

// The newest public records that `keep` accepts, newest date first.
struct LatestRecords {
    std::vector<records::RecordVersion> records; // at most the requested limit
    std::size_t total = 0;                        // every public record `keep` accepted
};

// Scans the current version of every record for the public ones `keep`
// accepts. The home and council pages use it because the search index
// returns nothing for a search without words.
// NOTE: the scan reads every record, so these pages slow down as the store
// grows. They should move to the index once it can list by filter alone.
LatestRecords latestPublicRecords(const records::RecordStore& store,
    const std::function<bool(const records::RecordVersion&)>& keep, std::size_t limit);

} // namespace majlis::web
