#pragma once

#include "indexer/Analyzer.h"
#include "indexer/IndexedRecord.h"

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

namespace majlis::indexer {

// The writer of the Xapian index at one path, created when missing. Xapian
// lets one writer hold the database lock, so a second SearchIndex on the same
// path (in this or another process) fails with Error(unavailable) until the
// first is destroyed. The lock file is Xapian's and is never removed here.
class SearchIndex {
public:
    explicit SearchIndex(const std::filesystem::path& path);

    // Adds or replaces `records` and removes the records with ids in
    // `removals`, then commits once. Replacing goes through the unique id
    // term, so applying the same record twice leaves one document. On any
    // error nothing of the batch is committed. A damaged index (Xapian's
    // DatabaseCorruptError, here or when opening) throws
    // Error(integrity_failure); the index is derived, so its fix is a rebuild.
    void apply(const std::vector<IndexedRecord>& records, const std::vector<std::string>& removals = {});

    void add(const IndexedRecord& record) { apply({record}); }
    void remove(const std::string& id) { apply({}, {id}); }

    Xapian::doccount documentCount() const { return database_.get_doccount(); }

    // The schema::kIndexFormat the index was written with: 0 for an index
    // from before formats were recorded, the current format when empty.
    int format() const;

private:
    void replace(const IndexedRecord& record);
    void erase(const std::string& id);

    std::filesystem::path path_;
    Xapian::WritableDatabase database_;
    Analyzer analyzer_;
};

} // namespace majlis::indexer
