#include "accounts/AccountStore.h"
#include "accounts/SessionStore.h"
#include "core/Error.h"
#include "core/Sha256.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>

using namespace majlis;
using namespace majlis::accounts;

namespace {

const std::string kPassword = "river-Stone-42";

struct SessionFixture {
    test::TempDir dir;
    std::int64_t clock = 1'800'000'000;
    std::unique_ptr<records::RecordStore> records;
    std::unique_ptr<AccountStore> accounts;
    std::unique_ptr<SessionStore> sessions;

    SessionFixture()
    {
        open();
        accounts->create({"admin", "", Role::administrator, ""}, kPassword, "tester");
        accounts->create({"secretary.a", "", Role::council_secretary, "مجلس أ"}, kPassword, "tester");
    }

    void open()
    {
        sessions.reset();
        accounts.reset();
        records.reset();
        records = std::make_unique<records::RecordStore>(dir.path());
        accounts = std::make_unique<AccountStore>(*records);
        SessionOptions options;
        options.idleTimeout = std::chrono::minutes(30);
        options.maxLifetime = std::chrono::hours(12);
        options.now = [this] { return clock; };
        sessions = std::make_unique<SessionStore>(*accounts, options);
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(session_store, SessionFixture)

BOOST_AUTO_TEST_CASE(finds_a_new_session_with_its_account)
{
    const Session created = sessions->create("secretary.a");
    BOOST_TEST(created.id.size() == 64u);
    BOOST_TEST(created.csrfToken == csrfTokenOf(created.id));
    BOOST_TEST(created.csrfToken != created.id);
    const auto found = sessions->find(created.id);
    BOOST_REQUIRE(found);
    BOOST_TEST(found->user == "secretary.a");
    BOOST_TEST(found->account.council == "مجلس أ");
    BOOST_TEST(found->csrfToken == created.csrfToken);
    BOOST_TEST(!sessions->find(std::string(64, 'a')).has_value());
    BOOST_TEST(!sessions->find("not-a-token").has_value());
}

BOOST_AUTO_TEST_CASE(stores_only_a_hash_of_the_token)
{
    const Session created = sessions->create("admin");
    std::ifstream in(dir / "db" / "data.mdb", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    BOOST_TEST(bytes.find(created.id) == std::string::npos);
    BOOST_TEST(bytes.find(Sha256::hex(created.id)) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(survives_a_restart)
{
    const Session created = sessions->create("secretary.a");
    open();
    const auto found = sessions->find(created.id);
    BOOST_REQUIRE(found);
    BOOST_TEST(found->user == "secretary.a");
}

BOOST_AUTO_TEST_CASE(expires_when_idle_and_at_the_absolute_limit)
{
    const Session idle = sessions->create("admin");
    clock += 29 * 60;
    BOOST_TEST(sessions->find(idle.id).has_value()); // use restarts the idle timer
    clock += 29 * 60;
    BOOST_TEST(sessions->find(idle.id).has_value());
    clock += 30 * 60;
    BOOST_TEST(!sessions->find(idle.id).has_value());
    BOOST_TEST(sessions->countOf("admin") == 0u);

    const Session busy = sessions->create("admin");
    for (int i = 0; i < 12 * 3 - 1; ++i) {
        clock += 20 * 60;
        BOOST_TEST_REQUIRE(sessions->find(busy.id).has_value());
    }
    clock += 20 * 60; // 12 hours after sign-in, however busy
    BOOST_TEST(!sessions->find(busy.id).has_value());
}

BOOST_AUTO_TEST_CASE(sign_out_revokes_one_session)
{
    const Session first = sessions->create("secretary.a");
    const Session second = sessions->create("secretary.a");
    BOOST_TEST(sessions->countOf("secretary.a") == 2u);
    sessions->revoke(first.id);
    BOOST_TEST(!sessions->find(first.id).has_value());
    BOOST_TEST(sessions->find(second.id).has_value());
    BOOST_TEST(sessions->countOf("secretary.a") == 1u);
}

BOOST_AUTO_TEST_CASE(password_change_and_disabling_revoke_every_session)
{
    const Session first = sessions->create("secretary.a");
    const Session second = sessions->create("secretary.a");
    const Session other = sessions->create("admin");
    accounts->setPassword("secretary.a", "another-Pass-77", "secretary.a");
    BOOST_TEST(!sessions->find(first.id).has_value());
    BOOST_TEST(!sessions->find(second.id).has_value());
    BOOST_TEST(sessions->find(other.id).has_value());

    const Session third = sessions->create("secretary.a");
    accounts->setDisabled("secretary.a", true, "admin");
    BOOST_TEST(!sessions->find(third.id).has_value());
    try {
        sessions->create("secretary.a");
        BOOST_FAIL("a disabled account got a session");
    } catch (const Error& error) {
        BOOST_TEST(error.code() == ErrorCode::forbidden);
    }
}

BOOST_AUTO_TEST_CASE(a_role_change_applies_to_live_sessions)
{
    const Session session = sessions->create("secretary.a");
    accounts->update("secretary.a", {.role = Role::council_member}, "admin");
    const auto found = sessions->find(session.id);
    BOOST_REQUIRE(found);
    BOOST_TEST(found->account.role == Role::council_member);
}

BOOST_AUTO_TEST_SUITE_END()
