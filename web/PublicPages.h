#pragma once

#include "records/RecordStore.h"
#include "web/PageRenderer.h"

#include <filesystem>

namespace majlis::web {

// Adds the public pages, readable without signing in: GET / (search box and
// latest decisions), /search, /records/{id}, /records/{id}/versions/{version}/files/{index}/view
// and /councils/{name}. They search with SearchScope::citizen() and show a
// record only when its current version is public, so nothing else is listed,
// counted or hinted at.
void addPublicPages(Router& router, const PageRenderer& renderer, records::RecordStore& store,
    const std::filesystem::path& dataDirectory);

} // namespace majlis::web
