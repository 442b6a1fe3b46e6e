// Accounts, roles and council scope over real HTTP: a council's staff reach
// their own council's records by every read path and another council's
// non-public records by none, with no title or count leaked.

#include "tests/web/PortalFixture.h"

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace majlis;
using accounts::Role;
using test::HttpSession;
using test::httpRequest;

namespace {

const std::string A = "RD-01";
const std::string B = "MQ-02";
const std::string kSecretWord = "زعفرانية"; // only in council B's internal record
// A misspelling that only council B's internal record has; the public
// record has the right spelling.
const std::string kHiddenNearMiss = "الحدائك";
const std::string kBTitle = "محضر داخلي لجدة عن الزعفرانية";
const std::string kBConfidentialTitle = "تقرير سري لجدة";
const std::string kATitle = "محضر داخلي للرياض عن الحدائق";
const std::string kAConfidentialTitle = "ملف سري للرياض";

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

std::int64_t facetCount(const nlohmann::json& search, const std::string& facet, const std::string& value)
{
    for (const auto& entry : search["facets"][facet])
        if (entry["value"] == value)
            return entry["count"].get<std::int64_t>();
    return 0;
}

struct AccessFixture : test::PortalFixture {
    std::string aInternal, aConfidential, bInternal, bConfidential, bPublic;

    AccessFixture()
    {
        addAccount("secretary.a", Role::council_secretary, A);
        addAccount("member.a", Role::council_member, A);
        addAccount("secretary.b", Role::council_secretary, B);
        addAccount("citizen1", Role::citizen);
        addAccount("clerk", Role::secretariat);

        aInternal = addRecordWithFile(kATitle, records::AccessLevel::internal, A, "نص محضر الرياض عن الحدائق");
        aConfidential = addRecord(kAConfidentialTitle, records::AccessLevel::confidential, A).id;
        bInternal = addRecordWithFile(kBTitle, records::AccessLevel::internal, B, "نص محضر جدة عن " + kSecretWord + " " + kHiddenNearMiss);
        bConfidential = addRecord(kBConfidentialTitle, records::AccessLevel::confidential, B).id;
        bPublic = addRecord("قرار عام لجدة عن الحدائق", records::AccessLevel::public_access, B).id;
        // A second version of each internal record, for the version paths.
        for (const std::string& id : {aInternal, bInternal}) {
            records::RecordChange change;
            change.tags = std::vector<std::string>{"محاضر"};
            change.reason = "وسم";
            service->store().update(id, change, "test");
        }
        waitForIndex();
    }

    std::string addRecordWithFile(const std::string& title, records::AccessLevel access, const std::string& council,
        const std::string& text)
    {
        records::NewRecord record;
        record.type = records::RecordType::minutes;
        record.title = title;
        record.council = council;
        record.access = access;
        record.date = CalendarDate::parse("1446-06-01");
        std::istringstream in(text);
        record.files.push_back(service->store().storeStream(in, "محضر.txt"));
        return service->store().create(record, "test").id;
    }

    test::HttpReply get(const std::string& path, const std::string& user)
    {
        return httpRequest(port(), "GET", path, {{"Authorization", basicFor(user)}});
    }

    test::HttpReply postJson(const std::string& path, const std::string& user, const nlohmann::json& body)
    {
        return httpRequest(port(), "POST", path, {{"Authorization", basicFor(user)}, {"Content-Type", "application/json"}},
            body.dump());
    }

    nlohmann::json search(const std::string& query, const std::string& user)
    {
        const auto reply = get("/api/v1/search?q=" + query, user);
        BOOST_REQUIRE_EQUAL(reply.status, 200);
        return nlohmann::json::parse(reply.body);
    }

