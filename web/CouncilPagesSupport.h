#pragma once

// Helpers shared by the council affairs page files; not part of the web library's API.

#include "affairs/Affairs.h"
#include "records/RecordStore.h"
#include "web/PageRenderer.h"

#include <filesystem>
#include <memory>

namespace majlis::web::council {

// The dependencies of the council affairs pages.
struct Context {
    const PageRenderer& renderer;
    affairs::Affairs& affairs;
    records::RecordStore& store;
    std::filesystem::path dataDirectory;
};

// The read filter of the page's caller (web/Access canRead).
affairs::ReadFilter readFilterOf(const PageRequest& page);

// Adds /members/{id}, /meetings/{id} and /decisions/{id}.
void addRecordPages(Router& router, std::shared_ptr<const Context> context);

} // namespace majlis::web::council
