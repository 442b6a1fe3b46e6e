#pragma once

#include "accounts/Account.h"
#include "records/RecordStore.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace majlis::accounts {

// The accounts, in the records' LMDB environment (named databases
// "accounts", "sessions" and "account_sessions"). Every change appends an
// audit event (account.create, account.update, account.disable,
// account.enable, account.password_change, account.password_reset,
// account.migrate) to the records' hash chain in the same transaction, so
// `majlis verify` covers them. Passwords are checked against the rules
// (checkPasswordRules) and stored as Argon2id hashes only.
class AccountStore {
public:
    explicit AccountStore(records::RecordStore& store);

    std::optional<Account> find(const std::string& username) const;
    std::vector<Account> list() const; // by user name
    bool empty() const;

    // Throws invalid_argument (user name, scope, password rules) or
    // conflict (error.account_exists).
    Account create(const NewAccount& account, const std::string& password, const std::string& actor);

    // Changes display name, role or council scope; throws not_found,
    // invalid_argument, or conflict (error.last_administrator) when the last
    // enabled administrator would lose the role.
    Account update(const std::string& username, const AccountChange& change, const std::string& actor);

    // Disabling ends every session of the account at once. The last enabled
    // administrator cannot be disabled (conflict, error.last_administrator).
    Account setDisabled(const std::string& username, bool disabled, const std::string& actor);

    // Sets a password the rules accept and ends every session of the account.
    void setPassword(const std::string& username, const std::string& password, const std::string& actor);

    // Sets a generated password, ends every session and returns the password
    // for the caller to show once.
    std::string resetPassword(const std::string& username, const std::string& actor);

    // The enabled account with this user name and password. Runs Argon2id
    // also for unknown names, so timing does not tell which names exist;
    // callers throttle failures (LoginThrottle).
    std::optional<Account> checkPassword(const std::string& username, const std::string& password) const;

    // On a store without accounts: moves the administrator of
    // <data>/admin.json (the single-account era) into the store and renames
    // the file to admin.json.migrated; without that file, creates "admin"
    // with a generated password and returns the password, to be shown once.
    // Does nothing when accounts exist.
    std::optional<std::string> bootstrapAdministrator(const std::filesystem::path& dataDirectory);

    records::LmdbEnvironment& environment() const { return env_; }

    // The session databases, for SessionStore.
    MDB_dbi sessionsDatabase() const { return sessions_; }
    MDB_dbi accountSessionsDatabase() const { return accountSessions_; }

    // Removes every session of `username` inside a write transaction.
    void revokeSessions(records::LmdbTransaction& txn, const std::string& username) const;

    // Reads an account inside a transaction.
    std::optional<Account> read(const records::LmdbTransaction& txn, const std::string& username) const;

private:
    void write(records::LmdbTransaction& txn, const Account& account, const std::string& actor,
        const std::string& action) const;
    void requireAnotherAdministrator(const records::LmdbTransaction& txn, const std::string& username) const;

    records::RecordStore& store_;
    records::LmdbEnvironment& env_;
    MDB_dbi accounts_;
    MDB_dbi sessions_;
    MDB_dbi accountSessions_;
};

} // namespace majlis::accounts
