#include "web/StaticFiles.h"

#include "core/Error.h"
#include "core/Sha256.h"

#include <fstream>
#include <sstream>

namespace majlis::web {

namespace {

// Media types by extension; nosniff makes browsers trust exactly these.
std::string mediaTypeOf(const std::filesystem::path& path)
{
    static const std::map<std::string, std::string> types = {
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".ttf", "font/ttf"},
        {".woff2", "font/woff2"},
        {".svg", "image/svg+xml"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const auto found = types.find(path.extension().string());
    if (found == types.end())
        throw Error(ErrorCode::invalid_argument, "error.invalid_static_file",
            "static file " + path.string() + " has an extension with no known media type");
    return found->second;
}

} // namespace

StaticFiles::StaticFiles(const std::filesystem::path& directory, const std::vector<std::string>& names)
{
    for (const std::string& name : names) {
        const std::filesystem::path path = directory / name;
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw Error(ErrorCode::invalid_argument, "error.invalid_static_file", "static file " + path.string() + " is missing");
        std::ostringstream content;
        content << in.rdbuf();
        File file{content.str(), mediaTypeOf(path), {}};
        file.version = Sha256::hex(file.content).substr(0, 12);
        files_.emplace(name, std::move(file));
    }
}

std::string StaticFiles::url(const std::string& name) const
{
    const auto found = files_.find(name);
    if (found == files_.end())
        return "/static/" + name;
    return "/static/" + name + "?v=" + found->second.version;
}

void StaticFiles::serve(Exchange& exchange, const std::string& name) const
{
    const auto found = files_.find(name);
    if (found == files_.end()) {
        sendError(exchange, {404, "not_found", "error.static_file_not_found", "no static file named '" + name + "'",
            {{"name", name}}});
        return;
    }
    const File& file = found->second;
    auto& response = exchange.response;
    const std::string etag = "\"" + file.version + "\"";
    response.set("ETag", etag);
    // A URL with the current version never changes content; a bare one may.
    const bool versioned = exchange.query("v") == file.version;
    response.set("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "public, max-age=300");
    addSecurityHeaders(response);

    if (exchange.request.get("If-None-Match", "") == etag) {
        setStatus(response, 304);
        response.setContentLength64(0);
        response.send();
        return;
    }
    setStatus(response, 200);
    response.setContentType(file.mediaType);
    response.setContentLength64(static_cast<Poco::Int64>(file.content.size()));
    if (exchange.request.getMethod() == "HEAD") {
        response.send();
        return;
    }
    response.send().write(file.content.data(), static_cast<std::streamsize>(file.content.size()));
}

void StaticFiles::addRoutes(Router& router) const
{
    router.add("GET", "/static/{name}", [this](Exchange& exchange) { serve(exchange, exchange.param("name")); });
    router.add("GET", "/static/fonts/{name}",
        [this](Exchange& exchange) { serve(exchange, "fonts/" + exchange.param("name")); });
}

} // namespace majlis::web
