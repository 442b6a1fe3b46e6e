#include "web/PublicPages.h"

#include "affairs/ReferenceData.h"
#include "core/Error.h"
#include "web/AffairsView.h"
#include "web/ContentDisposition.h"
#include "web/DateDisplay.h"
#include "web/LatestRecords.h"
#include "web/PageCache.h"
#include "web/RecordView.h"
#include "web/SearchApi.h"
#include "web/VersionReason.h"

#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <fstream>
#include <functional>
#include <optional>

namespace majlis::web {

namespace {

constexpr int kResultsPerPage = 10;
constexpr std::size_t kLatestCount = 8;
constexpr std::size_t kCouncilRecords = 20;

Error recordNotFound(const std::string& id)
{
    return Error(ErrorCode::not_found, "error.record_not_found", "record '" + id + "' not found", {{"id", id}});
}

// The query parameters the search understands, without empty values (an
// empty "from" box means no lower bound) and without the page's own "lang".
SearchParams searchParamsOf(const Exchange& exchange)
{
    SearchParams params;
    for (const auto& [name, value] : Poco::URI(exchange.request.getURI()).getQueryParameters())
        if (name != "lang" && !value.empty())
            params.emplace(name, value);
    return params;
}

indexer::SearchResponse searchOrEmpty(
    const std::filesystem::path& dataDirectory, const indexer::SearchRequest& request, const records::RecordStore& store)
{
    try {
        return runSearch(dataDirectory, request, &store);
    } catch (const Error& error) {
        // A new installation has no index until the first record is fed to it.
        if (error.code() != ErrorCode::unavailable)
            throw;
        return {};
    }
}

bool isPublic(const records::RecordVersion& version)
{
    return version.access == records::AccessLevel::public_access;
}

// Shows the council code of a record or search result view as the council's name.
void nameCouncil(nlohmann::json& view, const Language& language, const affairs::AffairsSnapshot& snapshot)
{
    if (const auto name = councilNameView(language, snapshot, isPublic, view.value("council", ""))) {
        view["council"] = name->at("name");
        view["council_lang"] = name->at("name_lang");
    }
}

nlohmann::json hitsView(const PageRequest& page, const Catalogue& catalogue, const indexer::SearchResponse& response,
    const affairs::AffairsSnapshot& snapshot)
{
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& hit : response.results) {
        nlohmann::json view = hitView(page.language, catalogue, hit);
        nameCouncil(view, page.language, snapshot);
        hits.push_back(std::move(view));
    }
    return hits;
}

nlohmann::json recordsView(const PageRequest& page, const Catalogue& catalogue, const LatestRecords& latest,
    const affairs::AffairsSnapshot& snapshot)
{
    nlohmann::json views = nlohmann::json::array();
    for (const auto& version : latest.records) {
        nlohmann::json view = recordView(page.language, catalogue, version);
        nameCouncil(view, page.language, snapshot);
        views.push_back(std::move(view));
    }
    return views;
}

// The key the home page is cached under, or empty when the request's URI
// carries anything but the language: the page's language switch links to
// the URI, and arbitrary query strings must not fill the cache.
std::string homeCacheKey(const PageRequest& page)
{
    const std::string& uri = page.exchange.request.getURI();
    if (uri != "/" && uri != "/?lang=ar" && uri != "/?lang=en")
        return {};
    return page.language.code + " " + uri;
}

// The home page is the same for every visitor in one language, so it is
// rendered once per change of the store or the index. The generation is
// read before the data, as PageCache requires.
void showHome(PageRequest& page, const PageRenderer& renderer, const records::RecordStore& store,
    const affairs::Affairs& affairs, const std::filesystem::path& dataDirectory, PageCache& cache)
{
    const std::string key = homeCacheKey(page);
    const std::string generation = dataRevision(store, dataDirectory);
    if (!key.empty()) {
        if (const auto html = cache.find(key, generation)) {
            renderer.sendHtml(page, 200, *html);
            return;
        }
    }

    const auto latest = latestPublicRecords(store, dataDirectory, {"decision", ""}, kLatestCount);
    const nlohmann::json data = {
        {"latest", recordsView(page, renderer.catalogue(), latest, *affairs.snapshot())},
        {"has_latest", !latest.records.empty()},
    };
    auto html = std::make_shared<const std::string>(renderer.render(page, "home", data));
    if (!key.empty())
        cache.store(key, generation, html);
    renderer.sendHtml(page, 200, *html);
}

// One facet's values as links that add the value to the current search,
// or remove it when it is already chosen.
nlohmann::json facetView(const PageRequest& page, const Catalogue& catalogue, const std::string& name,
    const std::vector<indexer::FacetValue>& values, const SearchParams& params)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& value : values) {
        SearchParams next = params;
        next.erase("page");
        bool chosen = false;
        for (auto it = next.begin(); it != next.end();) {
            if (it->first == name && it->second == value.value) {
                chosen = true;
                it = next.erase(it);
            } else {
                ++it;
            }
        }
        if (!chosen)
            next.emplace(name, value.value);
        Poco::URI uri("/search");
        for (const auto& [key, text] : next)
            uri.addQueryParameter(key, text);
        const std::string label = name == "type" ? catalogue.text(page.language, "type_" + value.value) : value.value;
        list.push_back({{"label", label}, {"label_lang", textLanguage(label)}, {"count", formatNumber(page.language, value.count)},
            {"url", uri.getPathEtc()}, {"chosen", chosen}});
    }
    return list;
}

