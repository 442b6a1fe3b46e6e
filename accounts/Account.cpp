#include "accounts/Account.h"

#include "core/Error.h"
#include "core/Utf8.h"

namespace majlis::accounts {

nlohmann::json toPublicJson(const Account& account)
{
    return {{"username", account.username}, {"display_name", account.displayName},
        {"role", std::string(toString(account.role))}, {"council", account.council},
        {"email", account.email}, {"disabled", account.disabled}, {"created", account.created}, {"updated", account.updated},
        {"password_changed", account.passwordChanged}};
}

nlohmann::json toStoredJson(const Account& account)
{
    nlohmann::json json = toPublicJson(account);
    json["password_argon2id"] = account.passwordHash;
    return json;
}

Account accountFromStoredJson(const nlohmann::json& json)
{
    Account account;
    account.username = json.at("username").get<std::string>();
    account.displayName = json.value("display_name", std::string());
    account.role = parseRole(json.at("role").get<std::string>());
    account.council = json.value("council", std::string());
    account.email = json.value("email", std::string());
    account.passwordHash = json.value("password_argon2id", std::string());
    account.disabled = json.value("disabled", false);
    account.created = json.value("created", std::string());
    account.updated = json.value("updated", std::string());
    account.passwordChanged = json.value("password_changed", std::string());
    return account;
}

void requireValidUsername(const std::string& username)
{
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    };
    const bool valid = username.size() >= 3 && username.size() <= 64
        && std::all_of(username.begin(), username.end(), allowed) && allowed(username.front())
        && username.front() != '.' && username.front() != '_' && username.front() != '-';
    if (!valid)
        throw Error(ErrorCode::invalid_argument, "error.invalid_username",
            "invalid user name '" + username + "'; use 3 to 64 lower-case letters a-z, digits, '.', '_' or '-', "
            "starting with a letter or digit",
            {{"value", username}});
}

void requireValidScope(Role role, const std::string& council)
{
    requireCleanText("council", council);
    if (council.size() > 200)
        throw Error(ErrorCode::invalid_argument, "error.invalid_council", "the council code is longer than 200 bytes");
    if (requiresCouncil(role) && council.empty())
        throw Error(ErrorCode::invalid_argument, "error.account_council_required",
            "a " + std::string(toString(role)) + " account needs a council", {{"role", std::string(toString(role))}});
    if (!allowsCouncil(role) && !council.empty())
        throw Error(ErrorCode::invalid_argument, "error.account_council_not_allowed",
            "a " + std::string(toString(role)) + " account cannot be scoped to a council",
            {{"role", std::string(toString(role))}});
}

void requireValidEmail(const std::string& email)
{
    if (email.empty())
        return;
    const auto at = email.find('@');
    const bool printable = std::all_of(email.begin(), email.end(),
        [](char c) { return static_cast<unsigned char>(c) > 0x20 && c != 0x7f; });
    if (email.size() > 254 || !printable || at == std::string::npos || at == 0 || at + 1 == email.size()
        || email.find('@', at + 1) != std::string::npos)
        throw Error(ErrorCode::invalid_argument, "error.invalid_email",
            "invalid e-mail address '" + email + "'; write one address such as name@example.org, at most 254 bytes",
            {{"value", email}});
}

} // namespace majlis::accounts
