#pragma once

#include "indexer/SearchResponse.h"
#include "records/Record.h"
#include "web/Catalogue.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace majlis::web {

// Template data for records and search results, shared by the public and
// staff pages. Every value is plain text, which the templates escape.

// {"hijri", "gregorian", "iso"}, or null without a date.
nlohmann::json dateView(const Language& language, const std::optional<CalendarDate>& date);

// id, url, title, title_lang, type, type_label, council, council_url,
// reference, access, access_label, date, body, tags, version.
nlohmann::json recordView(const Language& language, const Catalogue& catalogue, const records::RecordVersion& version);

// A search result: the recordView fields a hit has, plus the snippet as
// snippet_html when isMarkedSnippet() accepts it, else as snippet_text.
nlohmann::json hitView(const Language& language, const Catalogue& catalogue, const indexer::SearchHit& hit);

// "12.5 KB" or "3 MB" in the language's numbers.
std::string fileSizeText(const Language& language, const Catalogue& catalogue, std::uint64_t bytes);

// "ar" when the text contains Arabic letters, else "en": the lang attribute
// of record text shown inside a page of the other language.
std::string textLanguage(std::string_view text);

// Percent-encodes a path segment or query value (RFC 3986 unreserved kept).
std::string encodeUrlComponent(const std::string& text);

} // namespace majlis::web
