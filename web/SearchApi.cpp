#include "web/SearchApi.h"

#include "core/CalendarDate.h"
#include "core/Error.h"
#include "core/Utf8.h"
#include "indexer/IndexSearcher.h"
#include "pipeline/IndexLocation.h"
#include "records/Record.h"
#include "web/Access.h"
#include "web/PageCache.h"

#include <Poco/URI.h>

#include <algorithm>
#include <memory>

namespace majlis::web {

namespace {

constexpr std::size_t kMaxQueryBytes = 1000;

Error invalidParameter(const std::string& name, const std::string& value, const std::string& fix)
{
    return Error(ErrorCode::invalid_argument, "error.invalid_parameter",
        "invalid " + name + " '" + value + "'; " + fix, {{"parameter", name}, {"value", value}});
}

int parseBoundedInt(const std::string& name, const std::string& value, int low, int high)
{
    const bool digits = !value.empty() && value.size() <= 6 && value.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoi(value) < low || std::stoi(value) > high)
        throw Error(ErrorCode::invalid_argument, "error.invalid_number_parameter",
            "invalid " + name + " '" + value + "'; give a whole number from " + std::to_string(low) + " to "
                + std::to_string(high),
            {{"parameter", name}, {"value", value}, {"min", std::to_string(low)}, {"max", std::to_string(high)}});
    return std::stoi(value);
}

std::int32_t parseDay(const std::string& name, const std::string& value)
{
    try {
        return CalendarDate::parse(value).daysSinceEpoch();
    } catch (const Error& error) {
        // The English message keeps the calendar's reason (such as a 29-day
        // month). The catalogue texts name the bound and the accepted forms.
        throw Error(ErrorCode::invalid_argument, name == "to" ? "error.invalid_date_to" : "error.invalid_date_from",
            "invalid " + name + ": " + error.what(), {{"parameter", name}, {"value", value}});
    }
}

nlohmann::json facetToJson(const std::vector<indexer::FacetValue>& values)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& value : values)
        list.push_back({{"value", value.value}, {"count", value.count}});
    return list;
}

} // namespace

indexer::SearchRequest parseSearchParams(const SearchParams& params, const indexer::SearchScope& scope)
{
    indexer::SearchRequest request;
    request.scope = scope;
    for (const auto& [name, value] : params) {
        requireCleanText(name, value);
        if (name == "q") {
            if (value.size() > kMaxQueryBytes)
                throw invalidParameter("q", value.substr(0, 40) + "…", "shorten the query to at most 1000 bytes");
            request.query = value;
        } else if (name == "council") {
            request.councils.push_back(value);
        } else if (name == "type") {
            request.types.push_back(value);
        } else if (name == "region") {
            request.regions.push_back(value);
        } else if (name == "year") {
            request.years.push_back(parseBoundedInt(name, value, 1, 9999));
        } else if (name == "hijri_year") {
            request.hijriYears.push_back(parseBoundedInt(name, value, 1, 9999));
        } else if (name == "from") {
            request.from = parseDay(name, value);
        } else if (name == "to") {
            request.to = parseDay(name, value);
        } else if (name == "page") {
            request.page = parseBoundedInt(name, value, 1, indexer::kMaxPage);
        } else if (name == "limit") {
            request.pageSize = parseBoundedInt(name, value, 1, indexer::kMaxPageSize);
        } else if (name == "sort") {
            if (value == "relevance")
                request.sort = indexer::SortOrder::relevance;
            else if (value == "date" || value == "date_desc")
                request.sort = indexer::SortOrder::dateDescending;
            else if (value == "date_asc")
                request.sort = indexer::SortOrder::dateAscending;
            else
                throw invalidParameter("sort", value, "use relevance, date_desc or date_asc");
        }
    }
    if (request.from && request.to && *request.from > *request.to)
        throw Error(ErrorCode::invalid_argument, "error.invalid_range",
            "the date range ends before it starts; swap 'from' and 'to'");
    return request;
}

nlohmann::json searchResponseToJson(const indexer::SearchResponse& response)
{
    nlohmann::json results = nlohmann::json::array();
    for (const auto& hit : response.results) {
        nlohmann::json result = {{"id", hit.id}, {"version", hit.version}, {"title", hit.title}, {"score", hit.score},
            {"snippet", hit.snippet}, {"reference", hit.reference}, {"council", hit.council}, {"region", hit.region},
            {"type", hit.type}, {"access", hit.access}, {"url", "/api/v1/records/" + hit.id}};
        result["date"] = hit.date ? records::dateToJson(CalendarDate::fromDaysSinceEpoch(*hit.date)) : nlohmann::json();
        results.push_back(result);
    }
    nlohmann::json json = {{"total", response.total}, {"total_exact", response.totalExact},
        {"facets_exact", response.facetsExact}, {"results", results},
        {"facets",
            {{"council", facetToJson(response.facets.council)}, {"region", facetToJson(response.facets.region)},
                {"type", facetToJson(response.facets.type)}, {"year", facetToJson(response.facets.year)},
                {"hijri_year", facetToJson(response.facets.hijriYear)}}}};
    json["suggestion"] = response.suggestion ? nlohmann::json(*response.suggestion) : nlohmann::json();
    return json;
}

