#include "web/Router.h"

#include "core/Error.h"
#include "core/Log.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

namespace majlis::web {

namespace {

std::vector<std::string> splitPath(const std::string& path)
{
    std::vector<std::string> segments;
    std::string current;
    for (char c : path) {
        if (c == '/') {
            if (!current.empty())
                segments.push_back(current);
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    if (!current.empty())
        segments.push_back(current);
    return segments;
}

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
    std::map<std::string, std::string>& params)
{
    if (pattern.size() != path.size())
        return false;
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const std::string& segment = pattern[i];
        if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}')
            found[segment.substr(1, segment.size() - 2)] = path[i];
        else if (segment != path[i])
            return false;
    }
    params = std::move(found);
    return true;
}

} // namespace

void Router::add(const std::string& method, const std::string& pattern, Handler handler)
{
    routes_.push_back({method, pattern, splitPath(pattern), std::move(handler)});
}

std::vector<std::pair<std::string, std::string>> Router::routes() const
{
    std::vector<std::pair<std::string, std::string>> result;
    for (const Route& route : routes_)
        result.emplace_back(route.method, route.pattern);
    return result;
}

void Router::dispatch(Exchange& exchange) const
{
    std::vector<std::string> path;
    try {
        path = splitPath(Poco::URI(exchange.request.getURI()).getPath());
    } catch (const Poco::SyntaxException&) {
        sendError(exchange, {400, "invalid_argument", "error.invalid_uri", "the request URI is malformed", {}});
        return;
    }

    bool pathKnown = false;
    for (const Route& route : routes_) {
        std::map<std::string, std::string> params;
        if (!matches(route.segments, path, params))
            continue;
        pathKnown = true;
        if (route.method != exchange.request.getMethod())
            continue;
        exchange.pathParams = std::move(params);
        try {
            route.handler(exchange);
        } catch (const Error& error) {
            // A server-side failure's text names files and internals; it
            // goes to the log, and the client gets the request id to quote.
            if (httpStatusFor(error.code()) >= 500)
                logger("web").error("request %s failed: %s", exchange.requestId, std::string(error.what()));
            if (!exchange.response.sent())
                sendError(exchange, error);
        }
        return;
    }
    const bool apiPath = !path.empty() && path[0] == "api";
    if (!apiPath && pageNotFound_ && (!pathKnown || exchange.request.getMethod() == "HEAD")) {
        pageNotFound_(exchange);
        return;
    }
    if (pathKnown)
        sendError(exchange, {405, "method_not_allowed", "error.method_not_allowed",
            "method " + exchange.request.getMethod() + " is not allowed on this path",
            {{"method", exchange.request.getMethod()}}});
    else
        sendError(exchange, {404, "not_found", "error.no_such_path", "no such path; the API is under /api/v1", {}});
}

} // namespace majlis::web
