#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace majlis::web {

// The one administrator account that exists until accounts and roles do.
// Its password is stored only as an Argon2id hash in <data>/admin.json. On
// first start a random password is generated and returned once, for the
// operator to read from the server's output.
class AdminAccount {
public:
    // Loads the account, creating it when absent; `createdPassword` receives
    // the new password when the account was just created.
    static std::unique_ptr<AdminAccount> loadOrCreate(const std::filesystem::path& dataDirectory,
        std::optional<std::string>& createdPassword);

    // Checks an `Authorization: Basic …` header value.
    bool checkBasicAuthorization(const std::string& header);

    // Checks a user name and password, as the staff sign-in form sends them.
    // Runs Argon2id every time, so callers throttle failed attempts.
    bool checkPassword(const std::string& user, const std::string& password) const;

    const std::string& user() const { return user_; }

    AdminAccount(std::string user, std::string passwordHash)
        : user_(std::move(user))
        , passwordHash_(std::move(passwordHash))
    {
    }

private:
    std::string user_;
    std::string passwordHash_;
    // SHA-256 of headers already verified, so Argon2id runs once per credential.
    std::set<std::string> verified_;
    std::mutex mutex_;
};

std::string hashPassword(const std::string& password);
bool verifyPassword(const std::string& password, const std::string& encodedHash);

} // namespace majlis::web