namespace {

bool stillVisible(const records::RecordStore& store, const indexer::SearchScope& scope, const std::string& id)
{
    if (scope.role == indexer::SearchScope::Role::secretariat)
        return true;
    const auto current = store.find(id);
    return current && scope.allows(current->council, std::string(records::toString(current->access)));
}

// The size of the cache of anonymous search responses. A response with ten
// hits, snippets and facets takes about 3 KB.
constexpr std::size_t kCachedSearches = 4096;
constexpr std::size_t kCachedSearchBytes = 32 << 20;

// The parameters as one string, each name and value prefixed by its length
// so that no value can imitate another parameter.
std::string cacheKeyOf(const SearchParams& params)
{
    std::string key;
    for (const auto& [name, value] : params)
        key += std::to_string(name.size()) + ":" + name + std::to_string(value.size()) + ":" + value;
    return key;
}

// This thread's searcher of the current index generation. Xapian databases
// are not thread-safe, so each thread keeps its own.
indexer::IndexSearcher& threadSearcher(const std::filesystem::path& dataDirectory, std::filesystem::path& current)
{
    thread_local std::unique_ptr<indexer::IndexSearcher> searcher;
    thread_local std::filesystem::path searcherPath;

    current = pipeline::IndexLocation(dataDirectory).current();
    if (!searcher || searcherPath != current) {
        searcher = std::make_unique<indexer::IndexSearcher>(current);
        searcherPath = current;
    }
    return *searcher;
}

} // namespace

indexer::SearchResponse runSearch(const std::filesystem::path& dataDirectory, const indexer::SearchRequest& request,
    const records::RecordStore* store)
{
    indexer::SearchResponse response = searchIndex(dataDirectory, request);
    if (!store)
        return response;
    const auto before = response.results.size();
    std::erase_if(response.results,
        [&](const indexer::SearchHit& hit) { return !stillVisible(*store, request.scope, hit.id); });
    response.total -= std::min<std::uint32_t>(response.total, static_cast<std::uint32_t>(before - response.results.size()));
    return response;
}

indexer::SearchResponse searchIndex(const std::filesystem::path& dataDirectory, const indexer::SearchRequest& request)
{
    std::filesystem::path current;
    return threadSearcher(dataDirectory, current).search(request);
}

std::string dataRevision(const records::RecordStore& store, const std::filesystem::path& dataDirectory)
{
    // Callers read both before the data they cache, so a write that lands in
    // between makes the next lookup miss instead of serving older data.
    const std::uint64_t transaction = store.lastTransactionId();
    std::filesystem::path current;
    const Xapian::rev revision = threadSearcher(dataDirectory, current).revision();
    return std::to_string(transaction) + " " + current.filename().string() + "@" + std::to_string(revision);
}

void addSearchRoutes(Router& router, const std::filesystem::path& dataDirectory, const records::RecordStore& store)
{
    auto cache = std::make_shared<PageCache>(kCachedSearches, kCachedSearchBytes);
    router.add("GET", "/api/v1/search", [dataDirectory, &store, cache](Exchange& exchange) {
        SearchParams params;
        for (const auto& [name, value] : Poco::URI(exchange.request.getURI()).getQueryParameters())
            params.emplace(name, value);
        const auto scope = searchScope(exchange.caller);
        const indexer::SearchRequest request = parseSearchParams(params, scope);

        // Every anonymous caller gets the same response to the same
        // parameters, so a burst of citizens searching for one decision is
        // served from one search per change of the data.
        const bool shared = !exchange.caller.signedIn();
        const std::string key = shared ? cacheKeyOf(params) : std::string();
        const std::string revision = shared ? dataRevision(store, dataDirectory) : std::string();
        if (shared) {
            if (const auto text = cache->find(key, revision)) {
                exchange.sendJsonText(200, *text);
                return;
            }
        }
        const auto text = std::make_shared<const std::string>(searchResponseToJson(runSearch(dataDirectory, request, &store))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        if (shared)
            cache->store(key, revision, text);
        exchange.sendJsonText(200, *text);
    });
}

} // namespace majlis::web
