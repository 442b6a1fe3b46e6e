#include "web/Templates.h"

#include "core/Error.h"

#include <kainjow/mustache.hpp>

#include <fstream>
#include <sstream>

namespace majlis::web {

namespace {

namespace mustache = kainjow::mustache;

// kainjow looks partials up among the data's names, so no data key may
// share a partial's name: a row's "date" would hide a partial named "date".
const std::vector<std::string> kPartials = {"layout_start", "layout_end", "date_display", "item_row", "council_select"};

mustache::data toMustache(const nlohmann::json& json)
{
    switch (json.type()) {
    case nlohmann::json::value_t::object: {
        mustache::data object = mustache::data::type::object;
        for (const auto& [key, value] : json.items())
            object.set(key, toMustache(value));
        return object;
    }
    case nlohmann::json::value_t::array: {
        mustache::data list = mustache::data::type::list;
        for (const auto& item : json)
            list.push_back(toMustache(item));
        return list;
    }
    case nlohmann::json::value_t::string:
        return mustache::data(json.get<std::string>());
    case nlohmann::json::value_t::boolean:
        return mustache::data(json.get<bool>());
    case nlohmann::json::value_t::null:
        return mustache::data(false);
    default:
        return mustache::data(json.dump());
    }
}

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path);
    if (!in)
        throw Error(ErrorCode::invalid_argument, "error.invalid_template", "template " + path.string() + " is missing");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool startsWithEntity(std::string_view text)
{
    for (std::string_view entity : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"})
        if (text.starts_with(entity))
            return true;
    if (!text.starts_with("&#"))
        return false;
    std::size_t digits = 2;
    while (digits < text.size() && digits < 9 && text[digits] >= '0' && text[digits] <= '9')
        ++digits;
    return digits > 2 && digits < text.size() && text[digits] == ';';
}

} // namespace

Templates::Templates(const std::filesystem::path& directory, const std::vector<std::string>& names)
{
    std::vector<std::string> all = names;
    all.insert(all.end(), kPartials.begin(), kPartials.end());
    for (const std::string& name : all) {
        const std::filesystem::path path = directory / (name + ".mustache");
        std::string source = readFile(path);
        const mustache::mustache parsed(source);
        if (!parsed.is_valid())
            throw Error(ErrorCode::invalid_argument, "error.invalid_template",
                "template " + path.string() + " does not parse: " + parsed.error_message());
        sources_[name] = std::move(source);
    }
}

std::string Templates::render(const std::string& name, const nlohmann::json& data) const
{
    const auto found = sources_.find(name);
    if (found == sources_.end())
        throw Error(ErrorCode::internal, "error.internal", "no template named '" + name + "' was loaded");

    mustache::data context = toMustache(data);
    for (const std::string& partial : kPartials) {
        const std::string& source = sources_.at(partial);
        context.set(partial, mustache::partial([&source] { return source; }));
    }
    mustache::mustache view(found->second);
    return view.render(context);
}

bool isMarkedSnippet(std::string_view html)
{
    for (std::size_t i = 0; i < html.size();) {
        const std::string_view rest = html.substr(i);
        if (rest.starts_with("<mark>")) {
            i += 6;
        } else if (rest.starts_with("</mark>")) {
            i += 7;
        } else if (html[i] == '<' || html[i] == '>') {
            return false;
        } else if (html[i] == '&') {
            if (!startsWithEntity(rest))
                return false;
            ++i;
        } else {
            ++i;
        }
    }
    return true;
}

} // namespace majlis::web
