#pragma once

#include "records/AuditLog.h"
#include "records/BlobStore.h"
#include "records/Lmdb.h"
#include "records/Outbox.h"
#include "records/Record.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace majlis::records {

inline constexpr const char* kIndexQueue = "index";
inline constexpr const char* kExtractQueue = "extract";

// A place in a register: the record takes the next number of `sequence`
// (such as one council's decisions of one Hijri year), allocated in the
// same transaction that stores the record, so numbers never repeat.
struct Numbering {
    std::string sequence;       // e.g. "decision/RD01/1446"
    std::string field;          // whole-number field that receives the number
    std::string referenceFormat; // when not empty, the reference with "{number}" replaced
};

// The metadata of a new record; files are stored first with storeFile().
struct NewRecord {
    RecordType type = RecordType::document;
    std::string council;
    std::string title;
    std::string reference;
    std::optional<CalendarDate> date;
    AccessLevel access = AccessLevel::internal;
    std::vector<std::string> tags;
    std::map<std::string, FieldValue> fields;
    std::string body;
    std::vector<FileRef> files;
    std::optional<Numbering> numbering;
    // Fields to set to the id of an earlier record of the same createAll()
    // batch, by its index there, such as a contact record's link to the
    // member stored just before it.
    std::map<std::string, std::size_t> batchLinks;
};

// The changes of one update; absent members keep their previous value.
struct RecordChange {
    std::optional<RecordType> type;
    std::optional<std::string> council;
    std::optional<std::string> title;
    std::optional<std::string> reference;
    std::optional<std::optional<CalendarDate>> date;
    std::optional<AccessLevel> access;
    std::optional<std::vector<std::string>> tags;
    std::map<std::string, FieldValue> setFields;
    std::vector<std::string> removeFields;
    std::optional<std::string> body;
    std::vector<FileRef> addFiles;
    std::vector<std::string> removeFiles; // by name
    std::string reason;
    // When set, the update fails with `conflict` unless the record's current
    // version is this one, so a change decided on a version someone else has
    // since replaced is not applied.
    std::optional<std::uint32_t> expectedVersion;
};

// Extra writes run inside the transaction that stores a version, after the
// version is written, so secondary keys commit or roll back with it. A hook
// that throws aborts the whole transaction. Like LmdbEnvironment::write's
// work, a hook may run again on a retry and must have no outside effect.
using WriteHook = std::function<void(LmdbTransaction&, const RecordVersion&)>;

// Limits on what one record may carry.
struct RecordLimits {
    std::uint64_t maxFileSize = std::uint64_t(512) << 20;
    std::size_t maxTitleBytes = 2000;
    std::size_t maxBodyBytes = std::size_t(16) << 20;
    std::size_t maxFiles = 200;
};

struct StoreOptions {
    LmdbEnvironment::Options lmdb;
    RecordLimits limits;
};

// The result of `majlis verify`.
struct VerifyReport {
    std::uint64_t auditEntries = 0;
    std::uint64_t versions = 0;
    std::uint64_t files = 0;
    std::vector<std::string> problems;
    bool ok() const { return problems.empty(); }
};

// The source of truth: versioned records in LMDB, attachments by SHA-256,
// a hash-chained audit log and the outbox of implied work. Every write
// appends; nothing stored is ever overwritten.
class RecordStore {
public:
    explicit RecordStore(const std::filesystem::path& dataDirectory, const StoreOptions& options = {});

    // Copies a file into the blob store (durable before this returns) and
    // returns its reference with the cleaned `name` and sniffed media type.
    FileRef storeFile(const std::filesystem::path& source, std::string_view name);
    FileRef storeStream(std::istream& in, std::string_view name);

    RecordVersion create(const NewRecord& record, const std::string& author, const std::string& reason = "created",
        const WriteHook& alsoWrite = {});
    // Creates all of `records` in one transaction: all are stored or none.
    // Bulk loaders use it to avoid one disk sync per record.
    std::vector<RecordVersion> createAll(const std::vector<NewRecord>& records, const std::string& author,
        const std::string& reason = "created");
    // The number the next record of `sequence` would take (1 when unused).
    std::uint64_t nextInSequence(const std::string& sequence) const;
    RecordVersion update(const std::string& id, const RecordChange& change, const std::string& author,
        const WriteHook& alsoWrite = {});

