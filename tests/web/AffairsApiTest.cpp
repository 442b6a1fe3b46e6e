#include "accounts/Role.h"
#include "tests/support/HttpClient.h"
#include "tests/web/PortalFixture.h"

#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>


using namespace majlis;
using nlohmann::json;
using test::httpRequest;

namespace {

// The portal's server over a fresh data folder, with the councils and
// terms seeded as on any first start, and JSON helpers.
struct AffairsServer : test::PortalFixture {
    std::string admin = test::basicAuthorization("admin", adminPassword());

    test::HttpReply get(const std::string& path, bool asAdmin = false)
    {
        std::map<std::string, std::string> headers;
        if (asAdmin)
            headers["Authorization"] = admin;
        return httpRequest(port(), "GET", path, headers);
    }

    json getJson(const std::string& path, bool asAdmin = false)
    {
        const test::HttpReply reply = get(path, asAdmin);
        BOOST_TEST_REQUIRE(reply.status == 200, path + ": " + reply.body);
        return json::parse(reply.body);
    }

    test::HttpReply post(const std::string& path, const json& body, bool asAdmin = true)
    {
        return postWith(path, body, asAdmin ? admin : std::string());
    }

    test::HttpReply postWith(const std::string& path, const json& body, const std::string& authorization)
    {
        std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
        if (!authorization.empty())
            headers["Authorization"] = authorization;
        return httpRequest(port(), "POST", path, headers, body.dump());
    }

    json postJson(const std::string& path, const json& body)
    {
        const test::HttpReply reply = post(path, body);
        BOOST_TEST_REQUIRE((reply.status == 200 || reply.status == 201), path + ": " + reply.body);
        return json::parse(reply.body);
    }

