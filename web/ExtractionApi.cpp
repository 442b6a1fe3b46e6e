#include "web/ExtractionApi.h"

#include "web/Access.h"

namespace majlis::web {

namespace {

nlohmann::json fileText(const records::RecordStore& store, const records::FileRef& file)
{
    nlohmann::json entry = {{"name", file.name}, {"sha256", file.sha256}, {"media_type", file.mediaType}};
    const auto text = store.derivedText(file.sha256);
    if (!text) {
        entry["status"] = "pending";
        return entry;
    }
    if (text->value("failed", false)) {
        entry["status"] = "failed";
        entry["error"] = text->value("error", std::string());
        return entry;
    }
    entry["status"] = "done";
    entry["pages"] = text->value("pages", nlohmann::json::array());
    bool review = false;
    for (const auto& page : entry["pages"])
        review = review || !page.value("flags", nlohmann::json::array()).empty();
    entry["needs_review"] = review;
    return entry;
}

} // namespace

void addExtractionRoutes(Router& router, const records::RecordStore& store, const pipeline::ExtractionPool& pool)
{
    router.add("GET", "/api/v1/records/{id}/text", [&store](Exchange& exchange) {
        const records::RecordVersion version = readableRecord(exchange.caller, store, exchange.param("id"));
        nlohmann::json files = nlohmann::json::array();
        std::size_t done = 0;
        for (const auto& file : version.files) {
            files.push_back(fileText(store, file));
            done += files.back()["status"] != "pending";
        }
        exchange.sendJson(200, {{"id", version.id}, {"version", version.version}, {"files", files},
                                   {"files_done", done}, {"files_total", version.files.size()}});
    });

    router.add("GET", "/api/v1/queue", [&store, &pool](Exchange& exchange) {
        requireAdministrator(exchange);
        nlohmann::json extracting = nlohmann::json::object();
        for (const auto& [id, progress] : pool.progress())
            extracting[id] = {{"files_done", progress.filesDone}, {"files_total", progress.filesTotal}};
        exchange.sendJson(200, {{"extract", store.queueLength(records::kExtractQueue)},
                                   {"index", store.queueLength(records::kIndexQueue)}, {"extracting", extracting},
                                   {"extraction_here", pool.holdsLease()}});
    });
}

} // namespace majlis::web
