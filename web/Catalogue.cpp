#include "web/Catalogue.h"

#include "core/Error.h"

#include <unicode/locid.h>
#include <unicode/numfmt.h>
#include <unicode/plurrule.h>
#include <unicode/unistr.h>

#include <fstream>
#include <map>
#include <memory>

namespace majlis::web {

namespace {

Error invalidCatalogue(const std::filesystem::path& path, const std::string& problem)
{
    return Error(ErrorCode::invalid_argument, "error.invalid_catalogue",
        "invalid message catalogue " + path.string() + ": " + problem, {{"path", path.string()}});
}

// The plural categories ICU's rules can select for the language.
std::vector<std::string> requiredForms(const Language& language)
{
    UErrorCode status = U_ZERO_ERROR;
    const std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(icu::Locale(language.icuLocale.c_str()), status));
    std::vector<std::string> forms;
    if (U_FAILURE(status))
        return forms;
    const std::unique_ptr<icu::StringEnumeration> keywords(rules->getKeywords(status));
    while (const char* keyword = keywords->next(nullptr, status))
        forms.emplace_back(keyword);
    return forms;
}

nlohmann::json loadFile(const std::filesystem::path& path, const Language& language)
{
    std::ifstream in(path);
    if (!in)
        throw invalidCatalogue(path, "the file is missing or unreadable");
    nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        throw invalidCatalogue(path, "the file is not a JSON object");

    const std::vector<std::string> forms = requiredForms(language);
    for (const auto& [key, value] : json.items()) {
        if (value.is_string())
            continue;
        if (!value.is_object())
            throw invalidCatalogue(path, "the value of '" + key + "' is neither a string nor plural forms");
        for (const std::string& form : forms)
            if (!value.contains(form) || !value.at(form).is_string())
                throw invalidCatalogue(path, "the plural entry '" + key + "' lacks the form '" + form + "'");
    }
    return json;
}

} // namespace

std::string fillPlaceholders(std::string text, const Catalogue::Params& params)
{
    // A value other than a plain number becomes a bidi isolate (U+2068
    // FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE), so a date
    // such as 1446-13-01 or a Latin name keeps its own order inside
    // right-to-left text.
    for (const auto& [name, value] : params) {
        const std::string placeholder = "{" + name + "}";
        const bool plainNumber = !value.empty() && value.find_first_not_of("0123456789,. ") == std::string::npos;
        const std::string isolated = plainNumber ? value : "\u2068" + value + "\u2069";
        for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + isolated.size()))
            text.replace(at, placeholder.size(), isolated);
    }
    return text;
}

namespace {

// The ICU object of type T for a locale, made once per thread by `create`
// (nullptr on failure). Creating one costs far more than using it, which
// pages with a hundred numbers felt, and ICU formatters must not be used
// by two threads at once.
template <typename T, typename Create>
T* perThread(const std::string& locale, Create create)
{
    thread_local std::map<std::string, std::unique_ptr<T>> cache;
    if (const auto found = cache.find(locale); found != cache.end())
        return found->second.get();
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<T> made(create(icu::Locale(locale.c_str()), status));
    if (U_FAILURE(status))
        made.reset();
    return cache.emplace(locale, std::move(made)).first->second.get();
}

} // namespace

std::string pluralCategory(const Language& language, std::int64_t count)
{
    const icu::PluralRules* rules = perThread<icu::PluralRules>(language.icuLocale,
        [](const icu::Locale& locale, UErrorCode& status) { return icu::PluralRules::forLocale(locale, status); });
    if (!rules)
        return "other";
    std::string category;
    rules->select(static_cast<int32_t>(count)).toUTF8String(category);
    return category;
}

std::string formatNumber(const Language& language, std::int64_t count)
{
    const icu::NumberFormat* format = perThread<icu::NumberFormat>(language.icuLocale,
        [](const icu::Locale& locale, UErrorCode& status) { return icu::NumberFormat::createInstance(locale, status); });
    if (!format)
        return std::to_string(count);
    icu::UnicodeString text;
    format->format(static_cast<int64_t>(count), text);
    std::string utf8;
    text.toUTF8String(utf8);
    return utf8;
}

Catalogue::Catalogue(const std::filesystem::path& directory)
{
    for (const Language* language : {&arabic(), &english()}) {
        nlohmann::json json = loadFile(directory / (language->code + ".json"), *language);
        nlohmann::json plain = nlohmann::json::object();
        for (const auto& [key, value] : json.items())
            if (value.is_string())
                plain[key] = value;
        strings_[language->code] = std::move(plain);
        entries_[language->code] = std::move(json);
    }
}

const nlohmann::json& Catalogue::entries(const Language& language) const
{
    return entries_.at(language.code);
}

bool Catalogue::has(const Language& language, const std::string& key) const
{
    return entries(language).contains(key);
}

std::string Catalogue::text(const Language& language, const std::string& key, const Params& params) const
{
    const nlohmann::json& all = entries(language);
    const auto found = all.find(key);
    if (found == all.end() || !found->is_string())
        return key;
    return fillPlaceholders(found->get<std::string>(), params);
}

std::string Catalogue::plural(const Language& language, const std::string& key, std::int64_t count, Params params) const
{
    const nlohmann::json& all = entries(language);
    const auto found = all.find(key);
    if (found == all.end() || !found->is_object())
        return key;
    const std::string category = pluralCategory(language, count);
    const nlohmann::json& forms = *found;
    const std::string form = forms.contains(category) ? forms.at(category).get<std::string>()
                                                      : forms.value("other", key);
    params["count"] = formatNumber(language, count);
    return fillPlaceholders(form, params);
}

const nlohmann::json& Catalogue::strings(const Language& language) const
{
    return strings_.at(language.code);
}

std::vector<std::string> Catalogue::keys(const Language& language) const
{
    std::vector<std::string> keys;
    for (const auto& [key, value] : entries(language).items())
        keys.push_back(key);
    return keys;
}

} // namespace majlis::web
