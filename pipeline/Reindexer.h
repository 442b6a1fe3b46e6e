#pragma once

#include "records/RecordStore.h"

#include <filesystem>
#include <functional>

namespace majlis::pipeline {

// Progress of a rebuild: records written to the new index of those found.
using ReindexProgress = std::function<void(std::size_t done, std::size_t total)>;

// Rebuilds the search index from the records into a new generation, catches
// up with records written meanwhile, swaps it in atomically and queues the
// few records written after the last catch-up for the running writer.
// Returns the number of records indexed.
std::size_t rebuildIndex(records::RecordStore& store, const std::filesystem::path& dataDirectory,
    const ReindexProgress& progress = {});

} // namespace majlis::pipeline
