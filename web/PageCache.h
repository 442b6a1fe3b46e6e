#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace majlis::web {

// Rendered pages and API responses that are the same for every anonymous
// visitor. Each is kept with the
// generation of the data it shows, a string that the caller builds from the
// store's and the index's revisions before it reads that data. A lookup
// with any other generation misses, so a page is never served after a
// write has changed what it would show. A race costs at most one extra
// rendering, because a page that saw a newer write is stored under the
// older generation and the next lookup misses it.
class PageCache {
public:
    explicit PageCache(std::size_t maxEntries = 16, std::size_t maxBytes = 4 << 20);

    // The page stored under `key` at `generation`, or null.
    std::shared_ptr<const std::string> find(const std::string& key, const std::string& generation) const;

    // Stores a page. When a new key would pass maxEntries, or the pages
    // would pass maxBytes, the cache is emptied first, so the memory it takes
    // stays bounded whatever keys callers pass. A page larger than maxBytes
    // is not stored.
    void store(const std::string& key, const std::string& generation, std::shared_ptr<const std::string> html);

private:
    struct Entry {
        std::string generation;
        std::shared_ptr<const std::string> html;
    };

    std::size_t maxEntries_;
    std::size_t maxBytes_;
    mutable std::mutex mutex_;
    std::size_t bytes_ = 0; // keys and pages stored
    std::unordered_map<std::string, Entry> entries_;
};

} // namespace majlis::web
