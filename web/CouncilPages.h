#pragma once

#include "affairs/Affairs.h"
#include "records/RecordStore.h"
#include "web/PageRenderer.h"

#include <filesystem>

namespace majlis::web {

// Adds the council affairs pages: GET /councils (the councils of each of
// the 13 regions), /councils/{code} (a council's facts, members, meetings,
// minutes, decisions and indicators for ?term=, by default the current
// term), /members/{id}, /meetings/{id}, /decisions/{id} and /overview (the
// indicators by region). Every read goes through the caller's read filter,
// so a record the caller may not read is neither shown nor counted, and a
// page for it answers 404 like an unknown id.
//
// /councils/{name} also keeps the links of the earlier portal working: a
// council's Arabic or English name redirects to its code, and any other
// name lists the public records filed under that council text.
void addCouncilPages(Router& router, const PageRenderer& renderer, affairs::Affairs& affairs,
    records::RecordStore& store, const std::filesystem::path& dataDirectory);

} // namespace majlis::web
