#pragma once

#include "core/Error.h"
#include "web/Catalogue.h"
#include "web/Router.h"
#include "web/StaticFiles.h"
#include "web/Templates.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace majlis::web {

// A page request: the exchange and the language the page is written in.
struct PageRequest {
    Exchange& exchange;
    const Language& language;
};

// The signed-in staff member's name and sign-out token, shown in the layout.
struct StaffBanner {
    std::string user;
    std::string csrfToken;      // for the sign-out form
    bool administrator = false; // shows the link to /staff/accounts
};

// Renders portal pages: the layout (language, direction, navigation,
// language switch) around one template, sent as HTML with the security
// headers. Handlers wrapped by page() get their errors rendered as HTML
// error pages in the page's language with the error's status.
class PageRenderer {
public:
    PageRenderer(const Catalogue& catalogue, const Templates& templates, const StaticFiles& staticFiles);

    using PageHandler = std::function<void(PageRequest&)>;

    // A router handler that picks the language, remembers a ?lang= choice
    // in the `lang` cookie, runs `handler` and renders what it throws.
    Router::Handler page(PageHandler handler) const;

    // Sends template `name` inside the layout. `data` gets "t" (the
    // catalogue's strings) and the layout's fields added.
    void send(PageRequest& page, int status, const std::string& name, nlohmann::json data,
        const std::optional<StaffBanner>& staff = std::nullopt) const;

    // Template `name` inside the layout, as send() would send it.
    std::string render(PageRequest& page, const std::string& name, nlohmann::json data,
        const std::optional<StaffBanner>& staff = std::nullopt) const;

    // Sends a page that render() made. A staff page must not be stored by
    // any cache, so `staffPage` sets Cache-Control to no-store.
    void sendHtml(PageRequest& page, int status, const std::string& html, bool staffPage = false) const;

    void sendError(PageRequest& page, const Error& error) const;

    // 303 See Other to a path on this site.
    void redirect(PageRequest& page, const std::string& location) const;

    const Catalogue& catalogue() const { return catalogue_; }

private:
    nlohmann::json layoutData(PageRequest& page, const std::string& title) const;

    const Catalogue& catalogue_;
    const Templates& templates_;
    const StaticFiles& staticFiles_;
};

// `url` with `name` set to `value` in its query, other parameters kept.
std::string withQueryParameter(const std::string& url, const std::string& name, const std::string& value);

} // namespace majlis::web
