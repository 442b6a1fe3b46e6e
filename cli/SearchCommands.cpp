#include "cli/Arguments.h"
#include "cli/Commands.h"

#include "core/Error.h"
#include "core/Log.h"
#include "pipeline/IndexFeeder.h"
#include "pipeline/Reindexer.h"
#include "web/SearchApi.h"

#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace majlis::cli {

namespace {

const CommandSpec kSearchSpec = {"search",
    "Searches the records. Runs as the secretariat (every record) unless --public is given.", "QUERY", 0, 1,
    {dataOption(), {"json", "", "print JSON"}, {"limit", "N", "results per page, 1 to 100 (default 10)"},
        {"page", "N", "page number, from 1"}, {"council", "NAME", "only this council", true},
        {"type", "TYPE", "only this record type", true}, {"region", "NAME", "only this region", true},
        {"year", "YYYY", "only this Gregorian year", true}, {"hijri-year", "YYYY", "only this Hijri year", true},
        {"from", "DATE", "documents dated on or after, Gregorian or Hijri"},
        {"to", "DATE", "documents dated on or before, Gregorian or Hijri"},
        {"sort", "ORDER", "relevance (default), date_desc or date_asc"},
        {"public", "", "search as an anonymous citizen: public records only"},
        {"batch", "FILE", "read one query per line and print one JSON object per line"}}};

const CommandSpec kReindexSpec = {"reindex",
    "Rebuilds the search index from the records and swaps it in atomically; a running server keeps "
    "answering from the old index until the swap.",
    "", 0, 0, {dataOption()}};

// Brings the index up to date: applies pending changes when no other
// process has the writer's lock, or waits for the one that does (a running
// server) to apply them.
void bringIndexUpToDate(records::RecordStore& store, const std::filesystem::path& data)
{
    try {
        if (pipeline::drainIndexIfIdle(store, data))
            return;
    } catch (const Error& error) {
        // A full disk must not stop reads, so the search uses the index as it is.
        if (error.code() != ErrorCode::storage_full)
            throw;
        std::cerr << "majlis search: warning: " << error.what() << "; results may be incomplete\n";
        return;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (store.queueLength(records::kIndexQueue) > 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            std::cerr << "majlis search: warning: the server has not indexed the latest changes within 30 seconds; "
                         "results may be incomplete\n";
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

web::SearchParams paramsFrom(const Arguments& arguments)
{
    web::SearchParams params;
    for (const char* name : {"council", "type", "region", "year"})
        for (const std::string& value : arguments.all(name))
            params.emplace(name, value);
    for (const std::string& value : arguments.all("hijri-year"))
        params.emplace("hijri_year", value);
    for (const char* name : {"from", "to", "page", "limit", "sort"})
        if (const auto value = arguments.value(name))
            params.emplace(name, *value);
    return params;
}

std::string stripMarks(std::string text)
{
    for (const std::string_view tag : {"<mark>", "</mark>"})
        for (auto at = text.find(tag); at != std::string::npos; at = text.find(tag))
            text.erase(at, tag.size());
    return text;
}

void printHuman(const indexer::SearchResponse& response)
{
    std::cout << "results: " << response.total << (response.totalExact ? "" : "+") << '\n';
    for (const auto& hit : response.results)
        std::cout << hit.id << '\t' << hit.score << '\t' << hit.title << "\n    " << stripMarks(hit.snippet) << '\n';
    if (response.suggestion)
        std::cout << "Did you mean: " << *response.suggestion << '\n';
}

} // namespace

int runSearch(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kSearchSpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kSearchSpec);
        return 0;
    }
    const std::filesystem::path data = arguments.valueOr("data", "./data");
    records::RecordStore store(data);
    bringIndexUpToDate(store, data);

    const auto scope = arguments.has("public") ? indexer::SearchScope::citizen() : indexer::SearchScope::secretariat();
    web::SearchParams params = paramsFrom(arguments);

    if (const auto batch = arguments.value("batch")) {
        std::ifstream in(*batch);
        if (!in)
            throw Error(ErrorCode::not_found, "error.file_not_found", "cannot read " + *batch + "; check the path");
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            web::SearchParams lineParams = params;
            lineParams.emplace("q", line);
            const auto response = web::runSearch(data, web::parseSearchParams(lineParams, scope));
            std::cout << web::searchResponseToJson(response).dump() << '\n';
        }
        return 0;
    }

    if (arguments.positional().empty())
        throw Error(ErrorCode::invalid_argument, "error.usage", "missing QUERY; see 'majlis search --help'");
    params.emplace("q", arguments.positional()[0]);
    indexer::SearchRequest request = web::parseSearchParams(params, scope);
    // The JSON output carries the facets; the text output shows none.
    request.facets = arguments.has("json");
    const auto response = web::runSearch(data, request);
    if (arguments.has("json"))
        std::cout << web::searchResponseToJson(response).dump() << '\n';
    else
        printHuman(response);
    return 0;
}

int runReindex(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kReindexSpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kReindexSpec);
        return 0;
    }
    const std::filesystem::path data = arguments.valueOr("data", "./data");
    records::RecordStore store(data);
    const bool terminal = isatty(STDERR_FILENO);
    const std::size_t count = pipeline::rebuildIndex(store, data, [&](std::size_t done, std::size_t total) {
        if (terminal)
            std::cerr << "\rreindex: " << done << " of " << total << " records" << std::flush;
    });
    if (terminal)
        std::cerr << '\n';
    std::cout << "indexed " << count << " records\n";
    return 0;
}

} // namespace majlis::cli
