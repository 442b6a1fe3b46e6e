#include "web/ExtractionApi.h"

#include "web/Access.h"
#include "web/ApiError.h"
#include "web/ContentDisposition.h"

#include "core/Error.h"

#include <Poco/StreamCopier.h>

#include <fstream>

namespace majlis::web {

namespace {

nlohmann::json fileText(const records::RecordStore& store, const records::FileRef& file, const Catalogue* catalogue)
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
        entry["error_message_id"] = text->value("error_id", std::string());
        if (catalogue)
            entry["error_messages"] = {{"ar", extractionFailureText(*catalogue, arabic(), *text)},
                {"en", extractionFailureText(*catalogue, english(), *text)}};
        return entry;
    }
    entry["status"] = "done";
    entry["pages"] = text->value("pages", nlohmann::json::array());
    if (text->contains("searchable_pdf"))
        entry["searchable_pdf"] = (*text)["searchable_pdf"];
    bool review = false;
    for (const auto& page : entry["pages"])
        review = review || !page.value("flags", nlohmann::json::array()).empty();
    entry["needs_review"] = review;
    return entry;
}

} // namespace

std::string extractionFailureText(const Catalogue& catalogue, const Language& language, const nlohmann::json& failed)
{
    const std::string key = catalogueKeyOf(failed.value("error_id", std::string()));
    if (key.empty() || !catalogue.has(language, key))
        return failed.value("error", std::string());
    Catalogue::Params params;
    const nlohmann::json stored = failed.value("error_params", nlohmann::json::object());
    for (const auto& [name, value] : stored.items())
        if (value.is_string())
            params[name] = value.get<std::string>();
    return catalogue.text(language, key, params);
}

void addExtractionRoutes(Router& router, const records::RecordStore& store, const pipeline::ExtractionPool& pool)
{
    router.add("GET", "/api/v1/records/{id}/text", [&store](Exchange& exchange) {
        const records::RecordVersion version = readableRecord(exchange.caller, store, exchange.param("id"));
        nlohmann::json files = nlohmann::json::array();
        std::size_t done = 0;
        for (std::size_t i = 0; i < version.files.size(); ++i) {
            files.push_back(fileText(store, version.files[i], exchange.catalogue));
            if (files.back().contains("searchable_pdf"))
                files.back()["searchable_pdf"]["url"]
                    = "/api/v1/records/" + version.id + "/files/" + std::to_string(i) + "/searchable-pdf";
            done += files.back()["status"] != "pending";
        }
        exchange.sendJson(200, {{"id", version.id}, {"version", version.version}, {"files", files},
                                   {"files_done", done}, {"files_total", version.files.size()}});
    });

    router.add("GET", "/api/v1/records/{id}/files/{index}/searchable-pdf", [&store](Exchange& exchange) {
        const records::RecordVersion version = readableRecord(exchange.caller, store, exchange.param("id"));
        const std::string& index = exchange.param("index");
        const bool numeric = !index.empty() && index.size() < 6 && index.find_first_not_of("0123456789") == std::string::npos;
        std::optional<nlohmann::json> text;
        if (numeric && std::stoul(index) < version.files.size())
            text = store.derivedText(version.files[std::stoul(index)].sha256);
        if (!text || !text->contains("searchable_pdf"))
            throw Error(ErrorCode::not_found, "error.file_not_found",
                "record " + version.id + " has no searchable PDF for file " + index);
        const auto& pdf = (*text)["searchable_pdf"];
        const std::string sha = pdf.at("sha256");
        std::ifstream in(store.blobs().pathOf(sha), std::ios::binary);
        auto& response = exchange.response;
        setStatus(response, 200);
        response.setContentType("application/pdf");
        response.setContentLength64(pdf.at("size").get<Poco::Int64>());
        response.set("Content-Disposition", attachmentHeader(pdf.at("name").get<std::string>()));
        response.set("Cache-Control", version.access == records::AccessLevel::public_access ? "public, max-age=3600" : "private, no-store");
        addSecurityHeaders(response);
        Poco::StreamCopier::copyStream(in, response.send());
    });

    router.add("GET", "/api/v1/queue", [&store, &pool](Exchange& exchange) {
        requireReadAll(exchange);
        nlohmann::json extracting = nlohmann::json::object();
        for (const auto& [id, progress] : pool.progress())
            extracting[id] = {{"files_done", progress.filesDone}, {"files_total", progress.filesTotal},
                {"pages_done", progress.pagesDone}, {"pages_total", progress.pagesTotal}};
        exchange.sendJson(200, {{"extract", store.queueLength(records::kExtractQueue)},
                                   {"index", store.queueLength(records::kIndexQueue)}, {"extracting", extracting},
                                   {"extraction_here", pool.holdsLease()}});
    });
}

} // namespace majlis::web