// Replaces each facet value's label by the name that `nameOf` finds for
// its code ({"name", "name_lang"}); values without one keep their code.
void nameFacetValues(
    nlohmann::json& list, const std::function<std::optional<nlohmann::json>(const std::string&)>& nameOf)
{
    for (auto& item : list)
        if (const auto name = nameOf(item.at("label").get<std::string>())) {
            item["label"] = name->at("name");
            item["label_lang"] = name->at("name_lang");
        }
}

// The council facet, with council codes shown as the councils' names.
nlohmann::json councilFacetView(const PageRequest& page, const Catalogue& catalogue,
    const std::vector<indexer::FacetValue>& values, const SearchParams& params, const affairs::AffairsSnapshot& snapshot)
{
    nlohmann::json list = facetView(page, catalogue, "council", values, params);
    nameFacetValues(list, [&](const std::string& code) { return councilNameView(page.language, snapshot, isPublic, code); });
    return list;
}

// The region facet, with region codes shown as the regions' names.
nlohmann::json regionFacetView(const PageRequest& page, const Catalogue& catalogue,
    const std::vector<indexer::FacetValue>& values, const SearchParams& params)
{
    nlohmann::json list = facetView(page, catalogue, "region", values, params);
    nameFacetValues(list, [&](const std::string& code) -> std::optional<nlohmann::json> {
        const affairs::Region* region = affairs::referenceData().findRegion(code);
        if (!region)
            return std::nullopt;
        return nameView(page.language, region->nameAr, region->nameEn);
    });
    return list;
}

// Years filter through the date range, since the index has no year filter.
nlohmann::json yearFacetView(const PageRequest& page, const std::vector<indexer::FacetValue>& values, const SearchParams& params)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& value : values) {
        Poco::URI uri("/search");
        for (const auto& [key, text] : params)
            if (key != "from" && key != "to" && key != "page")
                uri.addQueryParameter(key, text);
        uri.addQueryParameter("from", value.value + "-01-01");
        uri.addQueryParameter("to", value.value + "-12-31");
        list.push_back({{"label", value.value}, {"count", formatNumber(page.language, value.count)}, {"url", uri.getPathEtc()}});
    }
    return list;
}

nlohmann::json pagingView(const PageRequest& page, const Catalogue& catalogue, const indexer::SearchRequest& request,
    std::uint32_t total)
{
    const int pages = std::max(1, static_cast<int>((total + request.pageSize - 1) / request.pageSize));
    const std::string uri = page.exchange.request.getURI();
    const Catalogue::Params numbers = {{"page", formatNumber(page.language, request.page)}, {"pages", formatNumber(page.language, pages)}};
    nlohmann::json paging = {{"text", catalogue.text(page.language, "page_of", numbers)}, {"several", pages > 1}};
    if (request.page > 1)
        paging["previous_url"] = withQueryParameter(uri, "page", std::to_string(request.page - 1));
    if (request.page < pages)
        paging["next_url"] = withQueryParameter(uri, "page", std::to_string(request.page + 1));
    return paging;
}

