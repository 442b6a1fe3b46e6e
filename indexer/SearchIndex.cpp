#include "indexer/SearchIndex.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/Error.h"
#include "core/Log.h"
#include "indexer/IndexSchema.h"
#include "indexer/RecordDocument.h"

namespace majlis::indexer {

namespace {

// Turns a Xapian write failure into a project error. A full disk gets
// storage_full with its fix. Xapian 1.4 nests the system error text in the
// description of the error it throws ("Modifications failed (… (No space
// left on device))"), so the whole description is searched.
Error indexWriteError(
    const Xapian::Error& error, const std::filesystem::path& path, const char* messageId, const std::string& what)
{
    const std::string description = error.get_description();
    // Xapian::Error has no virtual functions, so its type is compared by name.
    if (std::strcmp(error.get_type(), "DatabaseCorruptError") == 0)
        return Error(ErrorCode::integrity_failure, "indexer.corrupt",
            what + " failed because the search index " + path.string() + " is damaged (" + description
                + "); a running server rebuilds it from the records, or run 'majlis reindex'",
            {{"path", path.string()}});
    if (description.find(std::strerror(ENOSPC)) != std::string::npos)
        return Error(ErrorCode::storage_full, "error.storage_full",
            what + " failed: no space left on the disk of the search index " + path.string()
                + "; free disk space, and the queued changes are applied then",
            {{"path", path.string()}});
    return Error(ErrorCode::storage_failure, messageId, what + " failed: " + description,
        {{"path", path.string()}});
}

Xapian::WritableDatabase openWritable(const std::filesystem::path& path)
{
    try {
        return Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError& error) {
        throw Error(ErrorCode::unavailable, "indexer.locked",
            "The search index " + path.string() + " is locked by another writer: " + error.get_msg()
                + ". Retry after that writer stops, or send the change through its queue",
            {{"path", path.string()}});
    } catch (const Xapian::DatabaseOpeningError& error) {
        // The folder exists but holds no readable revision: a process killed
        // while creating the index leaves it so. It is damaged like a corrupt
        // table, and the writer rebuilds it the same way.
        throw Error(ErrorCode::integrity_failure, "indexer.corrupt",
            "Opening the search index " + path.string() + " failed because it is damaged (" + error.get_description()
                + "); a running server rebuilds it from the records, or run 'majlis reindex'",
            {{"path", path.string()}});
    } catch (const Xapian::Error& error) {
        throw indexWriteError(error, path, "indexer.open_failed", "Opening the search index " + path.string());
    }
}

// Cancels the Xapian transaction unless it was committed, so a failed batch
// leaves the index as it was.
class TransactionGuard {
public:
    explicit TransactionGuard(Xapian::WritableDatabase& database)
        : database_(database)
    {
        database_.begin_transaction();
    }
    ~TransactionGuard()
    {
        if (!committed_) {
            try {
                database_.cancel_transaction();
            } catch (const Xapian::Error& error) {
                logger("indexer").error("Cancelling an index transaction failed: " + error.get_description());
            }
        }
    }
    TransactionGuard(const TransactionGuard&) = delete;
    TransactionGuard& operator=(const TransactionGuard&) = delete;

    void commit()
    {
        // Xapian ends the transaction even when committing it fails, so a
        // failed commit must not be cancelled again.
        committed_ = true;
        database_.commit_transaction();
    }

private:
    Xapian::WritableDatabase& database_;
    bool committed_ = false;
};

} // namespace

SearchIndex::SearchIndex(const std::filesystem::path& path)
    : path_(path)
    , database_(openWritable(path))
{
    logger("indexer").information("Opened the search index %s for writing (%u documents)", path_.string(),
        static_cast<unsigned>(database_.get_doccount()));
}

int SearchIndex::format() const
{
    std::string stored;
    try {
        stored = database_.get_metadata(schema::kFormatKey);
    } catch (const Xapian::Error& error) {
        throw indexWriteError(error, path_, "indexer.open_failed", "Reading the format of the search index " + path_.string());
    }
    if (stored.empty())
        return database_.get_doccount() == 0 ? schema::kIndexFormat : 0;
    return std::atoi(stored.c_str());
}

void SearchIndex::apply(const std::vector<IndexedRecord>& records, const std::vector<std::string>& removals)
{
    try {
        TransactionGuard transaction(database_);
        for (const IndexedRecord& record : records) {
            replace(record);
        }
        for (const std::string& id : removals) {
            erase(id);
        }
        database_.set_metadata(schema::kFormatKey, std::to_string(schema::kIndexFormat));
        transaction.commit();
    } catch (const Xapian::Error& error) {
        throw indexWriteError(error, path_, "indexer.write_failed",
            "Writing a batch of " + std::to_string(records.size() + removals.size()) + " changes to the search index "
                + path_.string());
    }
}

void SearchIndex::replace(const IndexedRecord& record)
{
    BuiltDocument built = RecordDocument::build(record, analyzer_);
    if (built.hashedWords > 0) {
        logger("indexer").warning("Record %s has %z words over %z bytes, stored as hashed terms", record.id,
            built.hashedWords, schema::kMaxTermBytes);
    }

    database_.replace_document(RecordDocument::idTerm(record.id), built.document);
}

void SearchIndex::erase(const std::string& id)
{
    database_.delete_document(RecordDocument::idTerm(id));
}

} // namespace majlis::indexer
