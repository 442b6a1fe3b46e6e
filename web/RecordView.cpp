#include "web/RecordView.h"

#include "web/DateDisplay.h"
#include "web/Templates.h"

#include <Poco/URI.h>

namespace majlis::web {

std::string encodeUrlComponent(const std::string& text)
{
    std::string encoded;
    Poco::URI::encode(text, "!#$&'()*+,/:;=?@[]%\"<>{}|\\^`", encoded);
    return encoded;
}

std::string textLanguage(std::string_view text)
{
    // Arabic letters U+0600-U+06FF and U+0750-U+077F start with 0xD8-0xDD in UTF-8.
    for (unsigned char c : text)
        if (c >= 0xD8 && c <= 0xDD)
            return "ar";
    return "en";
}

nlohmann::json dateView(const Language& language, const std::optional<CalendarDate>& date)
{
    if (!date)
        return nullptr;
    return {{"hijri", formatHijriDate(language, *date)}, {"gregorian", formatGregorianDate(language, *date)},
        {"iso", date->toIsoString()}};
}

std::string fileSizeText(const Language& language, const Catalogue& catalogue, std::uint64_t bytes)
{
    if (bytes < 1024 * 1024)
        return catalogue.text(language, "size_kb", {{"size", formatNumber(language, static_cast<std::int64_t>((bytes + 1023) / 1024))}});
    return catalogue.text(language, "size_mb", {{"size", formatNumber(language, static_cast<std::int64_t>((bytes + (1 << 19)) >> 20))}});
}

namespace {

nlohmann::json commonView(const Language& language, const Catalogue& catalogue, const std::string& id,
    const std::string& title, const std::string& type, const std::string& council, const std::string& reference,
    const std::string& access)
{
    return {
        {"id", id},
        {"url", "/records/" + encodeUrlComponent(id)},
        {"title", title},
        {"title_lang", textLanguage(title)},
        {"type", type},
        {"type_label", catalogue.text(language, "type_" + type)},
        {"council", council},
        {"council_lang", textLanguage(council)},
        {"council_url", council.empty() ? "" : "/councils/" + encodeUrlComponent(council)},
        {"reference", reference},
        {"access", access},
        {"access_label", catalogue.text(language, "access_" + access)},
    };
}

} // namespace

nlohmann::json recordView(const Language& language, const Catalogue& catalogue, const records::RecordVersion& version)
{
    const std::string access(records::toString(version.access));
    nlohmann::json view = commonView(language, catalogue, version.id, version.title,
        std::string(records::toString(version.type)), version.council, version.reference,
        access);
    view["date"] = dateView(language, version.date);
    view["body"] = version.body;
    view["body_lang"] = textLanguage(version.body);
    view["tags"] = version.tags;
    view["has_tags"] = !version.tags.empty();
    view["version"] = std::to_string(version.version);
    return view;
}

nlohmann::json hitView(const Language& language, const Catalogue& catalogue, const indexer::SearchHit& hit)
{
    nlohmann::json view = commonView(language, catalogue, hit.id, hit.title, hit.type, hit.council, hit.reference, hit.access);
    view["date"] = hit.date ? dateView(language, CalendarDate::fromDaysSinceEpoch(*hit.date)) : nlohmann::json();
    view["snippet_lang"] = textLanguage(hit.snippet);
    if (isMarkedSnippet(hit.snippet))
        view["snippet_html"] = hit.snippet;
    else
        view["snippet_text"] = hit.snippet;
    return view;
}

} // namespace majlis::web