    std::string addMember(const std::string& council, const std::string& name, const std::string& phone)
    {
        return postJson("/api/v1/councils/" + council + "/members",
            {{"term", "T4"}, {"name_ar", name}, {"starts_on", "1445-01-01"}, {"selection", "elected"},
                {"committees", {"لجنة الخدمات"}}, {"contact", {{"phone", phone}, {"email", "x@example.org"}}}})
            .at("id")
            .get<std::string>();
    }
};

std::string errorMessage(const test::HttpReply& reply)
{
    return json::parse(reply.body).at("error").at("message").get<std::string>();
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(AffairsApi, AffairsServer)

BOOST_AUTO_TEST_CASE(councils_list_shape)
{
    const json body = getJson("/api/v1/councils");
    BOOST_TEST(body.size() == 1u);
    BOOST_REQUIRE(body.contains("councils"));
    BOOST_TEST(body.at("councils").size() == 17u);
    for (const json& council : body.at("councils")) {
        BOOST_TEST(council.at("code").is_string());
        BOOST_TEST(council.at("name_ar").is_string());
        BOOST_TEST(council.at("region").is_string());
        BOOST_TEST(council.at("seats").is_number_integer());
    }
    BOOST_TEST(getJson("/api/v1/councils?region=MQ").at("councils").size() == 3u);

    const test::HttpReply unknown = get("/api/v1/councils?region=ZZ");
    BOOST_TEST(unknown.status == 400);
    BOOST_TEST(errorMessage(unknown).find("'ZZ'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(regions_and_terms)
{
    const json regions = getJson("/api/v1/regions").at("regions");
    BOOST_REQUIRE_EQUAL(regions.size(), 13u);
    BOOST_TEST(regions[0].at("code") == "RD");
    BOOST_TEST(regions[0].at("councils") == 1);
    const json terms = getJson("/api/v1/terms").at("terms");
    BOOST_TEST(terms.size() >= 1u);
    BOOST_TEST(terms.back().at("starts_on").contains("hijri"));
}

BOOST_AUTO_TEST_CASE(council_not_found_names_code)
{
    BOOST_TEST(getJson("/api/v1/councils/RD-01").at("code") == "RD-01");
    const test::HttpReply missing = get("/api/v1/councils/XX-99");
    BOOST_TEST(missing.status == 404);
    BOOST_TEST(errorMessage(missing).find("XX-99") != std::string::npos);
    BOOST_TEST(get("/api/v1/councils/XX-99/members").status == 404);
    BOOST_TEST(get("/api/v1/members/R99999999").status == 404);
}

BOOST_AUTO_TEST_CASE(writes_need_administrator)
{
    const json council = {{"code", "RD-10"}, {"name_ar", "المجلس البلدي بمحافظة الخرج"}, {"region", "RD"},
        {"category", "a"}, {"seats", 10}};
    BOOST_TEST(post("/api/v1/councils", council, false).status == 401);
    BOOST_TEST(getJson("/api/v1/councils").at("councils").size() == 17u);

    const json created = postJson("/api/v1/councils", council);
    BOOST_TEST(created.at("code") == "RD-10");
    BOOST_TEST(getJson("/api/v1/councils").at("councils").size() == 18u);

    const json edited = postJson("/api/v1/councils/RD-10", {{"seats", 12}, {"reason", "ministerial decision"}});
    BOOST_TEST(edited.at("seats") == 12);
    BOOST_TEST(edited.at("version") == 2);
    const json history = getJson("/api/v1/records/" + edited.at("id").get<std::string>() + "/versions");
    BOOST_TEST(history.at("versions").size() == 2u);
    BOOST_TEST(history.at("versions")[1].at("reason") == "ministerial decision");
}

BOOST_AUTO_TEST_CASE(council_staff_write_only_their_council_meetings_and_decisions)
{
    addAccount("secretary.riyadh", accounts::Role::council_secretary, "RD-01");
    addAccount("member.riyadh", accounts::Role::council_member, "RD-01");
    addAccount("staff.secretariat", accounts::Role::secretariat);
    const std::string secretary = basicFor("secretary.riyadh");
    const json meeting = {{"title", "الجلسة العادية"}, {"date", "1446-02-10"}, {"status", "planned"}};

    const test::HttpReply own = postWith("/api/v1/councils/RD-01/meetings", meeting, secretary);
    BOOST_TEST_REQUIRE(own.status == 201, own.body);
    const std::string meetingId = json::parse(own.body).at("id").get<std::string>();
    BOOST_TEST(postWith("/api/v1/meetings/" + meetingId, {{"status", "held"}}, secretary).status == 200);
    BOOST_TEST(postWith("/api/v1/councils/RD-01/decisions", {{"title", "قرار"}, {"date", "1446-02-10"}}, secretary)
                   .status
        == 201);

    BOOST_TEST(postWith("/api/v1/councils/MQ-01/meetings", meeting, secretary).status == 403);
    BOOST_TEST(postWith("/api/v1/councils/RD-01/meetings", meeting, basicFor("member.riyadh")).status == 403);
    // Memberships and reference data stay with the secretariat and the administrator.
    const json member = {{"term", "T4"}, {"name_ar", "عضو"}, {"starts_on", "1445-01-01"}, {"selection", "elected"}};
    BOOST_TEST(postWith("/api/v1/councils/RD-01/members", member, secretary).status == 403);
    BOOST_TEST(postWith("/api/v1/councils/RD-01/members", member, basicFor("staff.secretariat")).status == 201);
    BOOST_TEST(postWith("/api/v1/terms/T4", {{"name_en", "Fourth"}}, basicFor("staff.secretariat")).status == 403);
}

BOOST_AUTO_TEST_CASE(meeting_decision_round_trip)
{
    const std::string chair = addMember("RD-01", "فهد بن سعد العتيبي", "0551112222");
    const std::string member = addMember("RD-01", "نورة بنت علي الشهري", "0553334444");

    const json meeting = postJson("/api/v1/councils/RD-01/meetings",
        {{"title", "الجلسة الأولى"}, {"date", "1445-02-10"}, {"status", "held"},
            {"agenda", {"مشروع الميزانية", "تسمية الشوارع"}}});
    const std::string meetingId = meeting.at("id");
    BOOST_TEST(meeting.at("term") == "T4");
    BOOST_TEST(meeting.at("reference") == "RD-01/1445/M1");
    postJson("/api/v1/meetings/" + meetingId + "/attendance",
        {{"attendance", {{chair, "present"}, {member, "absent_excused"}}}});

    const json decision = postJson("/api/v1/councils/RD-01/decisions",
        {{"title", "قرار بشأن مشروع الميزانية"}, {"text", "قرر المجلس الموافقة على مشروع الميزانية."},
            {"date", "1445-02-10"}, {"meeting", meetingId}, {"agenda_item", 1},
            {"votes", {{"for", 1}, {"against", 0}, {"abstain", 0}}}, {"member_votes", {{chair, "for"}}}});
    const std::string decisionId = decision.at("id");
    BOOST_TEST(decision.at("reference") == "RD-01/1445/1");
    BOOST_TEST(decision.at("number") == 1);
    postJson("/api/v1/decisions/" + decisionId + "/status", {{"status", "sent"}, {"on", "1445-02-15"}});

    const json detail = getJson("/api/v1/decisions/" + decisionId);
    BOOST_TEST(detail.at("status") == "sent");
    BOOST_TEST(detail.at("status_history").size() == 2u);
    BOOST_TEST(detail.at("votes").at("for") == 1);
    BOOST_TEST(detail.at("member_votes").size() == 1u);
    BOOST_TEST(detail.at("member_votes")[0].at("member") == chair);
    BOOST_TEST(detail.at("text") == "قرر المجلس الموافقة على مشروع الميزانية.");

    const json meetingDetail = getJson("/api/v1/meetings/" + meetingId);
    BOOST_TEST(meetingDetail.at("agenda").size() == 2u);
    BOOST_TEST(meetingDetail.at("agenda")[0].at("decisions")[0] == decisionId);
    BOOST_TEST(meetingDetail.at("attendance").size() == 2u);

    const json memberDetail = getJson("/api/v1/members/" + chair);
    BOOST_TEST(memberDetail.at("attendance").at("present") == 1);
    BOOST_TEST(memberDetail.at("votes").size() == 1u);

    const json indicators = getJson("/api/v1/councils/RD-01/indicators?term=T4");
    BOOST_TEST(indicators.at("meetings").at("held") == 1);
    BOOST_TEST(indicators.at("decisions").at("issued") == 1);
    BOOST_TEST(indicators.at("attendance").at("rate") == 0.5);
    BOOST_TEST(indicators.at("members").size() == 2u);

    const json overview = getJson("/api/v1/indicators?term=T4");
    BOOST_TEST(overview.at("regions").size() == 13u);
    BOOST_TEST(overview.at("regions")[0].at("meetings").at("held") == 1);

    // Attendance and vote fields add no words to the index; the agenda does.
    waitForIndex();
    BOOST_TEST(getJson("/api/v1/search?q=absent_excused").at("total") == 0);
    BOOST_TEST(getJson("/api/v1/search?q=" + chair).at("total") == 0);
    BOOST_TEST(getJson("/api/v1/search?q=%D8%AA%D8%B3%D9%85%D9%8A%D8%A9&type=meeting").at("total") == 1);
    // Council codes carry their region, so search filters by it.
    BOOST_TEST(getJson("/api/v1/search?q=%D8%AA%D8%B3%D9%85%D9%8A%D8%A9&region=RD").at("total") == 1);
    BOOST_TEST(getJson("/api/v1/search?q=%D8%AA%D8%B3%D9%85%D9%8A%D8%A9&region=MQ").at("total") == 0);

    BOOST_TEST(getJson("/api/v1/councils/RD-01/decisions?year=1445").at("decisions").size() == 1u);
    BOOST_TEST(getJson("/api/v1/councils/RD-01/decisions?year=1446").at("decisions").empty());
    BOOST_TEST(getJson("/api/v1/councils/RD-01/meetings").at("meetings").size() == 1u);
    BOOST_TEST(getJson("/api/v1/councils/RD-01/members?term=T4").at("members").size() == 2u);
}

BOOST_AUTO_TEST_CASE(contact_details_hidden_from_public)
{
    const std::string phone = "0559876543";
    const std::string memberId = addMember("MQ-02", "ماجد بن خالد الغامدي", phone);
    const json adminView = getJson("/api/v1/members/" + memberId, true);
    BOOST_REQUIRE(adminView.contains("contact"));
    BOOST_TEST(adminView.at("contact").at("phone") == phone);
    const std::string contactId = adminView.at("contact").at("id");
    waitForIndex();

    // Every read path an anonymous caller has.
    const std::vector<std::string> publicPaths = {"/api/v1/members/" + memberId, "/api/v1/councils/MQ-02/members",
        "/api/v1/councils/MQ-02/members?term=T4", "/api/v1/records/" + memberId,
        "/api/v1/records/" + memberId + "/versions", "/api/v1/records/" + memberId + "/versions/1",
        "/api/v1/search?q=" + phone, "/api/v1/search?q=x%40example.org", "/api/v1/councils/MQ-02/indicators"};
    for (const std::string& path : publicPaths) {
        const test::HttpReply reply = get(path);
        BOOST_TEST(reply.status == 200, path);
        BOOST_TEST(reply.body.find(phone) == std::string::npos, path);
        BOOST_TEST(reply.body.find("x@example.org") == std::string::npos, path);
        BOOST_TEST(reply.body.find(contactId) == std::string::npos, path);
    }
    BOOST_TEST(getJson("/api/v1/search?q=" + phone).at("total") == 0);
    // The member itself is indexed and public, so the index has caught up.
    BOOST_TEST(getJson("/api/v1/search?q=%D8%A7%D9%84%D8%BA%D8%A7%D9%85%D8%AF%D9%8A").at("total") == 1);
    const std::vector<std::string> contactPaths = {"/api/v1/records/" + contactId,
        "/api/v1/records/" + contactId + "/versions", "/api/v1/records/" + contactId + "/versions/1"};
    for (const std::string& path : contactPaths)
        BOOST_TEST(get(path).status == 404, path);

    // The record API cannot make the contact record public.
    const test::HttpReply toPublic = post("/api/v1/records/" + contactId + "/versions", {{"access", "public"}});
    BOOST_TEST(toPublic.status == 400);
    BOOST_TEST(get("/api/v1/records/" + contactId).status == 404);
}

BOOST_AUTO_TEST_CASE(hidden_meeting_not_listed)
{
    const json meeting = postJson("/api/v1/councils/RD-01/meetings",
        {{"title", "جلسة سرية"}, {"date", "1445-03-01"}, {"status", "planned"}, {"access", "internal"}});
    const std::string id = meeting.at("id");
    BOOST_TEST(get("/api/v1/meetings/" + id).status == 404);
    BOOST_TEST(getJson("/api/v1/councils/RD-01/meetings").at("meetings").empty());
    BOOST_TEST(getJson("/api/v1/councils/RD-01/meetings", true).at("meetings").size() == 1u);
    BOOST_TEST(getJson("/api/v1/councils/RD-01/indicators").at("meetings").at("planned") == 0);
    BOOST_TEST(getJson("/api/v1/councils/RD-01/indicators", true).at("meetings").at("planned") == 1);
}

BOOST_AUTO_TEST_CASE(invalid_input_named)
{
    const std::vector<std::pair<std::string, json>> cases = {
        {"unknown member 'colour'", {{"code", "RD-11"}, {"name_ar", "م"}, {"region", "RD"}, {"category", "a"}, {"seats", 5}, {"colour", 1}}},
        {"'seats'", {{"code", "RD-11"}, {"name_ar", "م"}, {"region", "RD"}, {"category", "a"}, {"seats", 31}}},
        {"'RD11'", {{"code", "RD11"}, {"name_ar", "م"}, {"region", "RD"}, {"category", "a"}, {"seats", 5}}},
        {"'ZZ'", {{"code", "ZZ-11"}, {"name_ar", "م"}, {"region", "ZZ"}, {"category", "a"}, {"seats", 5}}},
    };
    for (const auto& [expected, body] : cases) {
        const test::HttpReply reply = post("/api/v1/councils", body);
        BOOST_TEST(reply.status == 400, expected);
        BOOST_TEST(errorMessage(reply).find(expected) != std::string::npos, errorMessage(reply));
    }

    json agenda = json::array();
    for (int i = 0; i < 51; ++i)
        agenda.push_back("بند");
    const test::HttpReply tooMany = post("/api/v1/councils/RD-01/meetings",
        {{"title", "جلسة"}, {"date", "1445-03-01"}, {"agenda", agenda}});
    BOOST_TEST(tooMany.status == 400);
    BOOST_TEST(errorMessage(tooMany).find("'agenda'") != std::string::npos);

    const test::HttpReply badDate = post("/api/v1/councils/RD-01/meetings", {{"title", "جلسة"}, {"date", "not a date"}});
    BOOST_TEST(badDate.status == 400);
    const test::HttpReply noDate = post("/api/v1/councils/RD-01/decisions", {{"title", "قرار"}});
    BOOST_TEST(noDate.status == 400);
    BOOST_TEST(errorMessage(noDate).find("'date'") != std::string::npos);
    const test::HttpReply numericDate = post("/api/v1/councils/RD-01/decisions", {{"title", "قرار"}, {"date", 5}});
    BOOST_TEST(numericDate.status == 400);
    BOOST_TEST(errorMessage(numericDate).find("'date'") != std::string::npos);
    const test::HttpReply badYear = get("/api/v1/councils/RD-01/decisions?year=14x6");
    BOOST_TEST(badYear.status == 400);

    const std::string big(2 << 20, 'x');
    const test::HttpReply tooLarge = httpRequest(port(), "POST", "/api/v1/councils",
        {{"Content-Type", "application/json"}, {"Authorization", admin}}, "{\"name_ar\": \"" + big + "\"}");
    BOOST_TEST(tooLarge.status == 413);
}

BOOST_AUTO_TEST_CASE(member_files_keep_their_access)
{
    const std::string memberId = addMember("RD-01", "سلطان بن فهد الحربي", "0557778888");
    const auto addFile = [&](const std::string& title, const std::string& access) {
        return postJson("/api/v1/records",
            {{"type", "member_file"}, {"title", title}, {"council", "RD-01"}, {"access", access},
                {"fields", {{"member", {{"type", "text"}, {"value", memberId}}}}}})
            .at("id")
            .get<std::string>();
    };
    const std::string appointment = addFile("قرار تعيين العضو", "public");
    const std::string declaration = addFile("إقرار الذمة المالية", "confidential");

    const json publicFiles = getJson("/api/v1/members/" + memberId).at("files");
    BOOST_REQUIRE_EQUAL(publicFiles.size(), 1u);
    BOOST_TEST(publicFiles[0].at("id") == appointment);
    const json allFiles = getJson("/api/v1/members/" + memberId, true).at("files");
    BOOST_TEST(allFiles.size() == 2u);
    BOOST_TEST(get("/api/v1/members/" + memberId).body.find(declaration) == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
