#include "tests/web/PortalFixture.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;
using test::httpRequest;

namespace {

const std::string A = "RD-01";

struct ApiFixture : test::PortalFixture {
    test::HttpReply call(const std::string& method, const std::string& path, const std::string& authorization,
        const nlohmann::json& body = nullptr)
    {
        std::map<std::string, std::string> headers;
        if (!authorization.empty())
            headers["Authorization"] = authorization;
        if (!body.is_null())
            headers["Content-Type"] = "application/json";
        return httpRequest(port(), method, path, headers, body.is_null() ? std::string() : body.dump());
    }

    nlohmann::json json(const test::HttpReply& reply) { return nlohmann::json::parse(reply.body); }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(account_api, ApiFixture)

BOOST_AUTO_TEST_CASE(administrator_creates_an_account_whose_password_is_shown_once)
{
    const std::string admin = basicFor("admin");
    const auto created = call("POST", "/api/v1/accounts", admin,
        {{"username", "secretary.a"}, {"display_name", "أمين مجلس الرياض"}, {"role", "council_secretary"}, {"council", A}});
    BOOST_REQUIRE_EQUAL(created.status, 201);
    const std::string password = json(created)["password"];
    BOOST_TEST(password.size() == 20u);
    BOOST_TEST(created.body.find("argon2") == std::string::npos);

    const auto me = call("GET", "/api/v1/me", test::basicAuthorization("secretary.a", password));
    BOOST_REQUIRE_EQUAL(me.status, 200);
    BOOST_TEST(json(me)["role"] == "council_secretary");
    BOOST_TEST(json(me)["council"] == A);

    const auto listed = json(call("GET", "/api/v1/accounts", admin));
    BOOST_TEST(listed["accounts"].size() == 2u);
    BOOST_TEST(listed.dump().find("argon2") == std::string::npos);
    BOOST_TEST(json(call("GET", "/api/v1/accounts/secretary.a", admin))["display_name"] == "أمين مجلس الرياض");
    BOOST_TEST(call("GET", "/api/v1/accounts/secretary.a", admin).body.find("\"password\":") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(password_rules_answer_in_arabic_and_english)
{
    const auto reply = call("POST", "/api/v1/accounts", basicFor("admin"),
        {{"username", "member.a"}, {"role", "council_member"}, {"council", A}, {"password", "short-1"}});
    BOOST_TEST(reply.status == 400);
    const auto error = json(reply)["error"];
    BOOST_TEST(error["message_id"] == "error.password_too_short");
    BOOST_TEST(error["messages"]["ar"] == "يجب أن تتكون كلمة المرور من 12 حرفًا على الأقل.");
    BOOST_TEST(error["messages"]["en"] == "The password must have at least 12 characters.");

    const auto noCouncil = call("POST", "/api/v1/accounts", basicFor("admin"),
        {{"username", "member.a"}, {"role", "council_member"}, {"password", "river-Stone-42"}});
    BOOST_TEST(json(noCouncil)["error"]["message_id"] == "error.account_council_required");
}

BOOST_AUTO_TEST_CASE(account_council_is_a_known_code)
{
    const std::string admin = basicFor("admin");
    const auto named = call("POST", "/api/v1/accounts", admin,
        {{"username", "member.j"}, {"role", "council_member"}, {"council", "المجلس البلدي لأمانة محافظة جدة"}});
    BOOST_REQUIRE_EQUAL(named.status, 201);
    BOOST_TEST(json(named)["council"] == "MQ-02");

    const auto unknown = call("POST", "/api/v1/accounts", admin,
        {{"username", "member.k"}, {"role", "council_member"}, {"council", "مجلس جدة"}});
    BOOST_TEST(unknown.status == 400);
    BOOST_TEST(json(unknown)["error"]["message_id"] == "error.unknown_council_code");
    BOOST_TEST(call("PATCH", "/api/v1/accounts/member.j", admin, {{"council", "ZZ-99"}}).status == 400);
    BOOST_TEST(json(call("GET", "/api/v1/accounts/member.j", admin))["council"] == "MQ-02");
}

BOOST_AUTO_TEST_CASE(only_administrators_manage_accounts)
{
    addAccount("clerk", accounts::Role::secretariat);
    BOOST_TEST(call("GET", "/api/v1/accounts", "").status == 401);
    BOOST_TEST(call("GET", "/api/v1/accounts", basicFor("clerk")).status == 403);
    BOOST_TEST(call("POST", "/api/v1/accounts", basicFor("clerk"),
                   {{"username", "x.y"}, {"role", "administrator"}, {"password", "river-Stone-42"}})
                   .status
        == 403);
    BOOST_TEST(call("POST", "/api/v1/accounts/admin/disable", basicFor("clerk")).status == 403);
    BOOST_TEST(call("GET", "/api/v1/me", "").status == 401);
}

BOOST_AUTO_TEST_CASE(role_scope_disable_and_reset)
{
    const std::string admin = basicFor("admin");
    addAccount("member.a", accounts::Role::council_member, A);
    const auto changed = call("PATCH", "/api/v1/accounts/member.a", admin, {{"role", "council_secretary"}});
    BOOST_TEST(changed.status == 200);
    BOOST_TEST(json(changed)["role"] == "council_secretary");
    BOOST_TEST(json(call("PATCH", "/api/v1/accounts/member.a", admin, {{"role", "secretariat"}}))["error"]["message_id"]
        == "error.account_council_not_allowed");
    BOOST_TEST(json(call("PATCH", "/api/v1/accounts/member.a", admin, {{"role", "secretariat"}, {"council", ""}}))["role"]
        == "secretariat");

    BOOST_TEST(call("POST", "/api/v1/accounts/member.a/disable", admin).status == 200);
    BOOST_TEST(call("GET", "/api/v1/me", basicFor("member.a")).status == 401);
    BOOST_TEST(call("POST", "/api/v1/accounts/member.a/enable", admin).status == 200);
    BOOST_TEST(call("GET", "/api/v1/me", basicFor("member.a")).status == 200);

    const auto reset = call("POST", "/api/v1/accounts/member.a/password-reset", admin);
    BOOST_REQUIRE_EQUAL(reset.status, 200);
    BOOST_TEST(call("GET", "/api/v1/me", basicFor("member.a")).status == 401);
    BOOST_TEST(call("GET", "/api/v1/me", test::basicAuthorization("member.a", json(reset)["password"])).status == 200);
    BOOST_TEST(call("POST", "/api/v1/accounts/nobody/password-reset", admin).status == 404);
    BOOST_TEST(json(call("POST", "/api/v1/accounts/admin/disable", admin))["error"]["message_id"]
        == "error.last_administrator");
}

BOOST_AUTO_TEST_CASE(email_is_set_changed_and_cleared)
{
    const std::string admin = basicFor("admin");
    const auto created = call("POST", "/api/v1/accounts", admin,
        {{"username", "clerk.a"}, {"role", "secretariat"}, {"email", "clerk.a@example.org"}});
    BOOST_REQUIRE_EQUAL(created.status, 201);
    BOOST_TEST(json(created)["email"] == "clerk.a@example.org");
    BOOST_TEST(json(call("GET", "/api/v1/accounts/clerk.a", admin))["email"] == "clerk.a@example.org");

    const auto changed = call("PATCH", "/api/v1/accounts/clerk.a", admin, {{"email", "desk@example.org"}});
    BOOST_TEST(changed.status == 200);
    BOOST_TEST(json(changed)["email"] == "desk@example.org");
    const std::string clerk = test::basicAuthorization("clerk.a", json(created)["password"]);
    BOOST_TEST(json(call("GET", "/api/v1/me", clerk))["email"] == "desk@example.org");

    const auto invalid = call("PATCH", "/api/v1/accounts/clerk.a", admin, {{"email", "desk at example.org"}});
    BOOST_TEST(invalid.status == 400);
    BOOST_TEST(json(invalid)["error"]["message_id"] == "error.invalid_email");
    BOOST_TEST(json(call("GET", "/api/v1/accounts/clerk.a", admin))["email"] == "desk@example.org");

    BOOST_TEST(json(call("PATCH", "/api/v1/accounts/clerk.a", admin, {{"email", ""}}))["email"] == "");
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_rejected)
{
    const std::string admin = basicFor("admin");
    const auto created = call("POST", "/api/v1/accounts", admin,
        {{"username", "clerk.a"}, {"role", "secretariat"}, {"name", "Clerk"}});
    BOOST_TEST(created.status == 400);
    const auto error = json(created)["error"];
    BOOST_TEST(error["message_id"] == "error.unknown_input");
    BOOST_TEST(error["message"].get<std::string>().find("'name'") != std::string::npos, created.body);
    BOOST_TEST(error["message"].get<std::string>().find("display_name") != std::string::npos, created.body);
    BOOST_TEST(error["messages"]["en"].get<std::string>().find("name") != std::string::npos, created.body);
    BOOST_TEST(call("GET", "/api/v1/accounts/clerk.a", admin).status == 404);

    addAccount("member.a", accounts::Role::council_member, A);
    const auto changed = call("PATCH", "/api/v1/accounts/member.a", admin, {{"council_code", A}});
    BOOST_TEST(changed.status == 400);
    BOOST_TEST(json(changed)["error"]["message_id"] == "error.unknown_input");
}

BOOST_AUTO_TEST_CASE(own_password_change_needs_the_current_password_and_ends_sessions)
{
    addAccount("secretary.a", accounts::Role::council_secretary, A);
    test::HttpSession session(port());
    signInAs(session, "secretary.a");
    const nlohmann::json wrong = {{"current_password", "not-The-One-1"}, {"new_password", "another-Pass-77"}};
    BOOST_TEST(call("POST", "/api/v1/me/password", basicFor("secretary.a"), wrong).status == 403);
    const nlohmann::json right = {{"current_password", passwords["secretary.a"]}, {"new_password", "another-Pass-77"}};
    BOOST_TEST(call("POST", "/api/v1/me/password", basicFor("secretary.a"), right).status == 200);
    BOOST_TEST(session.get("/staff").status == 303);
    BOOST_TEST(call("GET", "/api/v1/me", test::basicAuthorization("secretary.a", "another-Pass-77")).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(staff_account_pages, ApiFixture)

BOOST_AUTO_TEST_CASE(administrator_manages_accounts_in_the_portal)
{
    test::HttpSession session(port());
    const std::string csrf = signInAs(session, "admin");
    const auto list = session.get("/staff/accounts");
    BOOST_REQUIRE_EQUAL(list.status, 200);
    BOOST_TEST(list.body.find("<html lang=\"ar\" dir=\"rtl\">") != std::string::npos); // Arabic first
    BOOST_TEST(list.body.find("مدير النظام") != std::string::npos);
    BOOST_TEST(session.get("/staff").body.find("href=\"/staff/accounts\"") != std::string::npos);

    const auto created = session.postForm("/staff/accounts", {{"csrf", csrf}, {"username", "secretary.a"},
        {"display_name", "أمين المجلس"}, {"role", "council_secretary"}, {"council", A}});
    BOOST_REQUIRE_EQUAL(created.status, 200);
    const auto start = created.body.find("<code dir=\"ltr\">");
    BOOST_REQUIRE(start != std::string::npos);
    const std::string password = created.body.substr(start + 16, 20);
    BOOST_TEST(call("GET", "/api/v1/me", test::basicAuthorization("secretary.a", password)).status == 200);
    BOOST_TEST(created.header("cache-control") == "no-store");

    const auto refused = session.postForm("/staff/accounts", {{"csrf", csrf}, {"username", "member.a"},
        {"role", "council_member"}, {"council", ""}});
    BOOST_TEST(refused.status == 400);
    BOOST_TEST(refused.body.find("اختر مجلس هذا الحساب") != std::string::npos);

    BOOST_TEST(session.postForm("/staff/accounts/secretary.a", {{"csrf", csrf}, {"role", "council_member"}, {"council", A}})
                   .status
        == 303);
    BOOST_TEST(service->accounts().find("secretary.a")->role == accounts::Role::council_member);
    BOOST_TEST(session.postForm("/staff/accounts/secretary.a/disable", {{"csrf", csrf}}).status == 303);
    BOOST_TEST(service->accounts().find("secretary.a")->disabled);
    BOOST_TEST(session.postForm("/staff/accounts/secretary.a/enable", {{"csrf", csrf}}).status == 303);
    const auto reset = session.postForm("/staff/accounts/secretary.a/password-reset", {{"csrf", csrf}});
    BOOST_TEST(reset.status == 200);
    BOOST_TEST(call("GET", "/api/v1/me", test::basicAuthorization("secretary.a", password)).status == 401);
    BOOST_TEST(session.postForm("/staff/accounts/secretary.a/disable", {{"csrf", "forged"}}).status == 403);
}

BOOST_AUTO_TEST_CASE(staff_change_their_own_password_under_the_rules)
{
    addAccount("member.a", accounts::Role::council_member, A);
    test::HttpSession session(port());
    const std::string csrf = signInAs(session, "member.a");
    BOOST_TEST(session.get("/staff/password").status == 200);
    const std::string current = passwords["member.a"];
    const auto wrong = session.postForm("/staff/password", {{"csrf", csrf}, {"current_password", "not-The-One-1"},
        {"new_password", "another-Pass-77"}, {"new_password_again", "another-Pass-77"}});
    BOOST_TEST(wrong.status == 403);
    BOOST_TEST(wrong.body.find("كلمة المرور الحالية غير صحيحة") != std::string::npos);
    const auto mismatch = session.postForm("/staff/password", {{"csrf", csrf}, {"current_password", current},
        {"new_password", "another-Pass-77"}, {"new_password_again", "another-Pass-78"}});
    BOOST_TEST(mismatch.status == 400);
    const auto weak = session.postForm("/staff/password", {{"csrf", csrf}, {"current_password", current},
        {"new_password", "my-member.a-pass"}, {"new_password_again", "my-member.a-pass"}});
    BOOST_TEST(weak.status == 400);
    BOOST_TEST(weak.body.find("يجب ألا تحتوي كلمة المرور على اسم المستخدم") != std::string::npos);
    const auto changed = session.postForm("/staff/password", {{"csrf", csrf}, {"current_password", current},
        {"new_password", "another-Pass-77"}, {"new_password_again", "another-Pass-77"}});
    BOOST_TEST(changed.status == 303);
    BOOST_TEST(changed.header("location") == "/staff/login");
    BOOST_TEST(session.get("/staff").status == 303);
    BOOST_TEST(call("GET", "/api/v1/me", test::basicAuthorization("member.a", "another-Pass-77")).status == 200);
}

BOOST_AUTO_TEST_CASE(other_roles_do_not_get_the_account_pages)
{
    addAccount("clerk", accounts::Role::secretariat);
    test::HttpSession session(port());
    const std::string csrf = signInAs(session, "clerk");
    BOOST_TEST(session.get("/staff/accounts").status == 403);
    BOOST_TEST(session.get("/staff").body.find("href=\"/staff/accounts\"") == std::string::npos);
    BOOST_TEST(session.postForm("/staff/accounts", {{"csrf", csrf}, {"username", "x.y"}, {"role", "administrator"}}).status
        == 403);
    BOOST_TEST(service->accounts().list().size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
