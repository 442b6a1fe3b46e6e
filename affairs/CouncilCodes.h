#pragma once

#include "affairs/AffairsSnapshot.h"

#include <memory>
#include <string>

namespace majlis::affairs {

// Turns what a user gave as a record's council into the council's code.
// Empty text stays empty: the record belongs to no council. A council's
// code is kept. A council's exact Arabic or English name (spaces at the
// ends ignored) becomes its code, so a legacy archive's manifest can name
// its councils. The councils are those of the store's council records and,
// for a data folder the server has not yet seeded, the shipped reference
// data. Any other text throws invalid_argument (error.unknown_council_code)
// naming it.
std::string resolveCouncilCode(const AffairsSnapshot& snapshot, const std::string& text);

// Resolves a council changed to `text`. Returns `current` (the stored value,
// possibly text from before codes were checked) when `text` equals it, else
// resolveCouncilCode(text).
std::string changedCouncilCode(const AffairsSnapshot& snapshot, const std::string& text, const std::string& current);

// A resolver of councils for command-line runs. Empty text and the shipped
// councils' codes and names are resolved without the store. Other text reads
// the store's council records once, which parses every affairs record and so
// is slow on a large store.
class CouncilResolver {
public:
    explicit CouncilResolver(const records::RecordStore& store);

    std::string resolve(const std::string& text);
    std::string resolveChange(const std::string& text, const std::string& current);
    std::string resolveForRecord(records::RecordType type, const std::string& text);

private:
    const records::RecordStore& store_;
    std::shared_ptr<const AffairsSnapshot> snapshot_;
};

// Resolves the council of a record of `type` like resolveCouncilCode, except
// that a council record keeps its own code as given, because it creates that council.
std::string recordCouncilCode(const AffairsSnapshot& snapshot, records::RecordType type, const std::string& text);

} // namespace majlis::affairs
