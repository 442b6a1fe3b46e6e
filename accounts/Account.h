#pragma once

#include "accounts/Role.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace majlis::accounts {

// One account as stored. `council` is the council's code as records carry
// it (records::RecordVersion::council); empty means the whole secretariat.
struct Account {
    std::string username;    // 3 to 64 of a-z 0-9 . _ -, lower case; never changes
    std::string displayName; // shown in the portal and the audit log's readers
    Role role = Role::citizen;
    std::string council;
    std::string email;        // where workflow notifications go; empty: none
    std::string passwordHash; // Argon2id, PHC string format
    bool disabled = false;
    std::string created;         // UTC ISO 8601
    std::string updated;         // UTC ISO 8601: the last change of any field
    std::string passwordChanged; // UTC ISO 8601

    bool secretariatWide() const { return council.empty(); }
};

// What the API and the CLI show of an account: everything but the hash.
nlohmann::json toPublicJson(const Account& account);

nlohmann::json toStoredJson(const Account& account);
Account accountFromStoredJson(const nlohmann::json& json);

// The fields of a new account; the password is checked against the rules.
struct NewAccount {
    std::string username;
    std::string displayName;
    Role role = Role::citizen;
    std::string council;
    std::string email = {};
};

// A change of role, council scope or display name; absent members stay.
struct AccountChange {
    std::optional<std::string> displayName = std::nullopt;
    std::optional<Role> role = std::nullopt;
    std::optional<std::string> council = std::nullopt;
    std::optional<std::string> email = std::nullopt;
};

// Throws invalid_argument (error.invalid_username) unless `username` is 3 to
// 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit.
void requireValidUsername(const std::string& username);

// Throws invalid_argument when the council scope does not fit the role:
// error.account_council_required (council_secretary, council_member without one) or
// error.account_council_not_allowed (administrator, secretariat, citizen with one).
void requireValidScope(Role role, const std::string& council);

// Throws invalid_argument (error.invalid_email) unless `email` is empty or
// one address of at most 254 bytes: text, '@', a domain, with no spaces,
// control characters or line breaks.
void requireValidEmail(const std::string& email);

} // namespace majlis::accounts
