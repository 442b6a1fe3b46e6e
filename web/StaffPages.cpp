#include "web/StaffPages.h"

#include "accounts/Password.h"
#include "affairs/CouncilCodes.h"
#include "affairs/ReferenceData.h"
#include "core/Error.h"
#include "core/Log.h"
#include "web/AffairsView.h"
#include "web/Cookies.h"
#include "web/ExtractionApi.h"
#include "web/RecordView.h"
#include "web/StaffSupport.h"
#include "web/WorkflowPages.h"

#include <Poco/Net/HTMLForm.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace majlis::web {

namespace staff {

namespace {

constexpr const char* kLoginCookie = "majlis_login";
constexpr std::size_t kRecentRecords = 20;

} // namespace

std::string councilText(const StaffContext& context, const PageRequest& page, const std::string& code)
{
    if (!context.affairs || code.empty())
        return code;
    const auto readable = [&page](const records::RecordVersion& version) {
        return canRead(page.exchange.caller, version);
    };
    const auto name = councilNameView(page.language, *context.affairs->snapshot(), readable, code);
    return name ? name->value("name", code) : code;
}

void nameCouncil(nlohmann::json& view, const StaffContext& context, const PageRequest& page)
{
    const std::string code = view.value("council", std::string());
    const std::string text = councilText(context, page, code);
    view["council_code"] = code;
    view["council"] = text;
    view["council_lang"] = textLanguage(text);
}

nlohmann::json councilSelect(
    const PageRequest& page, const StaffContext& context, const std::string& selected, bool required)
{
    nlohmann::json regions = nlohmann::json::array();
    bool found = selected.empty();
    if (context.affairs) {
        const Caller& caller = page.exchange.caller;
        const auto readable = [&caller](const records::RecordVersion& version) { return canRead(caller, version); };
        std::vector<affairs::Council> councils = context.affairs->councils(readable);
        std::sort(councils.begin(), councils.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
        for (const affairs::Region& region : affairs::referenceData().regions) {
            nlohmann::json options = nlohmann::json::array();
            for (const affairs::Council& council : councils) {
                if (council.region != region.code || !accounts::canWrite(caller.principal(), council.code))
                    continue;
                nlohmann::json option = councilLinkView(page.language, council);
                option["selected"] = council.code == selected;
                found = found || council.code == selected;
                options.push_back(option);
            }
            if (!options.empty())
                regions.push_back(
                    {{"name", page.language.code == "ar" ? region.nameAr : region.nameEn}, {"councils", options}});
        }
    }
    nlohmann::json other = nullptr;
    if (!found)
        other = {{"value", selected}};
    return {{"council_regions", regions}, {"council_other", other}, {"council_required", required}};
}

std::string knownCouncil(const StaffContext& context, const std::string& council, const std::string& unchanged)
{
    if (!context.affairs)
        return council;
    return affairs::changedCouncilCode(*context.affairs->snapshot(), council, unchanged);
}

std::optional<Session> findSession(StaffContext&, const Exchange& exchange)
{
    if (!exchange.caller.session)
        return std::nullopt;
    return *exchange.caller.session;
}

std::optional<Session> sessionOrRedirect(StaffContext& context, PageRequest& page)
{
    auto session = findSession(context, page.exchange);
    if (!session)
        context.renderer.redirect(page, "/staff/login");
    else
        requireStaff(page.exchange.caller);
    return session;
}

StaffBanner bannerOf(const Session& session)
{
    return {session.user, session.csrfToken, session.account.role == accounts::Role::administrator};
}

std::string fieldOf(const std::map<std::string, std::string>& fields, const std::string& name)
{
    const auto found = fields.find(name);
    return found == fields.end() ? std::string() : found->second;
}

std::map<std::string, std::string> readUrlEncodedForm(Exchange& exchange, std::uint64_t maxBytes)
{
    const auto& request = exchange.request;
    if (request.getChunkedTransferEncoding() || static_cast<std::uint64_t>(request.getContentLength64()) > maxBytes)
        throw Error(ErrorCode::payload_too_large, "error.form_too_large",
            "the form is larger than " + std::to_string(maxBytes) + " bytes");
    Poco::Net::HTMLForm form;
    form.setFieldLimit(50);
    form.setValueLengthLimit(static_cast<int>(maxBytes));
    form.load(exchange.request, exchange.request.stream());
    std::map<std::string, std::string> fields;
    for (const auto& [name, value] : form)
        fields[name] = value;
    return fields;
}

void requireCsrfToken(const Session& session, const std::string& token)
{
    if (!accounts::secretsEqual(token, session.csrfToken))
        throw Error(ErrorCode::forbidden, "error.csrf_invalid", "the form's CSRF token is missing or stale; reload the form and submit it again");
}

records::RecordVersion staffRecord(const Exchange& exchange, const records::RecordStore& store, const std::string& id)
{
    return readableRecord(exchange.caller, store, id);
}

namespace {

// Writes one review flag in the page's language, such as "Doubtful number
// “١٤x٦”". A kind missing from the catalogue shows its stored English reason.
std::string flagText(const PageRequest& page, const Catalogue& catalogue, const nlohmann::json& flag)
{
    if (flag.is_string())
        return flag.get<std::string>();
    const std::string key = "review_flag_" + flag.value("kind", std::string());
    if (!catalogue.has(page.language, key))
        return flag.value("reason", flag.value("kind", std::string()));
    return catalogue.text(page.language, key, {{"value", flag.value("value", std::string())}});
}

// "Page 3: confidence 41%" with the page's flags in the page's language.
nlohmann::json flaggedPageView(const PageRequest& page, const Catalogue& catalogue, const nlohmann::json& entry)
{
    const std::string separator = page.language.code == "ar" ? "، " : ", ";
    std::string flags;
    for (const auto& flag : entry.at("flags")) {
        if (!flags.empty())
            flags += separator;
        flags += flagText(page, catalogue, flag);
    }
    const std::string number = formatNumber(page.language, entry.value("number", 0));
    const std::string confidence = formatNumber(page.language, std::llround(entry.value("mean_confidence", 0.0)));
    return {{"text", catalogue.text(page.language, "flagged_page", {{"number", number}, {"confidence", confidence}})},
        {"flags", flags}};
}

} // namespace

nlohmann::json extractionView(const PageRequest& page, const Catalogue& catalogue, const records::RecordStore& store,
    const records::RecordVersion& version)
{
    nlohmann::json files = nlohmann::json::array();
    for (const auto& file : version.files) {
        nlohmann::json view = {{"name", file.name}, {"name_lang", textLanguage(file.name)}, {"status", "pending"},
            {"pages", 0}, {"flagged", nlohmann::json::array()}, {"error", ""}};
        if (const auto derived = store.derivedText(file.sha256)) {
            if (derived->value("failed", false)) {
                view["status"] = "failed";
                view["error"] = extractionFailureText(catalogue, page.language, *derived);
            } else {
                view["status"] = "done";
                const auto pages = derived->value("pages", nlohmann::json::array());
                view["pages"] = pages.size();
                for (const auto& entry : pages)
                    if (!entry.value("flags", nlohmann::json::array()).empty())
                        view["flagged"].push_back(flaggedPageView(page, catalogue, entry));
            }
        }
        view["status_label"] = catalogue.text(page.language, "extraction_" + view["status"].get<std::string>());
        view["pages_text"] = catalogue.plural(page.language, "pages_count", view["pages"].get<std::int64_t>());
        view["has_flagged"] = !view["flagged"].empty();
        view["failed"] = view["status"] == "failed";
        view["done"] = view["status"] == "done";
        files.push_back(view);
    }
    return files;
}

namespace {

void showLogin(PageRequest& page, StaffContext& context, int status, const std::string& errorKey)
{
    if (findSession(context, page.exchange)) {
        context.renderer.redirect(page, "/staff");
        return;
    }
    // Sign-in has no session yet, so its form carries a token that must
    // match a cookie set with it (the double-submit pattern).
    const std::string token = accounts::randomHex(32);
    addCookie(page.exchange.response, page.exchange.request, kLoginCookie, token);
    nlohmann::json data = {{"title", context.renderer.catalogue().text(page.language, "login_heading")}, {"csrf", token}};
    if (!errorKey.empty())
        data["error"] = context.renderer.catalogue().text(page.language, errorKey);
    context.renderer.send(page, status, "login", data);
}

void submitLogin(PageRequest& page, StaffContext& context)
{
    const std::string& address = page.exchange.clientAddress;
    if (!context.throttle.allowed(address)) {
        logger("security").warning("staff sign-in refused from %s: throttled (request %s)", address, page.exchange.requestId);
        throw Error(ErrorCode::too_many_requests, "error.login_throttled", "too many failed sign-ins from " + address + "; wait 15 minutes and try again");
    }

    const auto fields = readUrlEncodedForm(page.exchange, 64 * 1024);
    const auto field = [&](const std::string& name) {
        const auto found = fields.find(name);
        return found == fields.end() ? std::string() : found->second;
    };
    const auto cookie = cookieValue(page.exchange.request, kLoginCookie);
    if (!cookie || !accounts::secretsEqual(*cookie, field("csrf")))
        throw Error(ErrorCode::forbidden, "error.csrf_invalid", "the sign-in form's token is missing or stale; reload the sign-in page");

    // Security events for the operator; the user name typed is not logged,
    // because a mistyped password often lands in that field.
    const auto account = context.accounts.checkPassword(field("user"), field("password"));
    if (!account) {
        context.throttle.recordFailure(address);
        logger("security").warning("staff sign-in failed from %s (request %s)", address, page.exchange.requestId);
        showLogin(page, context, 401, "login_failed");
        return;
    }
    logger("security").information("staff sign-in of %s from %s", account->username, address);
    const Session session = context.sessions.create(account->username);
    addCookie(page.exchange.response, page.exchange.request, kSessionCookie, session.id);
    addCookie(page.exchange.response, page.exchange.request, kLoginCookie, "", {.httpOnly = true, .maxAgeSeconds = 0});
    context.renderer.redirect(page, "/staff");
}

void submitLogout(PageRequest& page, StaffContext& context)
{
    const auto session = findSession(context, page.exchange);
    if (session) {
        const auto fields = readUrlEncodedForm(page.exchange, 64 * 1024);
        requireCsrfToken(*session, fields.contains("csrf") ? fields.at("csrf") : "");
        context.sessions.revoke(session->id);
    }
    addCookie(page.exchange.response, page.exchange.request, kSessionCookie, "", {.httpOnly = true, .maxAgeSeconds = 0});
    context.renderer.redirect(page, "/");
}

// The records written most recently, newest first, from the audit log.
// Only records the caller may read are listed.
std::vector<records::RecordVersion> recentRecords(const Caller& caller, const records::RecordStore& store)
{
    const std::uint64_t newest = store.auditSequence();
    const auto ids = store.recordsChangedAfter(newest > 200 ? newest - 200 : 0);
    std::vector<records::RecordVersion> recent;
    for (auto it = ids.rbegin(); it != ids.rend() && recent.size() < kRecentRecords; ++it)
        if (auto version = store.find(*it); version && canRead(caller, *version))
            recent.push_back(*version);
    return recent;
}

void showDashboard(PageRequest& page, StaffContext& context)
{
    const auto session = sessionOrRedirect(context, page);
    if (!session)
        return;
    const Catalogue& catalogue = context.renderer.catalogue();
    nlohmann::json records = nlohmann::json::array();
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& version : recentRecords(page.exchange.caller, context.store)) {
        nlohmann::json view = recordView(page.language, catalogue, version);
        view["staff_url"] = "/staff/records/" + encodeUrlComponent(version.id);
        records.push_back(view);
        for (const auto& file : extractionView(page, catalogue, context.store, version))
            if (file["failed"].get<bool>() || file["has_flagged"].get<bool>())
                problems.push_back({{"record", view}, {"file", file}});
    }
    // The queue spans every council, so only accounts that read them all see its length.
    const std::size_t queued = context.store.queueLength(records::kExtractQueue);
    const bool showQueue = accounts::readScope(page.exchange.caller.principal()).everything;
    const nlohmann::json inboxItems
        = context.workflow ? newInboxItems(page, context, *context.workflow) : nlohmann::json::array();
    const nlohmann::json data = {
        {"title", catalogue.text(page.language, "staff_heading")},
        {"queue_text", showQueue ? catalogue.plural(page.language, "extraction_queue", static_cast<std::int64_t>(queued)) : ""},
        {"records", records},
        {"problems", problems},
        {"has_problems", !problems.empty()},
        {"routing", context.workflow != nullptr},
        {"inbox_text", catalogue.plural(page.language, "staff_inbox_new", static_cast<std::int64_t>(inboxItems.size()))},
        {"inbox_items", inboxItems},
        {"has_inbox_items", !inboxItems.empty()},
        {"secretariat", showQueue},
    };
    context.renderer.send(page, 200, "staff_home", data, bannerOf(*session));
}

} // namespace

} // namespace staff

void addStaffPages(Router& router, StaffContext context)
{
    auto shared = std::make_shared<StaffContext>(std::move(context));
    const PageRenderer& renderer = shared->renderer;
    router.add("GET", "/staff/login", renderer.page([shared](PageRequest& page) { staff::showLogin(page, *shared, 200, ""); }));
    router.add("POST", "/staff/login", renderer.page([shared](PageRequest& page) { staff::submitLogin(page, *shared); }));
    router.add("POST", "/staff/logout", renderer.page([shared](PageRequest& page) { staff::submitLogout(page, *shared); }));
    router.add("GET", "/staff", renderer.page([shared](PageRequest& page) { staff::showDashboard(page, *shared); }));
    staff::addUploadPages(router, *shared);
    staff::addRecordPages(router, *shared);
    staff::addAccountPages(router, *shared);
}

} // namespace majlis::web
