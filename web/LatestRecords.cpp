#include "web/LatestRecords.h"

#include "core/Error.h"
#include "web/SearchApi.h"

#include <algorithm>

namespace majlis::web {


LatestRecords latestPublicRecords(const records::RecordStore& store, const std::filesystem::path& dataDirectory,
    const ListingFilter& filter, std::size_t limit)
{
    indexer::SearchRequest request;
    request.scope = indexer::SearchScope::citizen();
    request.sort = indexer::SortOrder::dateDescending;
    request.facets = false; // listings show no facet counts
    request.pageSize = static_cast<int>(std::min<std::size_t>(limit, indexer::kMaxPageSize));
    if (!filter.type.empty())
        request.types.push_back(filter.type);
    if (!filter.council.empty())
        request.councils.push_back(filter.council);

    LatestRecords latest;
    indexer::SearchResponse response;
    try {
        response = runSearch(dataDirectory, request, &store);
    } catch (const Error& error) {
        // A new installation has no index until the first record is fed to it.
        if (error.code() != ErrorCode::unavailable)
            throw;
        return latest;
    }
    latest.total = response.total;
    for (const auto& hit : response.results)
        if (const auto version = store.find(hit.id); version && version->access == records::AccessLevel::public_access)
            latest.records.push_back(*version);
    return latest;
}

} // namespace majlis::web
