#pragma once

#include "records/Lmdb.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace majlis::records {

// A unit of work implied by a stored version, such as extracting text or
// indexing. Jobs are written in the same LMDB transaction as the version, so
// a committed version always has its work queued.
struct OutboxJob {
    std::string queue;  // "extract", "index", "notify"
    std::uint64_t sequence = 0;
    std::string record;
    std::uint32_t version = 0;
    std::uint32_t attempts = 0;
    std::string enqueued;  // UTC time
    std::string lastError;
    nlohmann::json payload = nlohmann::json::object();
};

// The durable work queues. A consumer peeks jobs, does the work, and removes
// each job with complete() in the same transaction that stores the work's
// result; work outside LMDB (the Xapian index) must be idempotent, because
// a crash between doing it and completing the job repeats it.
class Outbox {
public:
    Outbox(MDB_dbi jobs, MDB_dbi meta)
        : jobs_(jobs)
        , meta_(meta)
    {
    }

    OutboxJob enqueue(LmdbTransaction& txn, const std::string& queue, const std::string& record,
        std::uint32_t version, nlohmann::json payload = nlohmann::json::object()) const;

    // The oldest `limit` jobs of `queue`.
    std::vector<OutboxJob> peek(const LmdbTransaction& txn, const std::string& queue, std::size_t limit) const;

    void complete(LmdbTransaction& txn, const OutboxJob& job) const;

    // Stores a failed attempt: the job stays queued with its error and count.
    void recordAttempt(LmdbTransaction& txn, const OutboxJob& job, const std::string& error) const;

    std::size_t size(const LmdbTransaction& txn, const std::string& queue) const;

private:
    static std::string keyOf(const std::string& queue, std::uint64_t sequence);

    MDB_dbi jobs_;
    MDB_dbi meta_;
};

} // namespace majlis::records
