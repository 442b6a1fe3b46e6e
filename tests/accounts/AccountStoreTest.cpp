#include "accounts/AccountStore.h"
#include "accounts/Password.h"
#include "core/Error.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace majlis;
using namespace majlis::accounts;

namespace {

const std::string kPassword = "river-Stone-42";

ErrorCode codeOf(const std::function<void()>& action, std::string* messageId = nullptr)
{
    try {
        action();
    } catch (const Error& error) {
        if (messageId)
            *messageId = error.messageId();
        return error.code();
    }
    BOOST_FAIL("no error thrown");
    return ErrorCode::internal;
}

struct StoreFixture {
    test::TempDir dir;
    std::unique_ptr<records::RecordStore> records = std::make_unique<records::RecordStore>(dir.path());
    std::unique_ptr<AccountStore> accounts = std::make_unique<AccountStore>(*records);

    Account add(const std::string& username, Role role, const std::string& council = "")
    {
        return accounts->create({username, "", role, council}, kPassword, "tester");
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(account_store, StoreFixture)

BOOST_AUTO_TEST_CASE(creates_finds_and_lists_accounts)
{
    const Account created = accounts->create({"secretary.a", "أمين مجلس أ", Role::council_secretary, "مجلس أ"}, kPassword, "admin");
    BOOST_TEST(created.passwordHash.starts_with("$argon2id$"));
    const auto found = accounts->find("secretary.a");
    BOOST_REQUIRE(found);
    BOOST_TEST(found->displayName == "أمين مجلس أ");
    BOOST_TEST(found->role == Role::council_secretary);
    BOOST_TEST(found->council == "مجلس أ");
    BOOST_TEST(!found->disabled);
    BOOST_TEST(!found->created.empty());
    add("clerk", Role::secretariat);
    BOOST_TEST(accounts->list().size() == 2u);
    BOOST_TEST(!toPublicJson(*found).contains("password_argon2id"));
}

BOOST_AUTO_TEST_CASE(refuses_bad_names_scopes_passwords_and_duplicates)
{
    std::string id;
    BOOST_TEST(codeOf([&] { add("Bad Name", Role::citizen); }, &id) == ErrorCode::invalid_argument);
    BOOST_TEST(id == "error.invalid_username");
    BOOST_TEST(codeOf([&] { add("member", Role::council_member); }, &id) == ErrorCode::invalid_argument);
    BOOST_TEST(id == "error.account_council_required");
    BOOST_TEST(codeOf([&] { add("clerk", Role::secretariat, "مجلس أ"); }, &id) == ErrorCode::invalid_argument);
    BOOST_TEST(id == "error.account_council_not_allowed");
    BOOST_TEST(codeOf([&] { accounts->create({"shorty", "", Role::citizen, ""}, "short-1", "t"); }, &id)
        == ErrorCode::invalid_argument);
    BOOST_TEST(id == "error.password_too_short");
    add("archivist", Role::archivist); // secretariat-wide
    add("archivist.a", Role::archivist, "مجلس أ");
    BOOST_TEST(codeOf([&] { add("archivist", Role::archivist); }, &id) == ErrorCode::conflict);
    BOOST_TEST(id == "error.account_exists");
}

BOOST_AUTO_TEST_CASE(checks_passwords_and_refuses_disabled_accounts)
{
    add("member.a", Role::council_member, "مجلس أ");
    add("admin", Role::administrator);
    BOOST_TEST(accounts->checkPassword("member.a", kPassword).has_value());
    BOOST_TEST(!accounts->checkPassword("member.a", "wrong-Password-1").has_value());
    BOOST_TEST(!accounts->checkPassword("nobody", kPassword).has_value());
    accounts->setDisabled("member.a", true, "admin");
    BOOST_TEST(!accounts->checkPassword("member.a", kPassword).has_value());
    accounts->setDisabled("member.a", false, "admin");
    BOOST_TEST(accounts->checkPassword("member.a", kPassword).has_value());
}

BOOST_AUTO_TEST_CASE(changes_role_and_scope_and_passwords)
{
    add("admin", Role::administrator);
    add("user.a", Role::council_member, "مجلس أ");
    const Account changed = accounts->update("user.a", {.role = Role::council_secretary, .council = "مجلس ب"}, "admin");
    BOOST_TEST(changed.role == Role::council_secretary);
    BOOST_TEST(changed.council == "مجلس ب");
    std::string id;
    BOOST_TEST(codeOf([&] { accounts->update("user.a", {.role = Role::secretariat}, "admin"); }, &id)
        == ErrorCode::invalid_argument); // still scoped to مجلس ب
    BOOST_TEST(accounts->update("user.a", {.role = Role::secretariat, .council = ""}, "admin").council == "");

    accounts->setPassword("user.a", "another-Pass-77", "user.a");
    BOOST_TEST(!accounts->checkPassword("user.a", kPassword).has_value());
    BOOST_TEST(accounts->checkPassword("user.a", "another-Pass-77").has_value());
    const std::string reset = accounts->resetPassword("user.a", "admin");
    BOOST_TEST(accounts->checkPassword("user.a", reset).has_value());
    BOOST_TEST(codeOf([&] { accounts->setPassword("nobody", kPassword, "admin"); }) == ErrorCode::not_found);
}

BOOST_AUTO_TEST_CASE(keeps_one_enabled_administrator)
{
    add("admin", Role::administrator);
    std::string id;
    BOOST_TEST(codeOf([&] { accounts->setDisabled("admin", true, "admin"); }, &id) == ErrorCode::conflict);
    BOOST_TEST(id == "error.last_administrator");
    BOOST_TEST(codeOf([&] { accounts->update("admin", {.role = Role::secretariat}, "admin"); }) == ErrorCode::conflict);
    add("admin2", Role::administrator);
    BOOST_TEST(accounts->setDisabled("admin", true, "admin2").disabled);
}

BOOST_AUTO_TEST_CASE(changes_are_audited_in_the_verified_chain)
{
    add("admin", Role::administrator);
    add("member.a", Role::council_member, "مجلس أ");
    accounts->setDisabled("member.a", true, "admin");
    accounts->setPassword("member.a", "another-Pass-77", "admin");
    std::vector<std::string> actions;
    records->forEachAuditEntry(1, [&](const records::AuditEntry& entry) {
        if (entry.subject == "account:member.a")
            actions.push_back(entry.action);
        BOOST_TEST(entry.record.empty());
        return true;
    });
    BOOST_TEST((actions == std::vector<std::string>{"account.create", "account.disable", "account.password_reset"}));
    const auto report = records->verify();
    BOOST_TEST(report.ok());
    BOOST_TEST(report.auditEntries == 4u);

    // Records and account events share one chain.
    records::NewRecord record;
    record.title = "قرار";
    records->create(record, "admin");
    BOOST_TEST(records->verify().ok());
}

BOOST_AUTO_TEST_CASE(bootstrap_creates_admin_once_with_a_printed_password)
{
    const auto password = accounts->bootstrapAdministrator(dir.path());
    BOOST_REQUIRE(password);
    const auto admin = accounts->checkPassword("admin", *password);
    BOOST_REQUIRE(admin);
    BOOST_TEST(admin->role == Role::administrator);
    BOOST_TEST(!accounts->bootstrapAdministrator(dir.path()).has_value());

    // A restart keeps the account and prints nothing.
    accounts.reset();
    records = std::make_unique<records::RecordStore>(dir.path());
    accounts = std::make_unique<AccountStore>(*records);
    BOOST_TEST(!accounts->bootstrapAdministrator(dir.path()).has_value());
    BOOST_TEST(accounts->checkPassword("admin", *password).has_value());
}

BOOST_AUTO_TEST_CASE(bootstrap_migrates_the_old_admin_json)
{
    const std::string hash = hashPassword("old-Admin-Pass-1");
    {
        std::ofstream out(dir / "admin.json");
        out << nlohmann::json{{"user", "admin"}, {"password_argon2id", hash}}.dump();
    }
    BOOST_TEST(!accounts->bootstrapAdministrator(dir.path()).has_value());
    BOOST_TEST(!std::filesystem::exists(dir / "admin.json"));
    BOOST_TEST(std::filesystem::exists(dir / "admin.json.migrated"));
    const auto admin = accounts->checkPassword("admin", "old-Admin-Pass-1");
    BOOST_REQUIRE(admin);
    BOOST_TEST(admin->role == Role::administrator);
    BOOST_TEST(records->verify().ok());
}

BOOST_AUTO_TEST_SUITE_END()
