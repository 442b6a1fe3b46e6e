#include "accounts/AccountStore.h"

#include "accounts/Password.h"
#include "core/Error.h"
#include "core/Log.h"
#include "core/Sha256.h"
#include "core/Utf8.h"
#include "records/Clock.h"

#include <fstream>

namespace majlis::accounts {

namespace {

// LMDB's default limit on the size of a key.
constexpr std::size_t kMaxKeyBytes = 511;

Error accountNotFound(const std::string& username)
{
    return Error(ErrorCode::not_found, "error.account_not_found", "no account '" + username + "'",
        {{"username", username}});
}

std::string subjectOf(const std::string& username)
{
    return "account:" + username;
}

// A valid Argon2id hash of a random password, verified against when the
// user name is unknown, so an unknown name costs as much as a wrong password.
const std::string& decoyHash()
{
    static const std::string hash = hashPassword(randomHex(16));
    return hash;
}

void requireDisplayName(const std::string& name)
{
    requireCleanText("display name", name);
    if (name.size() > 200)
        throw Error(ErrorCode::invalid_argument, "error.invalid_display_name", "the display name is longer than 200 bytes");
}

} // namespace

AccountStore::AccountStore(records::RecordStore& store)
    : store_(store)
    , env_(store.environment())
    , accounts_(env_.openDatabase("accounts"))
    , sessions_(env_.openDatabase("sessions"))
    , accountSessions_(env_.openDatabase("account_sessions"))
{
}

std::optional<Account> AccountStore::read(const records::LmdbTransaction& txn, const std::string& username) const
{
    // LMDB refuses empty and over-long keys; no account has such a name.
    if (username.empty() || username.size() > kMaxKeyBytes)
        return std::nullopt;
    const auto bytes = txn.get(accounts_, username);
    if (!bytes)
        return std::nullopt;
    return accountFromStoredJson(nlohmann::json::parse(*bytes));
}

std::optional<Account> AccountStore::find(const std::string& username) const
{
    std::optional<Account> account;
    env_.read([&](records::LmdbTransaction& txn) { account = read(txn, username); });
    return account;
}

std::vector<Account> AccountStore::list() const
{
    std::vector<Account> accounts;
    env_.read([&](records::LmdbTransaction& txn) {
        txn.scan(accounts_, {}, [&](std::string_view, std::string_view value) {
            accounts.push_back(accountFromStoredJson(nlohmann::json::parse(value)));
            return true;
        });
    });
    return accounts;
}

bool AccountStore::empty() const
{
    bool none = true;
    env_.read([&](records::LmdbTransaction& txn) { none = !txn.last(accounts_).has_value(); });
    return none;
}

void AccountStore::write(records::LmdbTransaction& txn, const Account& account, const std::string& actor,
    const std::string& action) const
{
    txn.put(accounts_, account.username, toStoredJson(account).dump());
    // The audit event hashes what anyone may see of the account, never the
    // password hash.
    store_.appendAuditEvent(txn, actor, action, subjectOf(account.username), Sha256::hex(toPublicJson(account).dump()));
    logger("security").information("%s by %s: %s", action, actor, account.username);
}

Account AccountStore::create(const NewAccount& fields, const std::string& password, const std::string& actor)
{
    requireValidUsername(fields.username);
    requireDisplayName(fields.displayName);
    requireValidScope(fields.role, fields.council);
    requireValidEmail(fields.email);
    checkPasswordRules(fields.username, password);

    Account account;
    account.username = fields.username;
    account.displayName = fields.displayName.empty() ? fields.username : fields.displayName;
    account.role = fields.role;
    account.council = fields.council;
    account.email = fields.email;
    account.passwordHash = hashPassword(password);
    account.created = account.updated = account.passwordChanged = records::utcNow();

    env_.write([&](records::LmdbTransaction& txn) {
        if (txn.get(accounts_, account.username))
            throw Error(ErrorCode::conflict, "error.account_exists", "an account '" + account.username + "' exists already",
                {{"username", account.username}});
        write(txn, account, actor, "account.create");
    });
    return account;
}

void AccountStore::requireAnotherAdministrator(const records::LmdbTransaction& txn, const std::string& username) const
{
    bool another = false;
    txn.scan(accounts_, {}, [&](std::string_view key, std::string_view value) {
        if (key != username) {
            const Account other = accountFromStoredJson(nlohmann::json::parse(value));
            another = other.role == Role::administrator && !other.disabled;
        }
        return !another;
    });
    if (!another)
        throw Error(ErrorCode::conflict, "error.last_administrator",
            "'" + username + "' is the last enabled administrator; create or enable another one first",
            {{"username", username}});
}

Account AccountStore::update(const std::string& username, const AccountChange& change, const std::string& actor)
{
    if (change.displayName)
        requireDisplayName(*change.displayName);
    if (change.email)
        requireValidEmail(*change.email);
    Account account;
    env_.write([&](records::LmdbTransaction& txn) {
        auto current = read(txn, username);
        if (!current)
            throw accountNotFound(username);
        account = *current;
        if (change.displayName)
            account.displayName = change.displayName->empty() ? username : *change.displayName;
        if (change.role)
            account.role = *change.role;
        if (change.council)
            account.council = *change.council;
        if (change.email)
            account.email = *change.email;
        requireValidScope(account.role, account.council);
        if (current->role == Role::administrator && account.role != Role::administrator && !current->disabled)
            requireAnotherAdministrator(txn, username);
        account.updated = records::utcNow();
        write(txn, account, actor, "account.update");
    });
    return account;
}

Account AccountStore::setDisabled(const std::string& username, bool disabled, const std::string& actor)
{
    Account account;
    env_.write([&](records::LmdbTransaction& txn) {
        auto current = read(txn, username);
        if (!current)
            throw accountNotFound(username);
        account = *current;
        if (disabled && !current->disabled && current->role == Role::administrator)
            requireAnotherAdministrator(txn, username);
        account.disabled = disabled;
        account.updated = records::utcNow();
        write(txn, account, actor, disabled ? "account.disable" : "account.enable");
        if (disabled)
            revokeSessions(txn, username);
    });
    return account;
}

void AccountStore::setPassword(const std::string& username, const std::string& password, const std::string& actor)
{
    if (!find(username))
        throw accountNotFound(username);
    checkPasswordRules(username, password);
    const std::string hash = hashPassword(password);
    env_.write([&](records::LmdbTransaction& txn) {
        auto account = read(txn, username);
        if (!account)
            throw accountNotFound(username);
        account->passwordHash = hash;
        account->passwordChanged = account->updated = records::utcNow();
        write(txn, *account, actor, actor == username ? "account.password_change" : "account.password_reset");
        revokeSessions(txn, username);
    });
}

std::string AccountStore::resetPassword(const std::string& username, const std::string& actor)
{
    const std::string password = generatePassword();
    setPassword(username, password, actor);
    return password;
}

std::optional<Account> AccountStore::checkPassword(const std::string& username, const std::string& password) const
{
    const auto account = username.size() <= 64 ? find(username) : std::nullopt;
    if (!account) {
        verifyPassword(password, decoyHash());
        return std::nullopt;
    }
    if (!verifyPassword(password, account->passwordHash) || account->disabled)
        return std::nullopt;
    return account;
}

void AccountStore::revokeSessions(records::LmdbTransaction& txn, const std::string& username) const
{
    const std::string prefix = username + '\0';
    std::vector<std::string> keys;
    txn.scan(accountSessions_, prefix, [&](std::string_view key, std::string_view) {
        if (!key.starts_with(prefix))
            return false;
        keys.emplace_back(key);
        return true;
    });
    for (const std::string& key : keys) {
        txn.erase(sessions_, key.substr(prefix.size()));
        txn.erase(accountSessions_, key);
    }
}

std::optional<std::string> AccountStore::bootstrapAdministrator(const std::filesystem::path& dataDirectory)
{
    if (!empty())
        return std::nullopt;

    const std::filesystem::path legacy = dataDirectory / "admin.json";
    if (std::filesystem::exists(legacy)) {
        std::ifstream in(legacy);
        const auto json = nlohmann::json::parse(in, nullptr, false);
        if (json.is_discarded() || !json.contains("user") || !json.contains("password_argon2id"))
            throw Error(ErrorCode::invalid_argument, "error.invalid_config",
                legacy.string() + " is not a valid administrator file; remove it to create a new administrator");
        Account account;
        account.username = json.at("user").get<std::string>();
        requireValidUsername(account.username);
        account.displayName = account.username;
        account.role = Role::administrator;
        account.passwordHash = json.at("password_argon2id").get<std::string>();
        account.created = account.updated = account.passwordChanged = records::utcNow();
        env_.write([&](records::LmdbTransaction& txn) {
            if (!txn.last(accounts_))
                write(txn, account, "system", "account.migrate");
        });
        std::filesystem::rename(legacy, dataDirectory / "admin.json.migrated");
        return std::nullopt;
    }

    const std::string password = generatePassword();
    Account account;
    account.username = "admin";
    account.displayName = "admin";
    account.role = Role::administrator;
    account.passwordHash = hashPassword(password);
    account.created = account.updated = account.passwordChanged = records::utcNow();
    bool created = false;
    env_.write([&](records::LmdbTransaction& txn) {
        created = false;
        // Another process may have bootstrapped in the meantime.
        if (!txn.last(accounts_)) {
            write(txn, account, "system", "account.create");
            created = true;
        }
    });
    if (!created)
        return std::nullopt;
    return password;
}

} // namespace majlis::accounts
