// The administrator's account pages: list, create, change role and council
// scope, disable or enable, and reset a password (shown once); and the page
// where every staff member changes their own password.

#include "accounts/Password.h"
#include "core/Error.h"
#include "core/Log.h"
#include "web/Cookies.h"
#include "web/RecordView.h"
#include "web/StaffSupport.h"

#include <Poco/String.h>

namespace majlis::web::staff {

namespace {

using Fields = std::map<std::string, std::string>;

// The session of an administrator, or a redirect to sign-in (then nullopt);
// forbidden for other accounts.
std::optional<Session> administratorSession(StaffContext& context, PageRequest& page)
{
    auto session = sessionOrRedirect(context, page);
    if (session && !accounts::canManageAccounts(page.exchange.caller.principal()))
        throw Error(ErrorCode::forbidden, "error.administrator_only", "the account pages are for administrators only");
    return session;
}

// The form's fields after the administrator's session and CSRF token are checked.
std::optional<std::pair<Session, Fields>> administratorForm(StaffContext& context, PageRequest& page)
{
    auto session = administratorSession(context, page);
    if (!session)
        return std::nullopt;
    Fields fields = readUrlEncodedForm(page.exchange, 64 * 1024);
    requireCsrfToken(*session, fieldOf(fields, "csrf"));
    return std::make_pair(*session, std::move(fields));
}

nlohmann::json roleChoices(const PageRequest& page, const Catalogue& catalogue, accounts::Role selected)
{
    nlohmann::json list = nlohmann::json::array();
    for (const accounts::Role role : accounts::allRoles()) {
        const std::string name(accounts::toString(role));
        list.push_back(nlohmann::json{
            {"value", name}, {"label", catalogue.text(page.language, "role_" + name)}, {"selected", role == selected}});
    }
    return list;
}

void showAccounts(PageRequest& page, StaffContext& context)
{
    const auto session = administratorSession(context, page);
    if (!session)
        return;
    const Catalogue& catalogue = context.renderer.catalogue();
    nlohmann::json list = nlohmann::json::array();
    for (const auto& account : context.accounts.list()) {
        const std::string role(accounts::toString(account.role));
        list.push_back({
            {"username", account.username},
            {"display_name", account.displayName},
            {"role_label", catalogue.text(page.language, "role_" + role)},
            {"roles", roleChoices(page, catalogue, account.role)},
            {"council", account.council},
            {"council_label", account.council.empty() ? catalogue.text(page.language, "account_whole_secretariat") : account.council},
            {"disabled", account.disabled},
            {"status_label", catalogue.text(page.language, account.disabled ? "account_disabled" : "account_enabled")},
            {"url", "/staff/accounts/" + encodeUrlComponent(account.username)},
        });
    }
    const nlohmann::json data = {
        {"title", catalogue.text(page.language, "accounts_heading")},
        {"csrf", session->csrfToken},
        {"accounts", list},
        {"roles", roleChoices(page, catalogue, accounts::Role::council_secretary)},
    };
    context.renderer.send(page, 200, "staff_accounts", data, bannerOf(*session));
}

// Shows a new password once, on a page no cache keeps (staff pages are no-store).
void showPassword(PageRequest& page, StaffContext& context, const Session& session, const std::string& username,
    const std::string& password)
{
    const Catalogue& catalogue = context.renderer.catalogue();
    const nlohmann::json data = {
        {"title", catalogue.text(page.language, "account_password_heading")},
        {"text", catalogue.text(page.language, "account_password_text", {{"username", username}})},
        {"username", username},
        {"password", password},
    };
    context.renderer.send(page, 200, "account_password", data, bannerOf(session));
}

void submitCreate(PageRequest& page, StaffContext& context)
{
    const auto form = administratorForm(context, page);
    if (!form)
        return;
    const auto& [session, fields] = *form;
    accounts::NewAccount account;
    account.username = Poco::trim(fieldOf(fields, "username"));
    account.displayName = Poco::trim(fieldOf(fields, "display_name"));
    account.role = accounts::parseRole(fieldOf(fields, "role"));
    account.council = knownCouncil(context, Poco::trim(fieldOf(fields, "council")));
    const std::string password = accounts::generatePassword();
    context.accounts.create(account, password, session.user);
    showPassword(page, context, session, account.username, password);
}

void submitUpdate(PageRequest& page, StaffContext& context)
{
    const auto form = administratorForm(context, page);
    if (!form)
        return;
    const auto& [session, fields] = *form;
    accounts::AccountChange change;
    change.role = accounts::parseRole(fieldOf(fields, "role"));
    const auto current = context.accounts.find(page.exchange.param("username"));
    change.council = knownCouncil(context, Poco::trim(fieldOf(fields, "council")), current ? current->council : "");
    if (fields.contains("display_name"))
        change.displayName = Poco::trim(fieldOf(fields, "display_name"));
    context.accounts.update(page.exchange.param("username"), change, session.user);
    context.renderer.redirect(page, "/staff/accounts");
}

void submitDisabled(PageRequest& page, StaffContext& context, bool disabled)
{
    const auto form = administratorForm(context, page);
    if (!form)
        return;
    context.accounts.setDisabled(page.exchange.param("username"), disabled, form->first.user);
    context.renderer.redirect(page, "/staff/accounts");
}

void submitReset(PageRequest& page, StaffContext& context)
{
    const auto form = administratorForm(context, page);
    if (!form)
        return;
    const std::string& username = page.exchange.param("username");
    const std::string password = context.accounts.resetPassword(username, form->first.user);
    showPassword(page, context, form->first, username, password);
}

void showChangePassword(PageRequest& page, StaffContext& context, const Session& session, int status,
    const std::string& error)
{
    const Catalogue& catalogue = context.renderer.catalogue();
    nlohmann::json data = {{"title", catalogue.text(page.language, "password_heading")}, {"csrf", session.csrfToken},
        {"user", session.user}};
    if (!error.empty())
        data["error"] = error;
    context.renderer.send(page, status, "change_password", data, bannerOf(session));
}

void submitChangePassword(PageRequest& page, StaffContext& context)
{
    const auto session = sessionOrRedirect(context, page);
    if (!session)
        return;
    const Fields fields = readUrlEncodedForm(page.exchange, 64 * 1024);
    requireCsrfToken(*session, fieldOf(fields, "csrf"));
    // Wrong current passwords count like failed sign-ins, so this form is
    // no way around the throttle.
    const std::string& address = page.exchange.clientAddress;
    if (!context.throttle.allowed(address))
        throw Error(ErrorCode::too_many_requests, "error.login_throttled",
            "too many failed sign-ins from " + address + "; wait 15 minutes and try again");
    const Catalogue& catalogue = context.renderer.catalogue();
    if (!context.accounts.checkPassword(session->user, fieldOf(fields, "current_password"))) {
        context.throttle.recordFailure(address);
        logger("security").warning("wrong current password from %s (request %s)", address, page.exchange.requestId);
        showChangePassword(page, context, *session, 403, catalogue.text(page.language, "error_current_password_wrong"));
        return;
    }
    if (fieldOf(fields, "new_password") != fieldOf(fields, "new_password_again")) {
        showChangePassword(page, context, *session, 400, catalogue.text(page.language, "error_password_mismatch"));
        return;
    }
    try {
        context.accounts.setPassword(session->user, fieldOf(fields, "new_password"), session->user);
    } catch (const Error& error) {
        if (error.code() != ErrorCode::invalid_argument)
            throw;
        std::string key = error.messageId();
        std::replace(key.begin(), key.end(), '.', '_');
        const std::string message = catalogue.has(page.language, key) ? catalogue.text(page.language, key, error.params())
                                                                      : error.what();
        showChangePassword(page, context, *session, 400, message);
        return;
    }
    // Every session ended with the change, this one too: sign in again.
    addCookie(page.exchange.response, page.exchange.request, kSessionCookie, "", {.httpOnly = true, .maxAgeSeconds = 0});
    context.renderer.redirect(page, "/staff/login");
}

} // namespace

void addAccountPages(Router& router, StaffContext& context)
{
    const PageRenderer& renderer = context.renderer;
    router.add("GET", "/staff/password", renderer.page([&context](PageRequest& page) {
        if (const auto session = sessionOrRedirect(context, page))
            showChangePassword(page, context, *session, 200, "");
    }));
    router.add("POST", "/staff/password",
        renderer.page([&context](PageRequest& page) { submitChangePassword(page, context); }));
    router.add("GET", "/staff/accounts", renderer.page([&context](PageRequest& page) { showAccounts(page, context); }));
    router.add("POST", "/staff/accounts", renderer.page([&context](PageRequest& page) { submitCreate(page, context); }));
    router.add("POST", "/staff/accounts/{username}",
        renderer.page([&context](PageRequest& page) { submitUpdate(page, context); }));
    router.add("POST", "/staff/accounts/{username}/disable",
        renderer.page([&context](PageRequest& page) { submitDisabled(page, context, true); }));
    router.add("POST", "/staff/accounts/{username}/enable",
        renderer.page([&context](PageRequest& page) { submitDisabled(page, context, false); }));
    router.add("POST", "/staff/accounts/{username}/password-reset",
        renderer.page([&context](PageRequest& page) { submitReset(page, context); }));
}

} // namespace majlis::web::staff
