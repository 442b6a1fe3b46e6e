#pragma once

#include "web/ApiError.h"
#include "web/Catalogue.h"
#include "web/Exchange.h"

#include <functional>
#include <string>
#include <vector>

namespace majlis::web {

// Maps a method and a path pattern such as /api/v1/records/{id} to a handler.
// Errors escaping a handler become JSON errors with the status of their code
// and their message in Arabic and English (web/ApiError.h).
class Router {
public:
    using Handler = std::function<void(Exchange&)>;

    void add(const std::string& method, const std::string& pattern, Handler handler);

    // Runs the matching handler. When none matches, a path under /api gets
    // a JSON 404 or 405 and any other path the page handler set here.
    void dispatch(Exchange& exchange) const;

    // The handler for paths outside /api that match no route, such as the
    // portal's "page not found" page.
    void setPageNotFound(Handler handler) { pageNotFound_ = std::move(handler); }

    // The catalogue of the error messages; the server puts it on each
    // exchange. It must outlive the router's use.
    void setCatalogue(const Catalogue& catalogue) { catalogue_ = &catalogue; }
    const Catalogue* catalogue() const { return catalogue_; }

    // Every route as its method and pattern, in the order they were added.
    std::vector<std::pair<std::string, std::string>> routes() const;

private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
    };

    std::vector<Route> routes_;
    Handler pageNotFound_;
    const Catalogue* catalogue_ = nullptr;
};

} // namespace majlis::web
