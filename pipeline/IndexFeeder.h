#pragma once

#include "core/Error.h"
#include "indexer/IndexedRecord.h"
#include "indexer/SearchIndex.h"
#include "pipeline/IndexLocation.h"
#include "records/RecordStore.h"

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace majlis::pipeline {

// Builds what the index stores of a record: its current metadata with the
// text of its own body and of every file whose text has been extracted.
indexer::IndexedRecord toIndexedRecord(const records::RecordStore& store, const records::RecordVersion& version);

// The one writer of the search index: applies the record store's "index"
// jobs in batches and removes them after each Xapian commit. Applying a job
// twice is harmless (each record has one document, replaced by id), so a
// crash between the commit and the removal of the job only repeats work
// that no reader can tell apart.
//
// A damaged index (Error(integrity_failure) from SearchIndex) is rebuilt from
// the records into a new generation when `rebuildDamagedIndex` is set, as it
// is for the server's writer; otherwise drain() throws the error and leaves
// the rebuild to that writer or to 'majlis reindex'.
class IndexFeeder {
public:
    IndexFeeder(records::RecordStore& store, const std::filesystem::path& dataDirectory,
        bool rebuildDamagedIndex = false);
    ~IndexFeeder();

    // Applies every pending job. Throws Error(unavailable) when another
    // process has the index writer's lock.
    std::size_t drain();

    // Runs drain() in a background thread: at once after notify(), and every
    // `pollMilliseconds` for work queued by other processes.
    void start(int pollMilliseconds = 250);
    void stop();
    void notify();

private:
    std::size_t applyBatch();
    void ensureWriter();
    void rebuildDamaged(const Error& damage);
    void run(int pollMilliseconds);

    records::RecordStore& store_;
    std::filesystem::path dataDirectory_;
    IndexLocation location_;
    std::unique_ptr<indexer::SearchIndex> writer_;
    std::filesystem::path writerPath_;
    bool rebuildDamagedIndex_;
    // The damaged generation last logged, so a rebuild that keeps failing
    // logs its error once.
    std::filesystem::path reportedDamage_;

    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool notified_ = false;
};

// Applies pending index jobs when no other process has the writer's lock; returns
// false (without waiting) when one does, such as a running server.
bool drainIndexIfIdle(records::RecordStore& store, const std::filesystem::path& dataDirectory);

} // namespace majlis::pipeline
