#include "web/PageRenderer.h"

#include "core/Log.h"
#include "web/ApiError.h"
#include "web/Cookies.h"

#include <Poco/URI.h>

namespace majlis::web {

namespace {

constexpr int kLanguageCookieSeconds = 365 * 24 * 3600;

const Language& otherLanguage(const Language& language)
{
    return language.code == "ar" ? english() : arabic();
}

} // namespace

std::string withQueryParameter(const std::string& url, const std::string& name, const std::string& value)
{
    Poco::URI uri(url);
    Poco::URI::QueryParameters parameters;
    for (auto& parameter : uri.getQueryParameters())
        if (parameter.first != name)
            parameters.push_back(parameter);
    parameters.emplace_back(name, value);
    uri.setQueryParameters(parameters);
    return uri.getPathEtc();
}

PageRenderer::PageRenderer(const Catalogue& catalogue, const Templates& templates, const StaticFiles& staticFiles)
    : catalogue_(catalogue)
    , templates_(templates)
    , staticFiles_(staticFiles)
{
}

Router::Handler PageRenderer::page(PageHandler handler) const
{
    return [this, handler](Exchange& exchange) {
        const LanguageChoice choice = chooseLanguage(exchange.request);
        if (choice.fromQuery)
            addCookie(exchange.response, exchange.request, "lang", choice.language->code,
                {.httpOnly = true, .maxAgeSeconds = kLanguageCookieSeconds});
        PageRequest page{exchange, *choice.language};
        try {
            handler(page);
        } catch (const Error& error) {
            if (httpStatusFor(error.code()) >= 500)
                logger("web").error("request %s failed: %s", exchange.requestId, std::string(error.what()));
            if (!exchange.response.sent())
                sendError(page, error);
        } catch (const std::exception& error) {
            logger("web").error("request %s failed: %s", exchange.requestId, std::string(error.what()));
            if (!exchange.response.sent())
                sendError(page, Error(ErrorCode::internal, "error.internal", error.what()));
        }
    };
}

nlohmann::json PageRenderer::layoutData(PageRequest& page, const std::string& title) const
{
    const Language& other = otherLanguage(page.language);
    const std::string uri = page.exchange.request.getURI();
    return {
        {"lang", page.language.code},
        {"dir", page.language.direction},
        {"title", title},
        {"css_url", staticFiles_.url("portal.css")},
        {"js_url", staticFiles_.url("portal.js")},
        {"switch_url", withQueryParameter(uri, "lang", other.code)},
        {"switch_lang", other.code},
        {"switch_dir", other.direction},
    };
}

std::string PageRenderer::render(PageRequest& page, const std::string& name, nlohmann::json data,
    const std::optional<StaffBanner>& staff) const
{
    const std::string siteName = catalogue_.text(page.language, "site_name");
    const std::string title = data.value("title", siteName);
    nlohmann::json layout = layoutData(page, title);
    // The home page is titled by the site name alone, not "Majlis — Majlis".
    layout["document_title"] = title == siteName ? siteName : title + " — " + siteName;
    for (const auto& [key, value] : layout.items())
        data[key] = value;
    data["t"] = catalogue_.strings(page.language);
    if (staff)
        data["staff"] = {{"user", staff->user}, {"csrf", staff->csrfToken}, {"administrator", staff->administrator}};
    return templates_.render(name, data);
}

void PageRenderer::send(PageRequest& page, int status, const std::string& name, nlohmann::json data,
    const std::optional<StaffBanner>& staff) const
{
    const bool staffPage = staff.has_value();
    sendHtml(page, status, render(page, name, std::move(data), staff), staffPage);
}

void PageRenderer::sendHtml(PageRequest& page, int status, const std::string& html, bool staffPage) const
{
    auto& response = page.exchange.response;
    setStatus(response, status);
    const auto& request = page.exchange.request;
    if (status >= 400 && (request.getChunkedTransferEncoding() || request.getContentLength64() > 0))
        response.setKeepAlive(false); // an unread body would be taken for the next request
    response.setContentType("text/html; charset=utf-8");
    response.setContentLength64(static_cast<Poco::Int64>(html.size()));
    // The language comes from the query, the cookie or Accept-Language, and
    // staff pages hold per-session data, so no shared cache may keep a page.
    response.set("Cache-Control", staffPage ? "no-store" : "private, no-cache");
    response.set("Vary", "Cookie, Accept-Language");
    response.set("Content-Language", page.language.code);
    addSecurityHeaders(response);
    response.send().write(html.data(), static_cast<std::streamsize>(html.size()));
}

void PageRenderer::sendError(PageRequest& page, const Error& error) const
{
    // A server error shows the generic message of its kind, never its internal text.
    const ClientError shown = clientErrorOf(error, page.exchange.requestId);
    const int status = shown.status;
    const std::string key = catalogueKeyOf(shown.messageId);
    const std::string statusText = std::to_string(status);
    std::string message = catalogue_.text(page.language, "error_message_other");
    if (catalogue_.has(page.language, key))
        message = catalogue_.text(page.language, key, shown.params);
    else if (catalogue_.has(page.language, "error_message_" + statusText))
        message = catalogue_.text(page.language, "error_message_" + statusText);
    std::string heading = catalogue_.text(page.language, "error_title_other");
    if (catalogue_.has(page.language, "error_title_" + statusText))
        heading = catalogue_.text(page.language, "error_title_" + statusText);

    const nlohmann::json data = {
        {"title", heading},
        {"heading", heading},
        {"message", message},
        {"status", std::to_string(status)},
        {"request_id", page.exchange.requestId},
    };
    send(page, status, "error", data);
}

void PageRenderer::redirect(PageRequest& page, const std::string& location) const
{
    auto& response = page.exchange.response;
    setStatus(response, 303);
    response.set("Location", location);
    response.set("Cache-Control", "no-store");
    response.setContentLength64(0);
    addSecurityHeaders(response);
    response.send();
}

} // namespace majlis::web
