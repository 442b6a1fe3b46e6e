#pragma once

#include "records/Lmdb.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace majlis::records {

// One entry of the append-only audit log. `previous` is the hash of the entry
// before it and `hash` the SHA-256 of this entry's canonical JSON without
// `hash`, so changing, removing or reordering any entry breaks the chain.
struct AuditEntry {
    std::uint64_t sequence = 0;
    std::string time;
    std::string actor;
    std::string action;        // e.g. record.create, record.update
    std::string record;        // the record id, when the action concerns one
    std::uint32_t version = 0; // the version written, when there is one
    std::string contentSha256; // SHA-256 of the stored version bytes
    // The subject of a non-record event, such as "account:alice", and empty
    // for record events. Left out of the canonical JSON when empty, so entries
    // written before it existed keep their hashes.
    std::string subject;
    // The reason the actor gave for a non-record event (such as the
    // reason for erasing a citizen's personal details). Left out of the
    // canonical JSON when empty, like `subject`.
    std::string reason;
    std::string previous;
    std::string hash;
};

class AuditLog {
public:
    static constexpr const char* kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    AuditLog(MDB_dbi entries, MDB_dbi meta)
        : entries_(entries)
        , meta_(meta)
    {
    }

    // Fills in sequence, previous and hash, stores the entry and returns it.
    AuditEntry append(LmdbTransaction& txn, AuditEntry entry) const;

    // Visits entries in order while `visit` returns true.
    void forEach(const LmdbTransaction& txn, const std::function<bool(const AuditEntry&)>& visit) const;

    // Visits entries from `sequence` on, in order, while `visit` returns true.
    void forEachFrom(const LmdbTransaction& txn, std::uint64_t sequence,
        const std::function<bool(const AuditEntry&)>& visit) const;

    // The hash of the newest entry as recorded when it was appended.
    std::string headHash(const LmdbTransaction& txn) const;

    static nlohmann::json toJson(const AuditEntry& entry);
    static AuditEntry fromJson(const nlohmann::json& json);
    static std::string computeHash(const AuditEntry& entry);

private:
    MDB_dbi entries_;
    MDB_dbi meta_;
};

} // namespace majlis::records