void showSearch(PageRequest& page, const PageRenderer& renderer, const std::filesystem::path& dataDirectory,
    const records::RecordStore& store, const affairs::Affairs& affairs)
{
    const Catalogue& catalogue = renderer.catalogue();
    const SearchParams params = searchParamsOf(page.exchange);
    indexer::SearchRequest request = parseSearchParams(params, indexer::SearchScope::citizen());
    if (!params.contains("limit"))
        request.pageSize = kResultsPerPage;
    const auto response = searchOrEmpty(dataDirectory, request, store);

    const auto query = page.exchange.query("q").value_or("");
    nlohmann::json data = {
        {"title", query.empty() ? catalogue.text(page.language, "search_heading")
                                : catalogue.text(page.language, "search_title", {{"query", query}})},
        {"query", query},
        {"from", page.exchange.query("from").value_or("")},
        {"to", page.exchange.query("to").value_or("")},
        {"count_text",
            catalogue.plural(page.language, response.totalExact ? "results_count" : "results_count_estimate",
                response.total)},
        {"results", hitsView(page, catalogue, response, *affairs.snapshot())},
        {"has_results", !response.results.empty()},
        {"facet_council", councilFacetView(page, catalogue, response.facets.council, params, *affairs.snapshot())},
        {"facet_region", regionFacetView(page, catalogue, response.facets.region, params)},
        {"facet_type", facetView(page, catalogue, "type", response.facets.type, params)},
        {"facet_year", yearFacetView(page, response.facets.year, params)},
        {"has_facets", response.total > 0},
        {"searched", !query.empty()},
        {"paging", pagingView(page, catalogue, request, response.total)},
    };
    if (response.suggestion) {
        data["suggestion"] = *response.suggestion;
        data["suggestion_url"] = withQueryParameter("/search", "q", *response.suggestion);
    }
    // Hidden inputs keep the chosen facets when the query box is submitted again.
    nlohmann::json chosenFilters = nlohmann::json::array();
    for (const auto& [name, value] : params)
        if (name == "council" || name == "type" || name == "region")
            chosenFilters.push_back({{"name", name}, {"value", value}});
    data["kept_filters"] = chosenFilters;
    renderer.send(page, 200, "search", data);
}

records::RecordVersion publicRecord(records::RecordStore& store, const std::string& id)
{
    const auto current = store.find(id);
    if (!current || current->access != records::AccessLevel::public_access)
        throw recordNotFound(id);
    return *current;
}

// The extracted text of a file as page views, or nothing while none exists.
nlohmann::json derivedPagesView(const PageRequest& page, const Catalogue& catalogue, const records::RecordStore& store,
    const records::FileRef& file)
{
    nlohmann::json pages = nlohmann::json::array();
    const auto derived = store.derivedText(file.sha256);
    if (!derived || derived->value("failed", false) || !derived->contains("pages"))
        return pages;
    for (const auto& entry : derived->at("pages")) {
        const std::string text = entry.value("text", "");
        if (text.empty())
            continue;
        const std::int64_t number = entry.value("number", 0);
        pages.push_back({{"label", catalogue.text(page.language, "page_number", {{"number", formatNumber(page.language, number)}})},
            {"text", text}, {"text_lang", textLanguage(text)}});
    }
    return pages;
}

std::string fileUrl(const records::RecordVersion& version, std::size_t index)
{
    return "/records/" + encodeUrlComponent(version.id) + "/versions/" + std::to_string(version.version) + "/files/"
        + std::to_string(index);
}

nlohmann::json filesView(const PageRequest& page, const Catalogue& catalogue, const records::RecordStore& store,
    const records::RecordVersion& version)
{
    nlohmann::json files = nlohmann::json::array();
    for (std::size_t i = 0; i < version.files.size(); ++i) {
        const auto& file = version.files[i];
        nlohmann::json pages = derivedPagesView(page, catalogue, store, file);
        const bool hasPages = !pages.empty();
        files.push_back({
            {"name", file.name},
            {"name_lang", textLanguage(file.name)},
            {"size", fileSizeText(page.language, catalogue, file.size)},
            {"media_type", file.mediaType},
            {"view_url", fileUrl(version, i) + "/view"},
            {"download_url", "/api/v1/records/" + encodeUrlComponent(version.id) + "/versions/"
                    + std::to_string(version.version) + "/files/" + std::to_string(i)},
            {"pages", std::move(pages)},
            {"has_pages", hasPages},
        });
    }
    return files;
}

nlohmann::json publicHistoryView(const PageRequest& page, const Catalogue& catalogue, const records::RecordStore& store,
    const std::string& id)
{
    nlohmann::json versions = nlohmann::json::array();
    const auto history = store.history(id);
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
        if (it->access != records::AccessLevel::public_access)
            continue;
        // No definition here, so a workflow step shows its state and transition ids.
        const std::string reason = versionReasonText(page.language, catalogue, it->reason);
        versions.push_back({{"label", catalogue.text(page.language, "version_label", {{"version", formatNumber(page.language, it->version)}})},
            {"time", it->time}, {"time_text", formatTimestamp(page.language, it->time)}, {"reason", reason},
            {"reason_lang", textLanguage(reason)}});
    }
    return versions;
}

// The council affairs page of a dated member, meeting or decision, which
// adds attendance, votes and the status history to the record page; null
// for other records.
nlohmann::json affairsPageUrl(const records::RecordVersion& version)
{
    if (!version.date)
        return nullptr;
    switch (version.type) {
    case records::RecordType::member:
        return memberUrl(version.id);
    case records::RecordType::meeting:
        return meetingUrl(version.id);
    case records::RecordType::decision:
        return decisionUrl(version.id);
    default:
        return nullptr;
    }
}

