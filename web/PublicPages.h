#pragma once

#include "affairs/Affairs.h"
#include "records/RecordStore.h"
#include "web/PageRenderer.h"

#include <filesystem>

namespace majlis::web {

// Adds the public pages, readable without signing in: GET / (search box and
// latest decisions), /search, /records/{id} and
// /records/{id}/versions/{version}/files/{index}/view. They search with
// SearchScope::citizen() and show a record only when its current version is
// public, so nothing else is listed, counted or hinted at. A council code
// on a record is shown as the council's name.
void addPublicPages(Router& router, const PageRenderer& renderer, records::RecordStore& store,
    const affairs::Affairs& affairs, const std::filesystem::path& dataDirectory);

// Sends the latest public records filed under the council text of the path
// parameter "name", or not_found when there is none. The council pages use
// it for a name that is no council code, as links of the earlier portal have.
void showCouncilRecords(PageRequest& page, const PageRenderer& renderer, const records::RecordStore& store,
    const affairs::Affairs& affairs, const std::filesystem::path& dataDirectory);

} // namespace majlis::web
