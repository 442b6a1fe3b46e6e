#pragma once

#include "indexer/Analyzer.h"
#include "indexer/IndexedRecord.h"

#include <xapian.h>

#include <cstddef>
#include <string>

namespace majlis::indexer {

// A Xapian document built from a record, with the count of words that were
// too long for a term and were stored hashed.
struct BuiltDocument {
    Xapian::Document document;
    std::size_t hashedWords = 0;
};

// Builds the Xapian document of a record and reads records back from
// document data. The terms and values follow IndexSchema.h.
class RecordDocument {
public:
    // Throws Error(invalid_argument) for an empty id or an unknown access level.
    static BuiltDocument build(const IndexedRecord& record, const Analyzer& analyzer);

    // The record stored in the document data by build().
    static IndexedRecord decode(const std::string& data);

    static std::string idTerm(const std::string& id);

    // True for unprefixed word terms, the ones that spelling suggestions are
    // drawn from: neither hashed nor a number.
    static bool isSpellingWord(const std::string& term);
};

} // namespace majlis::indexer
