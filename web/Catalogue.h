#pragma once

#include "web/Language.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace majlis::web {

// The portal's user-visible strings, one JSON file per language
// (web/i18n/ar.json, en.json). A value is a string with {name}
// placeholders, or, for a count, an object of CLDR plural forms: Arabic
// needs zero, one, two, few, many and other; English one and other.
class Catalogue {
public:
    using Params = std::map<std::string, std::string>;

    // Loads ar.json and en.json from `directory`. Throws invalid_argument
    // naming the file and key when a file is missing or malformed, or a
    // plural entry lacks a form the language's rules select.
    explicit Catalogue(const std::filesystem::path& directory);

    // Returns the text of `key` with its placeholders filled, or the key itself when absent.
    std::string text(const Language& language, const std::string& key, const Params& params = {}) const;

    // The plural form of `key` that ICU's rules pick for `count`, with
    // {count} set to the number formatted for the language.
    std::string plural(const Language& language, const std::string& key, std::int64_t count, Params params = {}) const;

    bool has(const Language& language, const std::string& key) const;

    // Every plain-string entry, for templates to read as {{t.key}}.
    const nlohmann::json& strings(const Language& language) const;

    // Every key, plural entries included.
    std::vector<std::string> keys(const Language& language) const;

private:
    const nlohmann::json& entries(const Language& language) const;

    std::map<std::string, nlohmann::json> entries_; // by language code
    std::map<std::string, nlohmann::json> strings_; // plain strings only
};

// The CLDR plural category ("zero", "one", "two", "few", "many", "other")
// of `count` in the language, from ICU's PluralRules.
std::string pluralCategory(const Language& language, std::int64_t count);

// `count` with the language's grouping, through ICU's NumberFormat.
std::string formatNumber(const Language& language, std::int64_t count);

// Replaces every {name} in `text` by params[name] and leaves unknown names as they are.
std::string fillPlaceholders(std::string text, const Catalogue::Params& params);

} // namespace majlis::web
