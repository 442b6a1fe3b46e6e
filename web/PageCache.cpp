#include "web/PageCache.h"

namespace majlis::web {

PageCache::PageCache(std::size_t maxEntries)
    : maxEntries_(maxEntries)
{
}

std::shared_ptr<const std::string> PageCache::find(const std::string& key, const std::string& generation) const
{
    std::lock_guard lock(mutex_);
    const auto entry = entries_.find(key);
    if (entry == entries_.end() || entry->second.generation != generation)
        return nullptr;
    return entry->second.html;
}

void PageCache::store(const std::string& key, const std::string& generation, std::shared_ptr<const std::string> html)
{
    std::lock_guard lock(mutex_);
    if (entries_.size() >= maxEntries_ && !entries_.contains(key))
        entries_.clear();
    entries_[key] = Entry{generation, std::move(html)};
}

} // namespace majlis::web