void showRecord(PageRequest& page, const PageRenderer& renderer, records::RecordStore& store,
    const affairs::Affairs& affairs)
{
    const Catalogue& catalogue = renderer.catalogue();
    const auto version = publicRecord(store, page.exchange.param("id"));
    nlohmann::json data = recordView(page.language, catalogue, version);
    nameCouncil(data, page.language, *affairs.snapshot());
    data["files"] = filesView(page, catalogue, store, version);
    data["has_files"] = !version.files.empty();
    data["history"] = publicHistoryView(page, catalogue, store, version.id);
    data["affairs_url"] = affairsPageUrl(version);
    renderer.send(page, 200, "record", data);
}

// Sends one file of a public version inline, so the browser shows a PDF or
// an image in place. The download link goes to the API, which sends "attachment".
void viewFile(PageRequest& page, records::RecordStore& store)
{
    const std::string& id = page.exchange.param("id");
    const auto current = publicRecord(store, id);
    const std::string& versionText = page.exchange.param("version");
    const std::string& indexText = page.exchange.param("index");
    const auto numeric = [](const std::string& text) {
        return !text.empty() && text.size() < 7 && text.find_first_not_of("0123456789") == std::string::npos;
    };
    if (!numeric(versionText) || !numeric(indexText) || std::stoul(versionText) == 0 || std::stoul(versionText) > current.version)
        throw Error(ErrorCode::not_found, "error.file_not_found", "record " + id + " has no such file");
    const auto version = store.version(id, static_cast<std::uint32_t>(std::stoul(versionText)));
    if (version.access != records::AccessLevel::public_access || std::stoul(indexText) >= version.files.size())
        throw Error(ErrorCode::not_found, "error.file_not_found", "record " + id + " has no such file");
    const records::FileRef& file = version.files[std::stoul(indexText)];

    std::string disposition = attachmentHeader(file.name);
    disposition.replace(0, std::string("attachment").size(), "inline");
    std::ifstream in(store.pathOf(file), std::ios::binary);
    auto& response = page.exchange.response;
    setStatus(response, 200);
    response.setContentType(file.mediaType.empty() ? "application/octet-stream" : file.mediaType);
    response.setContentLength64(static_cast<Poco::Int64>(file.size));
    response.set("Content-Disposition", disposition);
    response.set("Cache-Control", "public, max-age=3600");
    addSecurityHeaders(response);
    // The sandbox directive gives the file a unique origin without script,
    // in case a browser renders it as a document.
    response.set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'");
    Poco::StreamCopier::copyStream(in, response.send());
}

} // namespace

void showCouncilRecords(PageRequest& page, const PageRenderer& renderer, const records::RecordStore& store,
    const affairs::Affairs& affairs, const std::filesystem::path& dataDirectory)
{
    const Catalogue& catalogue = renderer.catalogue();
    const std::string& name = page.exchange.param("name");
    const auto latest = latestPublicRecords(store, dataDirectory, {"", name}, kCouncilRecords);
    // A council with no public record looks exactly like an unknown name.
    if (latest.total == 0)
        throw Error(ErrorCode::not_found, "error.council_not_found", "no public records of council '" + name + "'",
            {{"name", name}});
    const nlohmann::json data = {
        {"title", name},
        {"name", name},
        {"name_lang", textLanguage(name)},
        {"count_text", catalogue.plural(page.language, "records_count", static_cast<std::int64_t>(latest.total))},
        {"records", recordsView(page, catalogue, latest, *affairs.snapshot())},
        {"search_url", withQueryParameter("/search", "council", name)},
    };
    renderer.send(page, 200, "council", data);
}

void addPublicPages(Router& router, const PageRenderer& renderer, records::RecordStore& store,
    const affairs::Affairs& affairs, const std::filesystem::path& dataDirectory)
{
    auto homeCache = std::make_shared<PageCache>();
    router.add("GET", "/", renderer.page([&renderer, &store, &affairs, dataDirectory, homeCache](PageRequest& page) {
        showHome(page, renderer, store, affairs, dataDirectory, *homeCache);
    }));
    router.add("GET", "/search", renderer.page([&renderer, dataDirectory, &store, &affairs](PageRequest& page) {
        showSearch(page, renderer, dataDirectory, store, affairs);
    }));
    router.add("GET", "/records/{id}", renderer.page([&renderer, &store, &affairs](PageRequest& page) {
        showRecord(page, renderer, store, affairs);
    }));
    router.add("GET", "/records/{id}/versions/{version}/files/{index}/view",
        renderer.page([&store](PageRequest& page) { viewFile(page, store); }));
}

} // namespace majlis::web
