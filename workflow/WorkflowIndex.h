#pragma once

#include "core/CalendarDate.h"
#include "records/Lmdb.h"
#include "records/Record.h"

#include <optional>
#include <string>
#include <vector>

namespace majlis::workflow {

// An item that is not in a final state, as the open-items index keeps it.
struct WorkItem {
    std::string id;
    std::string definition;
    std::string state;
    std::string owner;     // secretariat, council or citizen
    std::string council;
    std::string assignee;
    std::optional<CalendarDate> due;
};

// Two named databases in the record store's LMDB environment, written in
// the same transaction as the version they describe:
//
//   workflow_items  record id                 -> JSON of the WorkItem, for open items only
//   tracking_codes  canonical tracking code   -> record id
//
// Inboxes and the overdue scan read the open items only, not every record.
class WorkflowIndex {
public:
    explicit WorkflowIndex(records::LmdbEnvironment& environment);

    // Stores `version` as open, or removes it when `open` is false.
    void update(records::LmdbTransaction& txn, const records::RecordVersion& version, bool open) const;
    // Returns false, writing nothing, when the code is taken already.
    bool addTrackingCode(records::LmdbTransaction& txn, const std::string& code, const std::string& id) const;

    std::vector<WorkItem> openItems() const;
    std::optional<std::string> recordOfTrackingCode(const std::string& canonicalCode) const;

private:
    records::LmdbEnvironment& environment_;
    MDB_dbi items_;
    MDB_dbi trackingCodes_;
};

} // namespace majlis::workflow
