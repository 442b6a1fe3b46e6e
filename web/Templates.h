#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace majlis::web {

// The portal's Mustache templates (web/templates/*.mustache), rendered by
// kainjow mustache, which HTML-escapes every {{value}}. Only {{{snippet}}}
// in search results is unescaped, after isMarkedSnippet() accepted it.
class Templates {
public:
    // Loads and parses every template in `names` plus the partials
    // `layout_start` and `layout_end`. Throws invalid_argument naming the
    // file and the parse error.
    Templates(const std::filesystem::path& directory, const std::vector<std::string>& names);

    // Renders template `name` with `data`; JSON strings, numbers, booleans,
    // arrays and objects become Mustache values, null becomes false.
    std::string render(const std::string& name, const nlohmann::json& data) const;

private:
    std::map<std::string, std::string> sources_;
};

// True when `html` is escaped text with no markup but <mark> and </mark>,
// as the search index builds its snippets: no other '<' or '>', and '&'
// only as &amp; &lt; &gt; &quot; &#39; or &#NNN;. Quotes may appear raw,
// because the snippet is element content, never an attribute value.
bool isMarkedSnippet(std::string_view html);

} // namespace majlis::web
