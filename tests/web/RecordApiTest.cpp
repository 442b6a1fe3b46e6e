#include "tests/support/HttpClient.h"
#include "tests/support/SharedCorpus.h"
#include "tests/support/TempDir.h"
#include "web/Service.h"

#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

using namespace majlis;
using test::httpRequest;

namespace {

// A real server on a free loopback port over a fresh data folder.
struct ServerFixture {
    test::TempDir dir;
    std::unique_ptr<web::Service> service;
    std::string admin;

    ServerFixture()
    {
        web::ServerOptions options;
        options.port = 0;
        options.threads = 4;
        service = std::make_unique<web::Service>(dir.path(), options);
        service->start();
        admin = test::basicAuthorization("admin", *service->createdAdminPassword());
    }

    std::uint16_t port() const { return service->port(); }

    test::HttpReply postMultipart(const std::string& path, const std::string& body, bool asAdmin = true)
    {
        std::map<std::string, std::string> headers = {
            {"Content-Type", "multipart/form-data; boundary=----case19boundary"}};
        if (asAdmin)
            headers["Authorization"] = admin;
        return httpRequest(port(), "POST", path, headers, body);
    }

    test::HttpReply postJson(const std::string& path, const nlohmann::json& body)
    {
        return httpRequest(port(), "POST", path, {{"Content-Type", "application/json"}, {"Authorization", admin}},
            body.dump());
    }
};

std::string part(const std::string& disposition, const std::string& content)
{
    return "------case19boundary\r\nContent-Disposition: " + disposition + "\r\n\r\n" + content + "\r\n";
}

std::string formBody(const std::string& access, const std::string& extraParts = {})
{
    return part("form-data; name=\"type\"", "decision") + part("form-data; name=\"title\"", "قرار رقم (12) لسنة 2024")
        + part("form-data; name=\"access\"", access) + part("form-data; name=\"date\"", "1446-06-01")
        + part("form-data; name=\"council\"", "RD-01") + extraParts + "------case19boundary--\r\n";
}

nlohmann::json parse(const test::HttpReply& reply)
{
    return nlohmann::json::parse(reply.body);
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(record_api, ServerFixture)

BOOST_AUTO_TEST_CASE(health_answers_ok)
{
    const auto reply = httpRequest(port(), "GET", "/api/v1/health");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(parse(reply)["status"] == "ok");
    BOOST_TEST(reply.header("x-content-type-options") == "nosniff");
}

BOOST_AUTO_TEST_CASE(multipart_upload_keeps_arabic_names)
{
    const auto reply = postMultipart("/api/v1/records", formBody("public",
        part("form-data; name=\"file\"; filename=\"محضر; رقم=5.pdf\"\r\nContent-Type: application/pdf", "%PDF-1.4 tiny")
            + part("form-data; name=\"file2\"; filename=\"x.pdf\"; filename*=UTF-8''%D9%82%D8%B1%D8%A7%D8%B1.pdf",
                "%PDF-1.4 tiny2")));
    BOOST_TEST_REQUIRE(reply.status == 201, reply.body);
    const auto record = parse(reply);
    BOOST_TEST_REQUIRE(record["files"].size() == 2u);
    BOOST_TEST(record["files"][0]["name"] == "محضر; رقم=5.pdf");
    BOOST_TEST(record["files"][1]["name"] == "قرار.pdf");
    BOOST_TEST(record["files"][0]["media_type"] == "application/pdf");
    BOOST_TEST(record["date"]["hijri"] == "1446-06-01");
    BOOST_TEST(record["date"]["gregorian"] == "2024-12-02");
}

BOOST_AUTO_TEST_CASE(shared_case_multipart_body)
{
    const auto file = test::sharedPath("cases/19-multipart-upload.txt");
    if (!file)
        return;
    // The case body holds only the two file parts; the metadata goes first.
    std::string body = test::readFile(*file);
    body = part("form-data; name=\"type\"", "document") + part("form-data; name=\"title\"", "حالة")
        + part("form-data; name=\"access\"", "public") + body;
    const auto reply = postMultipart("/api/v1/records", body);
    BOOST_TEST_REQUIRE(reply.status == 201, reply.body);
    const auto record = parse(reply);
    BOOST_TEST_REQUIRE(record["files"].size() == 2u);
    BOOST_TEST(record["files"][0]["name"] == "محضر; رقم=5.pdf");
    BOOST_TEST(record["files"][1]["name"] == "قرار.pdf");
}

BOOST_AUTO_TEST_CASE(record_versions_and_download)
{
    const auto created = parse(postMultipart("/api/v1/records",
        formBody("public", part("form-data; name=\"file\"; filename=\"محضر اجتماع ١٤٤٦.pdf\"", "%PDF-1.4 body"))));
    const std::string id = created["id"];

    const auto updated = postJson("/api/v1/records/" + id + "/versions", {{"title", "قرار معدل"}, {"reason", "تصحيح"}});
    BOOST_TEST_REQUIRE(updated.status == 201, updated.body);
    BOOST_TEST(parse(updated)["version"] == 2);

    const auto record = parse(httpRequest(port(), "GET", "/api/v1/records/" + id));
    BOOST_TEST(record["title"] == "قرار معدل");
    BOOST_TEST_REQUIRE(record["files"].size() == 1u);
    BOOST_TEST(record["files"][0]["name"] == "محضر اجتماع ١٤٤٦.pdf");

    const auto versions = parse(httpRequest(port(), "GET", "/api/v1/records/" + id + "/versions"));
    BOOST_TEST_REQUIRE(versions["versions"].size() == 2u);
    BOOST_TEST(versions["versions"][0]["title"] == "قرار رقم (12) لسنة 2024");
    BOOST_TEST(versions["versions"][1]["reason"] == "تصحيح");

    const auto first = parse(httpRequest(port(), "GET", "/api/v1/records/" + id + "/versions/1"));
    BOOST_TEST(first["version"] == 1);

    const auto download = httpRequest(port(), "GET", record["files"][0]["url"].get<std::string>());
    BOOST_TEST(download.status == 200);
    BOOST_TEST(download.body == "%PDF-1.4 body");
    BOOST_TEST(download.header("content-disposition")
        == "attachment; filename=\"____ ______ ____.pdf\"; "
           "filename*=UTF-8''%D9%85%D8%AD%D8%B6%D8%B1%20%D8%A7%D8%AC%D8%AA%D9%85%D8%A7%D8%B9%20%D9%A1%D9%A4%D9%A4%D9%A6.pdf");
}

BOOST_AUTO_TEST_CASE(internal_record_hidden_from_public)
{
    const auto created = parse(postMultipart("/api/v1/records",
        formBody("internal", part("form-data; name=\"file\"; filename=\"سري.pdf\"", "%PDF-1.4 secret"))));
    const std::string id = created["id"];
    const std::string missing = "R99999999";

    for (const std::string& path : {"/api/v1/records/" + id, "/api/v1/records/" + id + "/versions",
             "/api/v1/records/" + id + "/versions/1", "/api/v1/records/" + id + "/versions/1/files/0"}) {
        const auto hidden = httpRequest(port(), "GET", path);
        BOOST_TEST(hidden.status == 404, path);
        BOOST_TEST(hidden.body.find("سري") == std::string::npos, path);
        BOOST_TEST(hidden.body.find("secret") == std::string::npos, path);
    }
    // An internal record and an absent one get the same response.
    const auto absent = parse(httpRequest(port(), "GET", "/api/v1/records/" + missing));
    const auto hidden = parse(httpRequest(port(), "GET", "/api/v1/records/" + id));
    BOOST_TEST(absent["error"]["code"] == hidden["error"]["code"]);

    const auto asAdmin = httpRequest(port(), "GET", "/api/v1/records/" + id, {{"Authorization", admin}});
    BOOST_TEST(asAdmin.status == 200);
}

BOOST_AUTO_TEST_CASE(writes_need_the_administrator)
{
    const auto anonymous = postMultipart("/api/v1/records", formBody("public"), false);
    BOOST_TEST(anonymous.status == 401);
    const auto wrong = httpRequest(port(), "POST", "/api/v1/records",
        {{"Authorization", test::basicAuthorization("admin", "wrong")}, {"Content-Type", "application/json"}}, "{}");
    BOOST_TEST(wrong.status == 401);
}

BOOST_AUTO_TEST_CASE(cross_site_writes_rejected)
{
    const std::string body = nlohmann::json{{"type", "decision"}, {"title", "قرار"}}.dump();
    const auto crossSite = httpRequest(port(), "POST", "/api/v1/records",
        {{"Authorization", admin}, {"Content-Type", "application/json"}, {"Origin", "https://elsewhere.example"}}, body);
    BOOST_TEST(crossSite.status == 403);
    const auto fetchSite = httpRequest(port(), "POST", "/api/v1/records",
        {{"Authorization", admin}, {"Content-Type", "application/json"}, {"Sec-Fetch-Site", "cross-site"}}, body);
    BOOST_TEST(fetchSite.status == 403);
    const auto sameSite = httpRequest(port(), "POST", "/api/v1/records",
        {{"Authorization", admin}, {"Content-Type", "application/json"},
            {"Origin", "http://127.0.0.1:" + std::to_string(port())}, {"Host", "127.0.0.1:" + std::to_string(port())}},
        body);
    BOOST_TEST(sameSite.status == 201, sameSite.body);
}

BOOST_AUTO_TEST_CASE(wrong_credentials_are_throttled)
{
    const auto wrong = test::basicAuthorization("admin", "guess");
    int last = 0;
    for (int i = 0; i < 6; ++i)
        last = httpRequest(port(), "POST", "/api/v1/records", {{"Authorization", wrong}, {"Content-Type", "application/json"}}, "{}")
                   .status;
    BOOST_TEST(last == 429);
    // The throttle applies even to the right password until the window ends.
    BOOST_TEST(postJson("/api/v1/records", {{"type", "decision"}, {"title", "x"}}).status == 429);
}

BOOST_AUTO_TEST_CASE(bad_input_gets_clear_errors)
{
    struct Case {
        nlohmann::json body;
        std::string expectedInMessage;
    };
    const Case cases[] = {
        {{{"type", "bogus"}, {"title", "x"}}, "bogus"},
        {{{"type", "decision"}, {"title", "x"}, {"date", "2023-02-29"}}, "2023-02-29"},
        {{{"type", "decision"}, {"title", "x"}, {"access", "secretish"}}, "secretish"},
        {{{"type", "decision"}}, "title"},
    };
    for (const auto& c : cases) {
        const auto reply = postJson("/api/v1/records", c.body);
        BOOST_TEST(reply.status == 400, c.body.dump());
        BOOST_TEST(parse(reply)["error"]["message"].get<std::string>().find(c.expectedInMessage) != std::string::npos,
            reply.body);
    }
    const auto notJson = httpRequest(port(), "POST", "/api/v1/records",
        {{"Authorization", admin}, {"Content-Type", "application/json"}}, "{not json");
    BOOST_TEST(notJson.status == 400);
}

BOOST_AUTO_TEST_CASE(oversized_requests_rejected)
{
    const auto bigHeader = httpRequest(port(), "GET", "/api/v1/health", {{"X-Big", std::string(9000, 'a')}});
    BOOST_TEST(bigHeader.status == 431);
    BOOST_TEST(parse(bigHeader)["error"]["code"] == "headers_too_large");

    const auto bigBody = httpRequest(port(), "POST", "/api/v1/records",
        {{"Authorization", admin}, {"Content-Type", "application/json"}}, std::string(2 << 20, ' '));
    BOOST_TEST(bigBody.status == 413);
}

BOOST_AUTO_TEST_CASE(unknown_paths_and_methods)
{
    BOOST_TEST(httpRequest(port(), "GET", "/api/v1/nothing").status == 404);
    BOOST_TEST(httpRequest(port(), "DELETE", "/api/v1/health").status == 405);
    BOOST_TEST(httpRequest(port(), "GET", "/api/v1/records/R00000001/versions/abc").status == 400);

    // Outside the API, an unknown path is the portal's page in Arabic.
    const auto page = httpRequest(port(), "GET", "/no-such-page");
    BOOST_TEST(page.status == 404);
    BOOST_TEST(page.header("content-type").find("text/html") != std::string::npos);
    BOOST_TEST(page.body.find("lang=\"ar\"") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

// Every API error carries the catalogue's Arabic and English text beside
// the English message that scripts read.
BOOST_FIXTURE_TEST_SUITE(api_errors, ServerFixture)

namespace {

// Checks the shape of a JSON error and returns its "error" object.
nlohmann::json bilingualError(const test::HttpReply& reply, int status, const std::string& messageId)
{
    BOOST_TEST(reply.status == status, reply.body);
    const nlohmann::json error = nlohmann::json::parse(reply.body, nullptr, false).value("error", nlohmann::json::object());
    BOOST_TEST(error.value("message_id", "") == messageId, reply.body);
    BOOST_TEST(!error.value("code", "").empty(), reply.body);
    BOOST_TEST(!error.value("message", "").empty(), reply.body);
    BOOST_TEST(error.value("request_id", "").starts_with("q"), reply.body);
    BOOST_TEST(error.contains("messages"), reply.body);
    const nlohmann::json messages = error.value("messages", nlohmann::json::object());
    const std::string arabic = messages.value("ar", "");
    const std::string english = messages.value("en", "");
    // Arabic letters are two UTF-8 bytes starting 0xD8 to 0xDB.
    BOOST_TEST((arabic.find('\xD8') != std::string::npos || arabic.find('\xD9') != std::string::npos), reply.body);
    BOOST_TEST(!english.empty(), reply.body);
    BOOST_TEST(arabic.find('{') == std::string::npos, "unfilled placeholder: " << arabic);
    BOOST_TEST(english.find('{') == std::string::npos, "unfilled placeholder: " << english);
    return error;
}

} // namespace

BOOST_AUTO_TEST_CASE(records_error_is_bilingual)
{
    const auto missing = httpRequest(port(), "GET", "/api/v1/records/R99999999", {{"Authorization", admin}});
    const nlohmann::json error = bilingualError(missing, 404, "error.record_not_found");
    BOOST_TEST(error["code"] == "not_found");
    BOOST_TEST(error["messages"]["en"].get<std::string>().find("R99999999") != std::string::npos);
    BOOST_TEST(error["messages"]["ar"].get<std::string>().find("R99999999") != std::string::npos);

    const auto noTitle = postJson("/api/v1/records", {{"type", "decision"}});
    const nlohmann::json titleError = bilingualError(noTitle, 400, "error.missing_field");
    BOOST_TEST(titleError["message"] == "'type' and 'title' are required"); // the English sentence is unchanged
    BOOST_TEST(titleError["messages"]["ar"].get<std::string>().find("title") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(record_council_is_a_known_code)
{
    // A council's exact name is stored as its code.
    const auto named = postJson("/api/v1/records",
        {{"type", "decision"}, {"title", "قرار تسمية"}, {"council", "المجلس البلدي لأمانة محافظة جدة"}});
    BOOST_TEST_REQUIRE(named.status == 201, named.body);
    const nlohmann::json stored = nlohmann::json::parse(named.body);
    BOOST_TEST(stored["council"] == "MQ-02");

    const auto unknown = postJson("/api/v1/records", {{"type", "decision"}, {"title", "قرار"}, {"council", "جدة"}});
    const nlohmann::json error = bilingualError(unknown, 400, "error.unknown_council_code");
    BOOST_TEST(error["messages"]["ar"].get<std::string>().find("جدة") != std::string::npos);

    const std::string id = stored["id"].get<std::string>();
    const auto moved = postJson("/api/v1/records/" + id + "/versions", {{"council", "ZZ-99"}, {"reason", "نقل"}});
    bilingualError(moved, 400, "error.unknown_council_code");
    const auto letter = postJson("/api/v1/correspondence", {{"direction", "incoming"}, {"council", "ZZ-99"}, {"title", "x"}});
    bilingualError(letter, 400, "error.unknown_council_code");
}

BOOST_AUTO_TEST_CASE(search_error_is_bilingual)
{
    const auto badDate = httpRequest(port(), "GET", "/api/v1/search?q=x&from=1445-13-40");
    const nlohmann::json error = bilingualError(badDate, 400, "error.invalid_date_from");
    BOOST_TEST(error["messages"]["ar"].get<std::string>().find("1445-13-40") != std::string::npos);
    BOOST_TEST(error["messages"]["ar"].get<std::string>().find("تاريخ البداية") != std::string::npos);
    BOOST_TEST(error["messages"]["en"].get<std::string>().find("start date") != std::string::npos);
    BOOST_TEST(error["messages"]["en"].get<std::string>().find("page") == std::string::npos); // nothing about pages
    BOOST_TEST(error["message"].get<std::string>().find("month") != std::string::npos); // the calendar's reason

    const auto badPage = httpRequest(port(), "GET", "/api/v1/search?q=x&page=0");
    const nlohmann::json pageError = bilingualError(badPage, 400, "error.invalid_number_parameter");
    BOOST_TEST(pageError["messages"]["ar"].get<std::string>().find("1000") != std::string::npos);
    BOOST_TEST(pageError["messages"]["en"].get<std::string>().find("from 1 to 1000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(affairs_error_is_bilingual)
{
    const auto badYear = httpRequest(port(), "GET", "/api/v1/councils/RD-01/decisions?year=14x6");
    const nlohmann::json error = bilingualError(badYear, 400, "error.invalid_year");
    BOOST_TEST(error["messages"]["ar"].get<std::string>().find("14x6") != std::string::npos);

    // An unknown council code is not the citizen form's "takes no submissions".
    const auto unknownCouncil = postJson("/api/v1/councils/ZZ-99/meetings",
        {{"title", "الجلسة العادية"}, {"date", "1446-02-10"}, {"status", "planned"}});
    const nlohmann::json councilError = bilingualError(unknownCouncil, 400, "error.unknown_council_code");
    BOOST_TEST(councilError["messages"]["en"].get<std::string>().find("ZZ-99") != std::string::npos);
    BOOST_TEST(councilError["messages"]["en"].get<std::string>().find("submissions") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(workflow_error_is_bilingual)
{
    const auto sideways = postJson("/api/v1/correspondence", {{"direction", "sideways"}, {"council", "RD-01"}, {"title", "x"}});
    const nlohmann::json error = bilingualError(sideways, 400, "error.invalid_direction");
    BOOST_TEST(error["messages"]["ar"].get<std::string>().find("sideways") != std::string::npos);
    BOOST_TEST(error["messages"]["en"].get<std::string>().find("incoming") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(router_and_server_errors_are_bilingual)
{
    bilingualError(httpRequest(port(), "GET", "/api/v1/nothing"), 404, "error.no_such_path");
    const nlohmann::json method = bilingualError(httpRequest(port(), "DELETE", "/api/v1/health"), 405,
        "error.method_not_allowed");
    BOOST_TEST(method["messages"]["en"].get<std::string>().find("DELETE") != std::string::npos);
    bilingualError(httpRequest(port(), "GET", "/api/v1/me", {{"Authorization", test::basicAuthorization("admin", "wrong")}}),
        401, "error.credentials_wrong");
    bilingualError(httpRequest(port(), "POST", "/api/v1/records",
                       {{"Authorization", admin}, {"Content-Type", "application/json"}}, std::string(2 << 20, ' ')),
        413, "error.body_too_large");
    bilingualError(httpRequest(port(), "GET", "/api/v1/health", {{"X-Big", std::string(9000, 'a')}}), 431,
        "error.headers_too_large");
}

BOOST_AUTO_TEST_SUITE_END()