    // Every read path of one record through the API.
    std::vector<std::string> readPaths(const std::string& id)
    {
        const std::string base = "/api/v1/records/" + id;
        return {base, base + "/versions", base + "/versions/1", base + "/versions/2", base + "/versions/1/files/0",
            base + "/versions/2/files/0", base + "/text", base + "/files/0/searchable-pdf"};
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(account_access, AccessFixture)

BOOST_AUTO_TEST_CASE(council_staff_cannot_reach_another_councils_record_by_any_api_path)
{
    for (const std::string& path : readPaths(bInternal)) {
        const auto reply = get(path, "secretary.a");
        BOOST_TEST(reply.status == 404, path);
        BOOST_TEST(!contains(reply.body, kBTitle), path);
        BOOST_TEST(!contains(reply.body, kSecretWord), path);
    }
    // The same answer as for a record that does not exist.
    BOOST_TEST(get("/api/v1/records/" + bInternal, "secretary.a").body.find("not found") != std::string::npos);
    BOOST_TEST(get("/api/v1/records/" + bConfidential, "secretary.a").status == 404);
    BOOST_TEST(get("/api/v1/records/" + bConfidential, "member.a").status == 404);
}

BOOST_AUTO_TEST_CASE(council_staff_reach_their_own_councils_record_by_every_path)
{
    for (const std::string& path : readPaths(aInternal)) {
        if (contains(path, "searchable-pdf"))
            continue; // a text file has no searchable PDF
        const auto reply = get(path, "secretary.a");
        BOOST_TEST(reply.status == 200, path << ": " << reply.body.substr(0, 200));
    }
    BOOST_TEST(contains(get("/api/v1/records/" + aInternal, "member.a").body, kATitle));
    BOOST_TEST(get("/api/v1/records/" + aConfidential, "secretary.a").status == 200);
    // Council members read internal records but not confidential ones.
    BOOST_TEST(get("/api/v1/records/" + aConfidential, "member.a").status == 404);
    BOOST_TEST(get("/api/v1/records/" + bInternal, "secretary.b").status == 200);
    BOOST_TEST(get("/api/v1/records/" + bInternal, "clerk").status == 200);
    BOOST_TEST(get("/api/v1/records/" + aInternal, "citizen1").status == 404);
    BOOST_TEST(get("/api/v1/records/" + bPublic, "citizen1").status == 200);
}

BOOST_AUTO_TEST_CASE(search_hits_totals_facets_and_hints_stay_in_scope)
{
    const nlohmann::json hidden = search(kSecretWord, "secretary.a");
    BOOST_TEST(hidden["total"] == 0);
    BOOST_TEST(hidden["results"].empty());
    BOOST_TEST(facetCount(hidden, "council", B) == 0);
    const std::string text = hidden.dump();
    BOOST_TEST(!contains(text, kBTitle));
    BOOST_TEST(!contains(text, kSecretWord));

    // The same search finds it for the council's own secretary.
    const nlohmann::json own = search(kSecretWord, "secretary.b");
    BOOST_TEST(own["total"] == 1);
    BOOST_TEST(own["total_exact"] == true);
    BOOST_TEST(own["facets_exact"] == true);
    BOOST_TEST(own["results"][0]["id"] == bInternal);

    // Browsing: facet counts include only what the caller may read. Every
    // caller also finds the public council and term records the server seeds.
    std::int64_t seeded = 0;
    for (const std::string type : {"council", "term"})
        seeded += nlohmann::json::parse(httpRequest(port(), "GET", "/api/v1/search?type=" + type).body)["total"]
                      .get<std::int64_t>();
    BOOST_TEST(seeded > 0);
    // Each council also has its own public council record, seeded under its code.
    const nlohmann::json browse = search("", "secretary.a");
    BOOST_TEST(facetCount(browse, "council", B) == 1 + 1); // the public one
    BOOST_TEST(facetCount(browse, "council", A) == 2 + 1); // internal and confidential
    BOOST_TEST(browse["total"] == 3 + seeded);
    BOOST_TEST(!contains(browse.dump(), kBConfidentialTitle));
    const nlohmann::json member = search("", "member.a");
    BOOST_TEST(facetCount(member, "council", A) == 1 + 1);
    BOOST_TEST(!contains(member.dump(), kAConfidentialTitle));
    const nlohmann::json anonymous = nlohmann::json::parse(httpRequest(port(), "GET", "/api/v1/search").body);
    BOOST_TEST(anonymous["total"] == 1 + seeded);
    BOOST_TEST(facetCount(anonymous, "council", A) == 0 + 1);
    const nlohmann::json clerk = search("", "clerk");
    BOOST_TEST(clerk["total"] == 5 + seeded);

    // A near miss of the hidden word: no hint spells it.
    const nlohmann::json nearMiss = search("زعفرانيت", "secretary.a");
    BOOST_TEST(!contains(nearMiss.dump(), kSecretWord));
    BOOST_TEST(nearMiss["total"] == 0);
}

BOOST_AUTO_TEST_CASE(a_word_only_hidden_records_have_counts_as_unknown)
{
    // Outside council B the word is treated like a word no record has: it is
    // corrected to the public spelling, so neither the hint nor its absence
    // tells that a hidden record contains it.
    for (const std::string user : {"secretary.a", "citizen1"}) {
        const nlohmann::json reply = search(kHiddenNearMiss, user);
        BOOST_TEST(reply["suggestion"] == "الحدائق", user);
        for (const auto& hit : reply["results"])
            BOOST_TEST(hit["id"] != bInternal, user);
    }
    const nlohmann::json own = search(kHiddenNearMiss, "secretary.b");
    BOOST_TEST(own["suggestion"].is_null());
    BOOST_TEST(own["results"][0]["id"] == bInternal);
}

BOOST_AUTO_TEST_CASE(staff_pages_show_only_the_councils_records)
{
    HttpSession session(port());
    signInAs(session, "secretary.a");
    const std::string base = "/staff/records/" + bInternal;
    for (const std::string& path : {base, base + "/edit", base + "/compare?a=1&b=2", base + "/text",
             base + "/extraction", base + "/extraction.json"}) {
        const auto reply = session.get(path);
        BOOST_TEST(reply.status == 404, path);
        BOOST_TEST(!contains(reply.body, kBTitle), path);
    }
    const auto dashboard = session.get("/staff");
    BOOST_TEST(dashboard.status == 200);
    BOOST_TEST(contains(dashboard.body, kATitle));
    BOOST_TEST(!contains(dashboard.body, kBTitle));
    BOOST_TEST(!contains(dashboard.body, kBConfidentialTitle));
    BOOST_TEST(session.get("/staff/records/" + aInternal).status == 200);
    BOOST_TEST(session.get("/staff/records/" + aInternal + "/compare?a=1&b=2").status == 200);
    // The session cookie also authenticates the API, for links from the portal.
    BOOST_TEST(session.get("/api/v1/records/" + aInternal).status == 200);
    BOOST_TEST(session.get("/api/v1/records/" + bInternal).status == 404);
    // The extraction queue spans councils.
    BOOST_TEST(get("/api/v1/queue", "secretary.a").status == 403);
    BOOST_TEST(get("/api/v1/queue", "clerk").status == 200);
}

BOOST_AUTO_TEST_CASE(writes_check_role_and_council)
{
    const nlohmann::json forA = {{"type", "decision"}, {"title", "قرار جديد للرياض"}, {"council", A}};
    const nlohmann::json forB = {{"type", "decision"}, {"title", "قرار جديد لجدة"}, {"council", B}};
    BOOST_TEST(postJson("/api/v1/records", "secretary.a", forA).status == 201);
    BOOST_TEST(postJson("/api/v1/records", "secretary.a", forB).status == 403);
    BOOST_TEST(postJson("/api/v1/records", "member.a", forA).status == 403);
    BOOST_TEST(postJson("/api/v1/records", "citizen1", forA).status == 403);
    BOOST_TEST(postJson("/api/v1/records", "clerk", forB).status == 201);
    const nlohmann::json retitle = {{"title", "عنوان آخر"}, {"reason", "تصحيح"}};
    BOOST_TEST(postJson("/api/v1/records/" + aInternal + "/versions", "secretary.a", retitle).status == 201);
    BOOST_TEST(postJson("/api/v1/records/" + bInternal + "/versions", "secretary.a", retitle).status == 404);
    BOOST_TEST(postJson("/api/v1/records/" + aInternal + "/versions", "member.a", retitle).status == 403);
    // Moving a record to another council needs both councils.
    const nlohmann::json move = {{"council", B}, {"reason", "نقل"}};
    BOOST_TEST(postJson("/api/v1/records/" + aInternal + "/versions", "secretary.a", move).status == 403);
    BOOST_TEST(service->store().current(aInternal).council == A);

    // The staff form: a council secretary cannot file a record under another council.
    HttpSession session(port());
    const std::string csrf = signInAs(session, "secretary.a");
    const auto edit = session.postForm("/staff/records/" + aInternal + "/edit",
        {{"csrf", csrf}, {"type", "minutes"}, {"title", kATitle}, {"council", B}, {"access", "internal"},
            {"reason", "نقل"}});
    BOOST_TEST(edit.status == 403);
    BOOST_TEST(service->store().current(aInternal).council == A);
}

BOOST_AUTO_TEST_CASE(citizens_do_not_get_staff_pages)
{
    HttpSession session(port());
    signInAs(session, "citizen1");
    BOOST_TEST(session.get("/staff").status == 403);
    BOOST_TEST(session.get("/staff/records/" + bPublic).status == 403);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(account_sessions, test::PortalFixture)

BOOST_AUTO_TEST_CASE(sessions_survive_a_restart)
{
    addAccount("secretary.a", Role::council_secretary, A);
    HttpSession before(port());
    signInAs(before, "secretary.a");
    BOOST_TEST(before.get("/staff").status == 200);
    restart();
    BOOST_TEST(!service->createdAdminPassword().has_value()); // printed once only
    HttpSession after(port());
    after.cookies() = before.cookies();
    BOOST_TEST(after.get("/staff").status == 200);
}

BOOST_AUTO_TEST_CASE(sign_out_and_password_change_revoke_sessions)
{
    addAccount("secretary.a", Role::council_secretary, A);
    HttpSession first(port());
    const std::string csrf = signInAs(first, "secretary.a");
    HttpSession second(port());
    signInAs(second, "secretary.a");
    const auto cookies = first.cookies();

    BOOST_TEST(first.postForm("/staff/logout", {{"csrf", csrf}}).status == 303);
    HttpSession replay(port());
    replay.cookies() = cookies;
    BOOST_TEST(replay.get("/staff").status == 303); // to the sign-in page
    BOOST_TEST(second.get("/staff").status == 200);

    service->accounts().setPassword("secretary.a", "another-Pass-77", "secretary.a");
    BOOST_TEST(second.get("/staff").status == 303);
    // The old password no longer signs in: a write asks for credentials.
    const nlohmann::json body = {{"type", "decision"}, {"title", "x"}, {"council", A}};
    BOOST_TEST(httpRequest(port(), "POST", "/api/v1/records",
                   {{"Authorization", basicFor("secretary.a")}, {"Content-Type", "application/json"}}, body.dump())
                   .status
        == 401);
}

BOOST_AUTO_TEST_CASE(basic_auth_works_for_any_account_until_disabled)
{
    addAccount("secretary.a", Role::council_secretary, A);
    const auto record = addRecord(kATitle, records::AccessLevel::internal, A);
    const auto path = "/api/v1/records/" + record.id;
    BOOST_TEST(httpRequest(port(), "GET", path).status == 404);
    BOOST_TEST(httpRequest(port(), "GET", path, {{"Authorization", basicFor("secretary.a")}}).status == 200);
    service->accounts().setDisabled("secretary.a", true, "admin");
    // A disabled account's credentials are rejected, not read as anonymous.
    BOOST_TEST(httpRequest(port(), "GET", path, {{"Authorization", basicFor("secretary.a")}}).status == 401);
    const nlohmann::json body = {{"type", "decision"}, {"title", "x"}, {"council", A}};
    BOOST_TEST(httpRequest(port(), "POST", "/api/v1/records",
                   {{"Authorization", basicFor("secretary.a")}, {"Content-Type", "application/json"}}, body.dump())
                   .status
        == 401);
}

BOOST_AUTO_TEST_CASE(own_sign_in_keeps_failures_counted)
{
    // An attacker who owns one account signs in with it between guesses
    // at another account's password; the guesses must still add up.
    addAccount("citizen1", Role::citizen);
    const auto wrong = test::basicAuthorization("admin", "wrong-Guess-123");
    for (int i = 0; i < 4; ++i)
        BOOST_TEST(httpRequest(port(), "GET", "/api/v1/me", {{"Authorization", wrong}}).status == 401);
    BOOST_TEST(httpRequest(port(), "GET", "/api/v1/me", {{"Authorization", basicFor("citizen1")}}).status == 200);
    BOOST_TEST(httpRequest(port(), "GET", "/api/v1/me", {{"Authorization", wrong}}).status == 401);

    BOOST_TEST(httpRequest(port(), "GET", "/api/v1/me", {{"Authorization", basicFor("citizen1")}}).status == 429);
    BOOST_TEST(httpRequest(port(), "GET", "/api/v1/me", {{"Authorization", basicFor("admin")}}).status == 429);
}

BOOST_AUTO_TEST_CASE(portal_and_api_share_the_throttle)
{
    HttpSession session(port());
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto form = session.get("/staff/login");
        const auto reply = session.postForm("/staff/login",
            {{"csrf", test::inputValue(form.body, "csrf")}, {"user", "admin"}, {"password", "wrong-Guess-123"}});
        BOOST_TEST(reply.status == 401);
    }
    const auto wrong = test::basicAuthorization("admin", "wrong-Guess-456");
    for (int attempt = 0; attempt < 2; ++attempt)
        BOOST_TEST(httpRequest(port(), "GET", "/api/v1/me", {{"Authorization", wrong}}).status == 401);

    // Five failures in all: both the form and the API now refuse even the
    // right password.
    BOOST_TEST(httpRequest(port(), "GET", "/api/v1/me", {{"Authorization", basicFor("admin")}}).status == 429);
    const auto form = session.get("/staff/login");
    const auto reply = session.postForm("/staff/login",
        {{"csrf", test::inputValue(form.body, "csrf")}, {"user", "admin"}, {"password", adminPassword()}});
    BOOST_TEST(reply.status == 429);
}

BOOST_AUTO_TEST_CASE(wrong_basic_credentials_of_any_account_are_throttled)
{
    addAccount("member.a", Role::council_member, A);
    const auto wrong = test::basicAuthorization("member.a", "wrong-Guess-123");
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(httpRequest(port(), "GET", "/api/v1/records/R09999999", {{"Authorization", wrong}}).status == 401);
    BOOST_TEST(httpRequest(port(), "GET", "/api/v1/records/R09999999", {{"Authorization", wrong}}).status == 429);
    const nlohmann::json body = {{"type", "decision"}, {"title", "x"}, {"council", A}};
    const auto reply = httpRequest(port(), "POST", "/api/v1/records",
        {{"Authorization", basicFor("member.a")}, {"Content-Type", "application/json"}}, body.dump());
    BOOST_TEST(reply.status == 429);
}

BOOST_AUTO_TEST_CASE(wrong_basic_credentials_on_reads_get_401)
{
    addAccount("secretary.a", Role::council_secretary, A);
    const auto internal = addRecord(kATitle, records::AccessLevel::internal, A);
    const auto open = addRecord("قرار عام للرياض", records::AccessLevel::public_access, A);
    const auto wrong = test::basicAuthorization("secretary.a", "wrong-Guess-123");

    // Without an Authorization header, reads stay open to the public.
    BOOST_TEST(httpRequest(port(), "GET", "/api/v1/records/" + open.id).status == 200);
    BOOST_TEST(httpRequest(port(), "GET", "/api/v1/records/" + internal.id).status == 404);

    for (const std::string& id : {open.id, internal.id}) {
        const auto reply = httpRequest(port(), "GET", "/api/v1/records/" + id, {{"Authorization", wrong}});
        BOOST_TEST(reply.status == 401, id);
        BOOST_TEST(contains(reply.body, "the user name or password is wrong"), reply.body);
        BOOST_TEST(contains(reply.header("www-authenticate"), "Basic"));
        BOOST_TEST(!contains(reply.body, kATitle));
    }
    const auto malformed = httpRequest(port(), "GET", "/api/v1/records/" + open.id, {{"Authorization", "Basic !!!"}});
    BOOST_TEST(malformed.status == 401);
    const auto noName = httpRequest(port(), "GET", "/api/v1/records/" + open.id,
        {{"Authorization", test::basicAuthorization("", "wrong-Guess-123")}});
    BOOST_TEST(noName.status == 401);
    const auto longName = httpRequest(port(), "GET", "/api/v1/records/" + open.id,
        {{"Authorization", test::basicAuthorization(std::string(600, 'a'), "wrong-Guess-123")}});
    BOOST_TEST(longName.status == 401);
}

BOOST_AUTO_TEST_CASE(throttled_reads_get_429_with_retry_after)
{
    const auto open = addRecord("قرار عام للرياض", records::AccessLevel::public_access, A);
    const auto path = "/api/v1/records/" + open.id;
    const auto wrong = test::basicAuthorization("admin", "wrong-Guess-123");
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(httpRequest(port(), "GET", path, {{"Authorization", wrong}}).status == 401);

    const auto right = httpRequest(port(), "GET", path, {{"Authorization", basicFor("admin")}});
    BOOST_TEST(right.status == 429);
    const std::string wait = right.header("retry-after");
    BOOST_TEST_REQUIRE(!wait.empty());
    BOOST_TEST(std::stoi(wait) > 0);
    BOOST_TEST(std::stoi(wait) <= 15 * 60);
    BOOST_TEST(contains(right.body, "wait " + wait + " seconds"), right.body);
    BOOST_TEST(!contains(right.body, "قرار عام للرياض"));
    // Anonymous reads from the same address still work.
    BOOST_TEST(httpRequest(port(), "GET", path).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
