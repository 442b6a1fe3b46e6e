#include "pipeline/Reindexer.h"

#include "core/Log.h"
#include "indexer/SearchIndex.h"
#include "pipeline/IndexFeeder.h"
#include "pipeline/IndexLocation.h"

namespace majlis::pipeline {

namespace {

constexpr std::size_t kBatchSize = 500;
constexpr int kMaxCatchUpRounds = 5;

std::size_t countRecords(const records::RecordStore& store)
{
    std::size_t count = 0;
    store.forEachRecord([&](const records::RecordVersion&) {
        ++count;
        return true;
    });
    return count;
}

void applyRecords(records::RecordStore& store, indexer::SearchIndex& index, const std::vector<std::string>& ids)
{
    std::vector<indexer::IndexedRecord> documents;
    std::vector<std::string> removals;
    for (const std::string& id : ids) {
        if (const auto version = store.find(id))
            documents.push_back(toIndexedRecord(store, *version));
        else
            removals.push_back(id);
    }
    index.apply(documents, removals);
}

} // namespace

std::size_t rebuildIndex(records::RecordStore& store, const std::filesystem::path& dataDirectory,
    const ReindexProgress& progress)
{
    IndexLocation location(dataDirectory);
    const std::filesystem::path generation = location.nextGeneration();
    std::size_t done = 0;
    {
        indexer::SearchIndex index(generation);
        std::uint64_t mark = store.auditSequence();
        const std::size_t total = countRecords(store);

        std::vector<indexer::IndexedRecord> batch;
        store.forEachRecord([&](const records::RecordVersion& version) {
            batch.push_back(toIndexedRecord(store, version));
            if (batch.size() >= kBatchSize) {
                index.apply(batch);
                done += batch.size();
                batch.clear();
                if (progress)
                    progress(done, total);
            }
            return true;
        });
        index.apply(batch);
        done += batch.size();
        if (progress)
            progress(done, total);

        // Records written while the rebuild ran.
        for (int round = 0; round < kMaxCatchUpRounds; ++round) {
            const std::uint64_t now = store.auditSequence();
            if (now == mark)
                break;
            applyRecords(store, index, store.recordsChangedAfter(mark));
            mark = now;
        }
        location.swapTo(generation);
        // Anything written between the last catch-up and the swap goes
        // through the writer of the new generation.
        store.enqueue(records::kIndexQueue, store.recordsChangedAfter(mark));
    }
    logger("pipeline").information("rebuilt the search index with %z records in %s", done, generation.string());
    return done;
}

} // namespace majlis::pipeline
