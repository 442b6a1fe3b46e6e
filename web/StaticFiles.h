#pragma once

#include "web/Router.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace majlis::web {

// The portal's style sheet, script and fonts (web/static/), read once at
// start and served from memory under /static/. Each file's URL carries a
// version parameter from its content hash, so a page can let browsers keep
// it for a year and still get a changed file after an upgrade.
class StaticFiles {
public:
    // Loads `names`, paths relative to `directory` such as "fonts/OFL.txt".
    // Throws invalid_argument for a missing file or an unknown extension.
    StaticFiles(const std::filesystem::path& directory, const std::vector<std::string>& names);

    // "/static/portal.css?v=1a2b3c4d5e6f"; the bare path for an unknown name.
    std::string url(const std::string& name) const;

    // Adds GET /static/{name} and GET /static/fonts/{name}.
    void addRoutes(Router& router) const;

private:
    struct File {
        std::string content;
        std::string mediaType;
        std::string version; // the first 12 hex digits of the content's SHA-256
    };

    void serve(Exchange& exchange, const std::string& name) const;

    std::map<std::string, File> files_;
};

} // namespace majlis::web
