#pragma once

#include "affairs/AffairsRecords.h"
#include "records/RecordStore.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <variant>

namespace majlis::affairs {

// Whether the caller may read a record. The web layer passes its access
// check; the version given carries the metadata (id, type, council, access,
// date, title) but not the fields or body.
using ReadFilter = std::function<bool(const records::RecordVersion&)>;

// The affairs records of the whole store, parsed and grouped by council, as
// of one audit sequence. Decision texts are left out: lists and indicators
// need none, and the detail reads go to the store.
struct AffairsSnapshot {
    using Item = std::variant<Council, Term, Member, Meeting, Decision, Submission, Minutes, MemberFile>;

    struct Entry {
        records::RecordVersion header; // without fields and body
        Item item;
    };

    std::uint64_t auditSequence = 0;
    std::map<std::string, Entry> entries;                       // by record id
    std::map<std::string, std::string> councilIds;               // council code to record id
    std::map<std::string, std::string> termIds;                  // term code to record id
    std::map<std::string, std::set<std::string>> byCouncil;      // council code to record ids
    // Member id to the id of its contact record. The contact details
    // themselves never enter the snapshot, so no list can carry them.
    std::map<std::string, std::string> contactIds;

    // The items of one type readable through `canRead`, in record id order.
    template <typename T>
    std::vector<T> all(const ReadFilter& canRead) const;
    template <typename T>
    std::vector<T> ofCouncil(const std::string& council, const ReadFilter& canRead) const;
    // Calls `visit` with each readable item of type T of `council`, without copying it.
    template <typename T, typename Visit>
    void forEachOfCouncil(const std::string& council, const ReadFilter& canRead, Visit visit) const;

    const Council* findCouncil(const std::string& code) const;
    const Term* findTerm(const std::string& code) const;

    // Adds or replaces the entry of `version`, or removes it when the record
    // is not an affairs record (any more).
    void apply(const records::RecordVersion& version);
};

// Keeps an AffairsSnapshot current with the store. A read after writes
// parses only the records the audit log names as changed since the last
// read, so a national data set is read once.
class SnapshotCache {
public:
    explicit SnapshotCache(const records::RecordStore& store);

    std::shared_ptr<const AffairsSnapshot> current() const;

private:
    const records::RecordStore& store_;
    mutable std::mutex mutex_;
    mutable std::shared_ptr<const AffairsSnapshot> snapshot_;
};

template <typename T>
std::vector<T> AffairsSnapshot::all(const ReadFilter& canRead) const
{
    std::vector<T> items;
    for (const auto& [id, entry] : entries)
        if (const T* item = std::get_if<T>(&entry.item); item && canRead(entry.header))
            items.push_back(*item);
    return items;
}

template <typename T, typename Visit>
void AffairsSnapshot::forEachOfCouncil(const std::string& council, const ReadFilter& canRead, Visit visit) const
{
    const auto ids = byCouncil.find(council);
    if (ids == byCouncil.end())
        return;
    for (const std::string& id : ids->second) {
        const Entry& entry = entries.at(id);
        if (const T* item = std::get_if<T>(&entry.item); item && canRead(entry.header))
            visit(*item);
    }
}

template <typename T>
std::vector<T> AffairsSnapshot::ofCouncil(const std::string& council, const ReadFilter& canRead) const
{
    std::vector<T> items;
    forEachOfCouncil<T>(council, canRead, [&](const T& item) { items.push_back(item); });
    return items;
}

} // namespace majlis::affairs
