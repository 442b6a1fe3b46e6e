#include "web/AccountApi.h"

#include "accounts/Password.h"
#include "affairs/CouncilCodes.h"
#include "core/Error.h"
#include "core/Log.h"
#include "web/Access.h"
#include "web/JsonBody.h"
#include "web/Language.h"

namespace majlis::web {

namespace {

std::optional<std::string> stringField(const nlohmann::json& json, const std::string& name)
{
    if (!json.contains(name) || json[name].is_null())
        return std::nullopt;
    if (!json[name].is_string())
        throw Error(ErrorCode::invalid_argument, "error.invalid_field", "'" + name + "' must be a string",
            {{"field", name}});
    return json[name].get<std::string>();
}

accounts::Account existing(const accounts::AccountStore& accounts, const std::string& username)
{
    auto account = accounts.find(username);
    if (!account)
        throw Error(ErrorCode::not_found, "error.account_not_found", "no account '" + username + "'",
            {{"username", username}});
    return *account;
}

// Administrator actions are writes: same origin, then the role.
void requireAccountAdministrator(const Exchange& exchange, bool write)
{
    if (write)
        requireSameOrigin(exchange);
    requireAdministrator(exchange);
}

} // namespace

void addAccountRoutes(
    Router& router, accounts::AccountStore& accounts, const affairs::Affairs& councils, std::uint64_t maxJsonBytes)
{
    router.add("GET", "/api/v1/me", [&accounts](Exchange& exchange) {
        requireSignedIn(exchange);
        exchange.sendJson(200, accounts::toPublicJson(existing(accounts, exchange.caller.username)));
    });

    router.add("POST", "/api/v1/me/password", [&accounts, maxJsonBytes](Exchange& exchange) {
        requireSameOrigin(exchange);
        requireSignedIn(exchange);
        const nlohmann::json body = readJsonObject(exchange, maxJsonBytes);
        const std::string& username = exchange.caller.username;
        // Re-authentication: a stolen session alone cannot change the password.
        if (!accounts.checkPassword(username, stringField(body, "current_password").value_or("")))
            throw Error(ErrorCode::forbidden, "error.current_password_wrong", "the current password is wrong");
        accounts.setPassword(username, stringField(body, "new_password").value_or(""), username);
        exchange.sendJson(200, {{"changed", true}, {"sessions_ended", true}});
    });

    router.add("GET", "/api/v1/accounts", [&accounts](Exchange& exchange) {
        requireAccountAdministrator(exchange, false);
        nlohmann::json list = nlohmann::json::array();
        for (const auto& account : accounts.list())
            list.push_back(accounts::toPublicJson(account));
        exchange.sendJson(200, {{"accounts", list}});
    });

    router.add("POST", "/api/v1/accounts", [&accounts, &councils, maxJsonBytes](Exchange& exchange) {
        requireAccountAdministrator(exchange, true);
        const nlohmann::json body = readJsonObject(exchange, maxJsonBytes);
        rejectUnknownKeys(body, {"username", "display_name", "role", "council", "email", "password"});
        accounts::NewAccount fields;
        fields.username = stringField(body, "username").value_or("");
        fields.displayName = stringField(body, "display_name").value_or("");
        fields.role = accounts::parseRole(stringField(body, "role").value_or(""));
        fields.council = affairs::resolveCouncilCode(*councils.snapshot(), stringField(body, "council").value_or(""));
        fields.email = stringField(body, "email").value_or("");
        const auto given = stringField(body, "password");
        const std::string password = given ? *given : accounts::generatePassword();
        nlohmann::json json = accounts::toPublicJson(accounts.create(fields, password, exchange.caller.name));
        if (!given)
            json["password"] = password; // shown once; only its hash is kept
        exchange.response.set("Location", "/api/v1/accounts/" + fields.username);
        exchange.sendJson(201, json);
    });

    router.add("GET", "/api/v1/accounts/{username}", [&accounts](Exchange& exchange) {
        requireAccountAdministrator(exchange, false);
        exchange.sendJson(200, accounts::toPublicJson(existing(accounts, exchange.param("username"))));
    });

    router.add("PATCH", "/api/v1/accounts/{username}", [&accounts, &councils, maxJsonBytes](Exchange& exchange) {
        requireAccountAdministrator(exchange, true);
        const nlohmann::json body = readJsonObject(exchange, maxJsonBytes);
        rejectUnknownKeys(body, {"display_name", "role", "council", "email"});
        accounts::AccountChange change;
        change.displayName = stringField(body, "display_name");
        if (const auto role = stringField(body, "role"))
            change.role = accounts::parseRole(*role);
        change.council = stringField(body, "council");
        if (const auto current = accounts.find(exchange.param("username")); current && change.council)
            change.council = affairs::changedCouncilCode(*councils.snapshot(), *change.council, current->council);
        change.email = stringField(body, "email");
        exchange.sendJson(200, accounts::toPublicJson(accounts.update(exchange.param("username"), change, exchange.caller.name)));
    });

    for (const bool disable : {true, false}) {
        router.add("POST", std::string("/api/v1/accounts/{username}/") + (disable ? "disable" : "enable"),
            [&accounts, disable](Exchange& exchange) {
                requireAccountAdministrator(exchange, true);
                exchange.sendJson(200, accounts::toPublicJson(
                    accounts.setDisabled(exchange.param("username"), disable, exchange.caller.name)));
            });
    }

    router.add("POST", "/api/v1/accounts/{username}/password-reset", [&accounts](Exchange& exchange) {
        requireAccountAdministrator(exchange, true);
        const std::string& username = exchange.param("username");
        existing(accounts, username);
        const std::string password = accounts.resetPassword(username, exchange.caller.name);
        exchange.sendJson(200, {{"username", username}, {"password", password}, {"sessions_ended", true}});
    });
}

} // namespace majlis::web