    std::optional<RecordVersion> find(const std::string& id) const;
    RecordVersion current(const std::string& id) const;
    RecordVersion version(const std::string& id, std::uint32_t number) const;
    std::vector<RecordVersion> history(const std::string& id) const;

    // Visits the current version of every record in id order while `visit` returns true.
    void forEachRecord(const std::function<bool(const RecordVersion&)>& visit) const;

    std::filesystem::path pathOf(const FileRef& file) const { return blobs_.pathOf(file.sha256); }

    // Stores the text extracted from files (by SHA-256; a failed file's
    // entry holds its error), queues the record's indexing and removes the
    // extraction job, all in one transaction. Text belongs to the content,
    // so a file attached again is never read twice; each entry names the
    // record version it was extracted for.
    void completeExtraction(const OutboxJob& job, const std::map<std::string, nlohmann::json>& texts);
    // Counts a failed attempt on the job and keeps it queued with the error.
    void recordFailedAttempt(const OutboxJob& job, const std::string& error);
    std::optional<nlohmann::json> derivedText(const std::string& sha256) const;

    std::vector<OutboxJob> pendingJobs(const std::string& queue, std::size_t limit) const;
    std::size_t queueLength(const std::string& queue) const;
    void completeJobs(const std::vector<OutboxJob>& jobs);
    // Queues `queue` work for the current version of each record in `ids`.
    void enqueue(const std::string& queue, const std::vector<std::string>& ids);

    // The records any version of which carried the file with this SHA-256.
    std::vector<std::string> recordsWithFile(const std::string& sha256) const;

    // The sequence of the newest audit entry, and the records written after one.
    std::uint64_t auditSequence() const;
    std::vector<std::string> recordsChangedAfter(std::uint64_t sequence) const;

    VerifyReport verify() const;

    // Appends an event that concerns no record version (such as an account
    // change) to the audit chain inside `txn`, a write transaction of
    // environment(), so the event commits with the change it describes.
    // `contentSha256` may hash what the event wrote; verify checks the chain
    // only. `reason` is stored in the entry as given, so it must hold no
    // personal data.
    AuditEntry appendAuditEvent(LmdbTransaction& txn, const std::string& actor, const std::string& action,
        const std::string& subject, const std::string& contentSha256 = {}, const std::string& reason = {}) const;

    // Visits audit entries from `sequence` on while `visit` returns true.
    void forEachAuditEntry(std::uint64_t sequence, const std::function<bool(const AuditEntry&)>& visit) const;
    // Writes a consistent copy (compacted LMDB plus attachments) into `destination`.
    void backup(const std::filesystem::path& destination) const;

    // Grows with every write to the store's environment, by any process.
    std::uint64_t lastTransactionId() const { return env_->lastTransactionId(); }

    LmdbEnvironment& environment() { return *env_; }
    const Outbox& outbox() const { return outbox_; }
    const BlobStore& blobs() const { return blobs_; }
    const std::filesystem::path& dataDirectory() const { return dataDirectory_; }
    const RecordLimits& limits() const { return options_.limits; }

private:
    struct Databases {
        MDB_dbi records, versions, audit, outbox, meta, blobs, texts, fileRecords;
    };

    RecordVersion appendVersion(LmdbTransaction& txn, RecordVersion version, const std::string& action) const;
    RecordVersion newVersion(const NewRecord& record, const std::string& author, const std::string& reason) const;
    void insertNew(LmdbTransaction& txn, RecordVersion& version, const std::optional<Numbering>& numbering) const;
    std::optional<RecordVersion> readCurrent(const LmdbTransaction& txn, const std::string& id) const;
    void validate(const RecordVersion& version) const;
    static std::string versionKey(const std::string& id, std::uint32_t number);

    std::filesystem::path dataDirectory_;
    StoreOptions options_;
    std::unique_ptr<LmdbEnvironment> env_;
    Databases db_{};
    BlobStore blobs_;
    AuditLog audit_;
    Outbox outbox_;
};

// Copies a backup made by RecordStore::backup into an empty data folder and
// returns the verify report of the restored copy.
VerifyReport restoreBackup(const std::filesystem::path& backup, const std::filesystem::path& dataDirectory);

} // namespace majlis::records
