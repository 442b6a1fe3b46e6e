#include "indexer/SearchIndex.h"

#include <cstdlib>

#include "core/Error.h"
#include "core/Log.h"
#include "indexer/IndexSchema.h"
#include "indexer/RecordDocument.h"

namespace majlis::indexer {

namespace {

Xapian::WritableDatabase openWritable(const std::filesystem::path& path)
{
    try {
        return Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError& error) {
        throw Error(ErrorCode::unavailable, "indexer.locked",
            "The search index " + path.string() + " is locked by another writer: " + error.get_msg()
                + ". Retry after that writer stops, or send the change through its queue",
            {{"path", path.string()}});
    } catch (const Xapian::Error& error) {
        throw Error(ErrorCode::storage_failure, "indexer.open_failed",
            "Opening the search index " + path.string() + " failed: " + error.get_description(),
            {{"path", path.string()}});
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
        database_.commit_transaction();
        committed_ = true;
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
    const std::string stored = database_.get_metadata(schema::kFormatKey);
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
        throw Error(ErrorCode::storage_failure, "indexer.write_failed",
            "Writing a batch of " + std::to_string(records.size() + removals.size()) + " changes to the search index "
                + path_.string() + " failed: " + error.get_description(),
            {{"path", path_.string()}});
    }
}

void SearchIndex::replace(const IndexedRecord& record)
{
    BuiltDocument built = RecordDocument::build(record, analyzer_);
    if (built.hashedWords > 0) {
        logger("indexer").warning("Record %s has %z words over %z bytes, stored as hashed terms", record.id,
            built.hashedWords, schema::kMaxTermBytes);
    }

    const std::string idTerm = RecordDocument::idTerm(record.id);
    forgetSpelling(idTerm);
    // Suggestions are shown to everyone, so only public records teach the
    // spelling dictionary: a word found only in a confidential record must
    // never come back as "did you mean".
    if (record.access == kAccessPublic) {
        for (auto term = built.document.termlist_begin(); term != built.document.termlist_end(); ++term) {
            if (RecordDocument::isSpellingWord(*term)) {
                database_.add_spelling(*term);
            }
        }
    }
    database_.replace_document(idTerm, built.document);
}

void SearchIndex::erase(const std::string& id)
{
    const std::string idTerm = RecordDocument::idTerm(id);
    forgetSpelling(idTerm);
    database_.delete_document(idTerm);
}

// Removes the words of the indexed version from the spelling dictionary, so
// reindexing keeps the word frequencies that suggestions rank by.
void SearchIndex::forgetSpelling(const std::string& idTerm)
{
    const auto posting = database_.postlist_begin(idTerm);
    if (posting == database_.postlist_end(idTerm)) {
        return;
    }
    const Xapian::Document old = database_.get_document(*posting);
    if (RecordDocument::decode(old.get_data()).access != kAccessPublic) {
        return; // its words were never added
    }
    for (auto term = old.termlist_begin(); term != old.termlist_end(); ++term) {
        if (RecordDocument::isSpellingWord(*term)) {
            database_.remove_spelling(*term);
        }
    }
}

} // namespace majlis::indexer
