#pragma once

#include "indexer/IndexSearcher.h"
#include "indexer/SearchIndex.h"
#include "tests/support/TempDir.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace majlis::test {

// A fresh index in a temporary folder, with a writer and a searcher.
struct IndexFixture {
    TempDir folder;
    indexer::SearchIndex writer { folder / "index" };
    indexer::IndexSearcher searcher { folder / "index" };

    static indexer::IndexedRecord record(std::string id, std::string body, std::string access = "public",
        std::string council = "riyadh")
    {
        indexer::IndexedRecord record;
        record.id = std::move(id);
        record.version = 1;
        record.title = "";
        record.body = std::move(body);
        record.council = std::move(council);
        record.region = "01";
        record.type = "decision";
        record.access = std::move(access);
        return record;
    }

    indexer::SearchResponse search(const std::string& query,
        indexer::SearchScope scope = indexer::SearchScope::secretariat())
    {
        indexer::SearchRequest request;
        request.query = query;
        request.scope = std::move(scope);
        request.pageSize = indexer::kMaxPageSize;
        return searcher.search(request);
    }

    // The ids found, sorted, for comparison with an expected set.
    std::vector<std::string> ids(const std::string& query,
        indexer::SearchScope scope = indexer::SearchScope::secretariat())
    {
        std::vector<std::string> found;
        for (const auto& hit : search(query, std::move(scope)).results) {
            found.push_back(hit.id);
        }
        std::sort(found.begin(), found.end());
        return found;
    }
};

} // namespace majlis::test
