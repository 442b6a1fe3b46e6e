#include "web/LatestRecords.h"

#include <algorithm>

namespace majlis::web {

namespace {

// Newest date first; undated records last; then the newer id first.
bool newerThan(const records::RecordVersion& a, const records::RecordVersion& b)
{
    if (a.date != b.date)
        return a.date > b.date;
    return a.id > b.id;
}

} // namespace

LatestRecords latestPublicRecords(const records::RecordStore& store,
    const std::function<bool(const records::RecordVersion&)>& keep, std::size_t limit)
{
    LatestRecords latest;
    store.forEachRecord([&](const records::RecordVersion& version) {
        if (version.access != records::AccessLevel::public_access || !keep(version))
            return true;
        ++latest.total;
        latest.records.push_back(version);
        std::sort(latest.records.begin(), latest.records.end(), newerThan);
        if (latest.records.size() > limit)
            latest.records.pop_back();
        return true;
    });
    return latest;
}

} // namespace majlis::web
