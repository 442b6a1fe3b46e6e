#include "web/PageCache.h"

namespace majlis::web {

PageCache::PageCache(std::size_t maxEntries, std::size_t maxBytes)
    : maxEntries_(maxEntries)
    , maxBytes_(maxBytes)
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
    const std::size_t size = key.size() + generation.size() + html->size();
    if (size > maxBytes_)
        return;
    std::lock_guard lock(mutex_);
    if (const auto old = entries_.find(key); old != entries_.end()) {
        bytes_ -= key.size() + old->second.generation.size() + old->second.html->size();
        entries_.erase(old);
    }
    if (entries_.size() >= maxEntries_ || bytes_ + size > maxBytes_) {
        entries_.clear();
        bytes_ = 0;
    }
    entries_.emplace(key, Entry{generation, std::move(html)});
    bytes_ += size;
}

} // namespace majlis::web
