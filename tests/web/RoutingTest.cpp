// Workflow routing over real HTTP on loopback with a real record store: a
// citizen's complaint from submission to the public answer, escalation of
// an overdue item, council scope on every read path, roles, register
// numbers, staff e-mail and the OpenAPI document.

#include "tests/support/SmtpSink.h"
#include "tests/web/PortalFixture.h"
#include "web/CitizenServices.h"
#include "web/RecordView.h"
#include "web/SubmissionChallenge.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <mutex>
#include <fstream>
#include <sstream>
#include <set>

using namespace majlis;
using accounts::Role;
using test::httpRequest;

namespace {

// Keeps the text of every message logged to it, for tests of what an
// operator's log records.
class CapturingChannel : public Poco::Channel {
public:
    void log(const Poco::Message& message) override
    {
        const std::lock_guard lock(mutex_);
        texts_.push_back(message.getText());
    }

    std::vector<std::string> texts() const
    {
        const std::lock_guard lock(mutex_);
        return texts_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> texts_;
};

} // namespace

namespace {

const std::string A = "RD-01";
const std::string B = "MQ-02";
const std::string kSecretTitle = "مراسلة داخلية لجدة عن الزعفرانية";
const std::string kSecretWord = "الزعفرانية";

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

struct RoutingFixture : test::PortalFixture {
    RoutingFixture()
    {
        addAccount("clerk", Role::secretariat);
        addAccount("secretary.a", Role::council_secretary, A);
        addAccount("member.a", Role::council_member, A);
        addAccount("secretary.b", Role::council_secretary, B);
        addAccount("archivist", Role::archivist);
    }

    test::HttpReply get(const std::string& path, const std::string& user)
    {
        return httpRequest(port(), "GET", path, {{"Authorization", basicFor(user)}});
    }

    test::HttpReply post(const std::string& path, const std::string& user, const nlohmann::json& body)
    {
        std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
        if (!user.empty())
            headers["Authorization"] = basicFor(user);
        return httpRequest(port(), "POST", path, headers, body.is_null() ? "{}" : body.dump());
    }

    nlohmann::json json(const test::HttpReply& reply, int status)
    {
        BOOST_TEST_REQUIRE(reply.status == status, reply.body);
        return nlohmann::json::parse(reply.body);
    }

    // Submits a complaint to council A as an anonymous citizen through the
    // citizen e-service, solving its challenge; returns the tracking code.
    std::string submitComplaint(const std::string& text)
    {
        const nlohmann::json challenge = json(httpRequest(port(), "GET", "/api/v1/challenge", {}), 200);
        std::string solution;
        for (std::uint64_t counter = 0;; ++counter)
            if (web::SubmissionChallenge::solves(challenge["nonce"], std::to_string(counter),
                    challenge["difficulty_bits"].get<int>())) {
                solution = std::to_string(counter);
                break;
            }
        const nlohmann::json submitted = json(post("/api/v1/submissions", "",
                                                  {{"kind", "complaint"}, {"council", A},
                                                      {"category", web::submissionCategories().front()},
                                                      {"text", text}, {"challenge_token", challenge["token"]},
                                                      {"challenge_solution", solution}}),
            201);
        return submitted["tracking_code"].get<std::string>();
    }

    // The id of the item in `list` whose tracking code is `code`, written as
    // the citizen was given it ("" if none).
    static std::string findByCode(const nlohmann::json& list, const std::string& code)
    {
        for (const auto& item : list)
            if (item.value("tracking_code", "") == code)
                return item["id"];
        return {};
    }

    // Starts internal incoming correspondence of `council` as its secretary.
    nlohmann::json registerIncoming(const std::string& secretary, const std::string& council, const std::string& title)
    {
        return json(post("/api/v1/correspondence", secretary,
                        {{"direction", "incoming"}, {"council", council}, {"title", title}, {"body", title}}),
            201);
    }

    void setToday(const std::string& day)
    {
        const CalendarDate date = CalendarDate::parse(day);
        service->workflow().setToday([date] { return date; });
    }
};

std::set<std::string> idsOf(const nlohmann::json& list)
{
    std::set<std::string> ids;
    for (const auto& item : list)
        ids.insert(item["id"].get<std::string>());
    return ids;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(workflow_routing, RoutingFixture)

BOOST_AUTO_TEST_CASE(complaint_goes_from_citizen_to_answer)
{
    setToday("2026-11-01"); // a Sunday
    const std::string code = submitComplaint("الإنارة معطلة في شارع الملك فهد منذ شهر");

    // The secretariat finds it waiting in its inbox and routes it to the council.
    const nlohmann::json inbox = json(get("/api/v1/inbox", "clerk"), 200);
    const std::string id = findByCode(inbox["waiting_on_me"], code);
    BOOST_TEST_REQUIRE(!id.empty(), inbox.dump());
    const nlohmann::json seen = json(get("/api/v1/items/" + id, "clerk"), 200);
    BOOST_TEST(seen["state"] == "submitted");
    BOOST_TEST(seen["owner"] == "secretariat");
    const nlohmann::json routed
        = json(post("/api/v1/items/" + id + "/transitions/route", "clerk", {{"comment", "إلى المجلس"}}), 201);
    BOOST_TEST(routed["state"] == "routed");
    BOOST_TEST(routed["owner"] == "council");
    BOOST_TEST(!routed["due"].is_null());

    // The council's secretary sees it waiting, with the answer among the allowed steps.
    const nlohmann::json councilInbox = json(get("/api/v1/inbox", "secretary.a"), 200);
    BOOST_TEST(idsOf(councilInbox["waiting_on_me"]).contains(id));
    const nlohmann::json item = json(get("/api/v1/items/" + id, "secretary.a"), 200);
    std::set<std::string> allowed;
    for (const auto& transition : item["transitions"])
        allowed.insert(transition["id"]);
    BOOST_TEST(allowed.contains("answer"));
    BOOST_TEST(!allowed.contains("route"));

    // A version the item has left is a conflict; the current one answers.
    const std::string answer = "تم إصلاح الإنارة بتاريخ اليوم، شكراً لكم";
    BOOST_TEST(post("/api/v1/items/" + id + "/transitions/answer", "secretary.a",
                   {{"comment", answer}, {"expected_version", 1}})
                   .status
        == 409);
    const nlohmann::json answered = json(post("/api/v1/items/" + id + "/transitions/answer", "secretary.a",
                                             {{"comment", answer}, {"expected_version", item["version"]}}),
        201);
    BOOST_TEST(answered["state"] == "answered");

    // The citizen reads the answer by the tracking code, without an account.
    const nlohmann::json tracked = json(httpRequest(port(), "GET", "/api/v1/track/" + code, {}), 200);
    BOOST_TEST(tracked["answer"] == answer);
    BOOST_TEST(tracked["status"]["state"] == "answered");

    // Every step is in the item's history with its comment.
    const nlohmann::json history = json(get("/api/v1/items/" + id, "clerk"), 200)["history"];
    std::vector<std::string> actions;
    for (const auto& step : history)
        actions.push_back(step["action"]);
    BOOST_TEST((actions == std::vector<std::string>{"start", "route", "answer"}));
    BOOST_TEST(history.back()["comment"] == answer);
}

BOOST_AUTO_TEST_CASE(overdue_item_escalates_to_dashboard)
{
    setToday("2026-11-01");
    const nlohmann::json item = registerIncoming("secretary.a", A, "طلب اعتماد ميزانية");
    const std::string id = item["id"];
    json(post("/api/v1/items/" + id + "/transitions/return_to_council", "clerk", {{"comment", "أكملوا المرفقات"}}), 201);
    const nlohmann::json returned = json(get("/api/v1/items/" + id, "clerk"), 200);
    BOOST_TEST_REQUIRE(returned["state"] == "returned_to_council");

    // Not due yet: nothing escalates and the dashboard is empty.
    BOOST_TEST(service->workflow().runPeriodicWork() == 0u);
    BOOST_TEST(json(get("/api/v1/overdue", "clerk"), 200)["overdue"].empty());

    // Five working days later plus a week: overdue, shown first, then escalated once.
    setToday("2026-11-15");
    const nlohmann::json before = json(get("/api/v1/overdue", "clerk"), 200);
    BOOST_TEST(idsOf(before["overdue"]).contains(id));
    BOOST_TEST(json(get("/api/v1/inbox", "secretary.a"), 200)["waiting_on_me"][0]["overdue"] == true);
    BOOST_TEST(service->workflow().runPeriodicWork() == 1u);
    BOOST_TEST(service->workflow().runPeriodicWork() == 0u);

    const nlohmann::json after = json(get("/api/v1/overdue", "clerk"), 200);
    BOOST_TEST(idsOf(after["escalated"]).contains(id));
    const nlohmann::json escalated = json(get("/api/v1/items/" + id, "clerk"), 200);
    BOOST_TEST(escalated["state"] == "council_overdue");
    BOOST_TEST(escalated["owner"] == "secretariat");
    BOOST_TEST(escalated["history"].back()["action"] == "escalate");
}

BOOST_AUTO_TEST_CASE(other_council_gets_nothing_of_internal_item)
{
    const nlohmann::json item = registerIncoming("secretary.b", B, kSecretTitle);
    const std::string id = item["id"];
    waitForIndex();

    for (const std::string& path : {"/api/v1/items/" + id, "/api/v1/records/" + id, "/api/v1/records/" + id + "/versions",
             "/api/v1/records/" + id + "/versions/1"}) {
        const auto reply = get(path, "secretary.a");
        BOOST_TEST(reply.status == 404, path);
        BOOST_TEST(!contains(reply.body, kSecretTitle), path);
    }
    // A file attached to a step of B's item is hidden too.
    {
        std::istringstream content("نص مرفق سري عن " + kSecretWord);
        const records::FileRef file = service->store().storeStream(content, "مرفق.txt");
        const workflow::Caller clerk{"clerk", Role::secretariat, "", ""};
        const auto commented = service->workflow().engine().comment(id, clerk, "مرفق", {file});
        const std::string path = "/api/v1/records/" + id + "/versions/" + std::to_string(commented.version) + "/files/0";
        BOOST_TEST(get(path, "secretary.b").status == 200);
        const auto reply = get(path, "secretary.a");
        BOOST_TEST(reply.status == 404);
        BOOST_TEST(!contains(reply.body, kSecretWord));
    }
    for (const std::string step : {"transitions/resubmit", "comments", "assignment"}) {
        const auto reply = post("/api/v1/items/" + id + "/" + step, "secretary.a", {{"comment", "x"}});
        BOOST_TEST(reply.status == 404, step);
        BOOST_TEST(!contains(reply.body, kSecretTitle), step);
    }

    // Search: no hit, and no count of B's internal records.
    const nlohmann::json search = json(get("/api/v1/search?q=" + kSecretWord, "secretary.a"), 200);
    BOOST_TEST(search["total"] == 0);
    BOOST_TEST(!contains(search.dump(), kSecretTitle));
    BOOST_TEST(json(get("/api/v1/search?q=" + kSecretWord, "secretary.b"), 200)["total"] == 1);

    // Inboxes: another council's list is refused, the own lists lack the item.
    BOOST_TEST(get("/api/v1/inbox?council=" + web::encodeUrlComponent(B), "secretary.a").status == 403);
    const std::string inbox = get("/api/v1/inbox", "secretary.a").body;
    BOOST_TEST(!contains(inbox, id));
    BOOST_TEST(!contains(inbox, kSecretTitle));
    BOOST_TEST(json(get("/api/v1/notifications", "secretary.a"), 200)["count"] == 0);
    BOOST_TEST(get("/api/v1/overdue", "secretary.a").status == 403);
}

BOOST_AUTO_TEST_CASE(roles_not_allowed_get_403)
{
    const std::string id = registerIncoming("secretary.a", A, "طلب صيانة")["id"];
    // A council member may read the item but take no step of the secretariat's.
    BOOST_TEST(get("/api/v1/items/" + id, "member.a").status == 200);
    {
        const auto reply = post("/api/v1/items/" + id + "/transitions/accept", "member.a", {});
        BOOST_TEST(reply.status == 403, reply.body);
    }
    BOOST_TEST(post("/api/v1/items/" + id + "/transitions/accept", "secretary.a", {}).status == 403);
    // A council's secretary may not register outgoing correspondence or move items.
    BOOST_TEST(post("/api/v1/correspondence", "secretary.a", {{"direction", "outgoing"}, {"council", A}, {"title", "x"}})
                   .status
        == 403);
    BOOST_TEST(post("/api/v1/items/" + id + "/council", "secretary.a", {{"council", B}}).status == 403);
    // Registering for another council is refused.
    BOOST_TEST(post("/api/v1/correspondence", "secretary.a", {{"direction", "incoming"}, {"council", B}, {"title", "x"}})
                   .status
        == 403);
    // Installing a definition is for administrators only.
    BOOST_TEST(httpRequest(port(), "POST", "/api/v1/workflows",
                   {{"Authorization", basicFor("clerk")}, {"Content-Type", "application/xml"}}, "<workflow/>")
                   .status
        == 403);
    // Anonymous callers are asked to sign in.
    BOOST_TEST(httpRequest(port(), "GET", "/api/v1/inbox", {}).status == 401);
    // The secretariat accepts and moves it to another council.
    BOOST_TEST(post("/api/v1/items/" + id + "/council", "clerk", {{"council", B}}).status == 201);
    BOOST_TEST(get("/api/v1/items/" + id, "secretary.b").status == 200);
}

BOOST_AUTO_TEST_CASE(correspondence_takes_register_numbers)
{
    setToday("2026-11-01");
    const nlohmann::json first = registerIncoming("secretary.a", A, "الأولى");
    const nlohmann::json second = registerIncoming("secretary.b", B, "الثانية");
    BOOST_TEST(first["register_number"] == 1);
    BOOST_TEST(second["register_number"] == 2);
    BOOST_TEST(contains(first["reference"].get<std::string>(), "/1"));
    const nlohmann::json outgoing
        = json(post("/api/v1/correspondence", "clerk", {{"direction", "outgoing"}, {"council", A}, {"title", "تعميم"}}), 201);
    BOOST_TEST(outgoing["register_number"] == 1); // its own register
    BOOST_TEST(post("/api/v1/correspondence", "clerk", {{"direction", "sideways"}, {"council", A}, {"title", "x"}}).status
        == 400);
}

BOOST_AUTO_TEST_CASE(secretariat_starts_complaint_by_phone)
{
    const nlohmann::json item = json(post("/api/v1/items", "clerk",
                                         {{"definition", "citizen_complaint"}, {"council", A}, {"title", "شكوى هاتفية"}}),
        201);
    BOOST_TEST(item["state"] == "submitted");
    const std::string code = item["tracking_code"].get<std::string>();
    BOOST_TEST(code.size() == 14u);
    BOOST_TEST(code[4] == '-');
    BOOST_TEST(!item.contains("register_number"));
    BOOST_TEST(post("/api/v1/items", "clerk", {{"definition", "no_such_workflow"}, {"council", A}, {"title", "x"}}).status
        == 404);
    BOOST_TEST(post("/api/v1/items", "member.a", {{"definition", "citizen_complaint"}, {"council", A}, {"title", "x"}})
                   .status
        == 403);
}

BOOST_AUTO_TEST_CASE(record_api_rejects_engine_fields)
{
    const std::string id = registerIncoming("secretary.a", A, "مراسلة")["id"];
    for (const std::string name :
        {"wf_state", "answer", "tracking_code", "register_number", "submitted_on", "answered_on"}) {
        const nlohmann::json value = {{"type", "text"}, {"value", "x"}};
        const auto created = post("/api/v1/records", "clerk",
            {{"type", "document"}, {"title", "t"}, {"council", A}, {"fields", {{name, value}}}});
        BOOST_TEST(created.status == 400, name);
        BOOST_TEST(contains(created.body, name), name);
        BOOST_TEST(post("/api/v1/records/" + id + "/versions", "clerk", {{"fields", {{name, value}}}}).status == 400, name);
        BOOST_TEST(post("/api/v1/records/" + id + "/versions", "clerk", {{"remove_field", name}}).status == 400, name);
    }
    BOOST_TEST(json(get("/api/v1/items/" + id, "clerk"), 200)["version"] == 1);
}

BOOST_AUTO_TEST_CASE(inbox_notifications_count_new_items)
{
    registerIncoming("secretary.a", A, "الأولى");
    BOOST_TEST(json(get("/api/v1/notifications", "clerk"), 200)["count"] == 1);
    BOOST_TEST(json(get("/api/v1/inbox", "clerk"), 200)["new_since_seen"].size() == 1u);
    BOOST_TEST(json(get("/api/v1/notifications", "clerk"), 200)["count"] == 0);
    const std::string id = registerIncoming("secretary.a", A, "الثانية")["id"];
    const nlohmann::json fresh = json(get("/api/v1/notifications", "clerk"), 200);
    BOOST_TEST(fresh["count"] == 1);
    BOOST_TEST(fresh["items"][0]["id"] == id);
}

BOOST_AUTO_TEST_CASE(workflow_install_rejects_bad_definition_with_line)
{
    // The operator's log records the rejection, with the file and the account.
    Poco::Logger& workflowLog = Poco::Logger::get("majlis.workflow");
    const Poco::Channel::Ptr previous = workflowLog.getChannel();
    const Poco::AutoPtr<CapturingChannel> captured(new CapturingChannel);
    workflowLog.setChannel(captured);
    const auto reply = httpRequest(port(), "POST", "/api/v1/workflows?name=broken.xml",
        {{"Authorization", basicFor("admin")}, {"Content-Type", "application/xml"}},
        "<workflow xmlns=\"urn:majlis:workflow:1\" id=\"x\">\n<nonsense/>\n</workflow>\n");
    workflowLog.setChannel(previous);
    BOOST_TEST(reply.status == 400);
    BOOST_TEST(contains(reply.body, "broken.xml:"), reply.body);
    const std::vector<std::string> logged = captured->texts();
    BOOST_TEST(std::any_of(logged.begin(), logged.end(), [](const std::string& text) {
        return contains(text, "workflow definition broken.xml from admin rejected: broken.xml:");
    }));

    std::ifstream shipped(workflow::defaultDefinitionsDirectory() / "citizen_suggestion.xml");
    std::string xml((std::istreambuf_iterator<char>(shipped)), std::istreambuf_iterator<char>());
    const std::string from = "version=\"1\"";
    BOOST_TEST_REQUIRE(contains(xml, from));
    xml.replace(xml.find(from), from.size(), "version=\"2\"");
    const auto installed = httpRequest(port(), "POST", "/api/v1/workflows?name=suggestion-v2.xml",
        {{"Authorization", basicFor("admin")}, {"Content-Type", "application/xml"}}, xml);
    BOOST_TEST(installed.status == 201, installed.body);
    BOOST_TEST(nlohmann::json::parse(installed.body)["version"] == 2);
}

BOOST_AUTO_TEST_CASE(workflow_install_errors_in_arabic_and_english)
{
    std::ifstream shipped(workflow::defaultDefinitionsDirectory() / "citizen_suggestion.xml");
    const std::string valid((std::istreambuf_iterator<char>(shipped)), std::istreambuf_iterator<char>());
    struct Case {
        std::string from;
        std::string to;
        std::string messageId;
        std::string arabic;  // part of messages.ar
        std::string english; // part of messages.en
    };
    const Case cases[] = {
        {R"(<state id="escalated")", R"(<state id="routed")", "error.workflow_duplicate_state", "معرَّفة أكثر من مرة",
            "declared more than once"},
        {R"(<transition id="reject")", R"(<transition id="route")", "error.workflow_duplicate_transition",
            "معرَّف أكثر من مرة", "declared more than once"},
        {R"(to="closed")", R"(to="finished")", "error.workflow_transition_unknown_state", "وهي غير معرَّفة",
            "which is not declared"},
        {R"(roles="council_secretary" comment="required" answer="true")", R"(roles="council_secretary" answer="true")",
            "error.workflow_answer_needs_comment", "يجب أن يكون تعليقه إلزاميًا", "must be required"},
        {R"(<start state="submitted")", R"(<start state="closed")", "error.workflow_initial_state_final",
            "حالة نهائية", "is final"},
        {R"(escalate="escalated")", R"(escalate="routed")", "error.workflow_escalation_target_invalid",
            "غير نهائية تملكها الأمانة العامة", "owned by the secretariat"},
        {"<workflow ", "<!DOCTYPE workflow>\n<workflow ", "error.xml_doctype", "وهو غير مسموح", "not allowed"},
    };
    for (const Case& bad : cases) {
        BOOST_TEST_CONTEXT(bad.messageId)
        {
            std::string xml = valid;
            const auto at = xml.find(bad.from);
            BOOST_TEST_REQUIRE(at != std::string::npos);
            xml.replace(at, bad.from.size(), bad.to);
            xml.replace(xml.find("version=\"1\""), 11, "version=\"2\"");
            const std::string line = std::to_string(1 + std::count(xml.begin(), xml.begin() + at, '\n'));

            const auto reply = httpRequest(port(), "POST", "/api/v1/workflows?name=suggestion-bad.xml",
                {{"Authorization", basicFor("admin")}, {"Content-Type", "application/xml"}}, xml);
            BOOST_TEST(reply.status == 400);
            const nlohmann::json error = nlohmann::json::parse(reply.body)["error"];
            BOOST_TEST(error["message_id"] == bad.messageId);
            // Scripts and logs keep reading "FILE:LINE: reason" in English.
            BOOST_TEST(error["message"].get<std::string>().starts_with("suggestion-bad.xml:" + line + ": "),
                error["message"]);

            const std::string arabic = error["messages"]["ar"];
            BOOST_TEST(contains(arabic, bad.arabic), arabic);
            BOOST_TEST(contains(arabic, "suggestion-bad.xml"), arabic);
            BOOST_TEST(contains(arabic, " " + line), arabic);
            BOOST_TEST(!contains(arabic, "{"), arabic);
            const std::string english = error["messages"]["en"];
            BOOST_TEST(contains(english, bad.english), english);
            BOOST_TEST(contains(english, "line " + line), english);
        }
    }
    BOOST_TEST(json(get("/api/v1/workflows", "admin"), 200).dump().find("\"version\":2") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(openapi_lists_every_api_route)
{
    const nlohmann::json document = json(httpRequest(port(), "GET", "/api/v1/openapi.json", {}), 200);
    BOOST_TEST(document["openapi"].get<std::string>().starts_with("3.0"));
    std::size_t checked = 0;
    for (const auto& [method, pattern] : service->routes()) {
        if (!pattern.starts_with("/api/v1/"))
            continue;
        std::string lower = method;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        BOOST_TEST(document["paths"].contains(pattern), method + " " + pattern + " is missing from web/openapi.json");
        if (document["paths"].contains(pattern)) {
            BOOST_TEST(document["paths"][pattern].contains(lower), method + " " + pattern + " is missing from web/openapi.json");
            // Any request with wrong or throttled credentials gets these, whatever the route.
            const auto& responses = document["paths"][pattern][lower]["responses"];
            BOOST_TEST(responses.contains("401"), method + " " + pattern + " lists no 401 in web/openapi.json");
            BOOST_TEST(responses.contains("429"), method + " " + pattern + " lists no 429 in web/openapi.json");
        }
        ++checked;
    }
    BOOST_TEST(checked > 20u);
}

BOOST_AUTO_TEST_CASE(staff_email_reaches_smtp_sink)
{
    test::SmtpSink sink;
    std::ofstream(dir.path() / "smtp.json") << nlohmann::json{{"enabled", true}, {"host", "127.0.0.1"},
        {"port", sink.port()}, {"sender", "majlis@example.org"}}.dump();
    restart();
    service->accounts().update("secretary.a", {.email = std::string("secretary.a@example.org")}, "test");

    const std::string id = registerIncoming("secretary.a", A, "طلب")["id"];
    json(post("/api/v1/items/" + id + "/transitions/return_to_council", "clerk", {{"comment", "أكملوا"}}), 201);
    const auto mail = sink.waitForMessages(1, std::chrono::seconds(10));
    BOOST_TEST_REQUIRE(mail.size() == 1u);
    BOOST_TEST(mail[0].recipients == std::vector<std::string>{"secretary.a@example.org"});
    BOOST_TEST(contains(mail[0].data, id));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// A multipart/form-data body of text fields and one empty file input, as a browser sends the item page's forms.
std::string multipartBody(const std::map<std::string, std::string>& fields, const std::string& boundary)
{
    std::string body;
    for (const auto& [name, value] : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n\r\n";
    return body + "--" + boundary + "--\r\n";
}

} // namespace

BOOST_FIXTURE_TEST_CASE(item_page_forms_need_csrf_token, RoutingFixture)
{
    const std::string id = registerIncoming("secretary.a", A, "طلب")["id"];
    test::HttpSession session(port());
    const std::string csrf = signInAs(session, "clerk");
    BOOST_TEST(contains(session.get("/staff").body, "/staff/inbox"));
    BOOST_TEST(contains(session.get("/staff/inbox").body, "/staff/items/" + id));
    const std::string page = session.get("/staff/items/" + id).body;
    BOOST_TEST(contains(page, "transition-accept"));

    const std::string boundary = "majlis-test-boundary";
    const std::string type = "multipart/form-data; boundary=" + boundary;
    const auto forged = session.post("/staff/items/" + id + "/transitions/accept", type,
        multipartBody({{"csrf", "wrong"}, {"comment", ""}}, boundary));
    BOOST_TEST(forged.status == 403);
    const auto accepted = session.post("/staff/items/" + id + "/transitions/accept", type,
        multipartBody({{"csrf", csrf}, {"comment", ""}, {"expected_version", "1"}}, boundary));
    BOOST_TEST(accepted.status == 303, accepted.body);
    BOOST_TEST(json(get("/api/v1/items/" + id, "clerk"), 200)["state"] == "under_review");

    // The history names each step in the page's language, not by its id.
    const std::string after = session.get("/staff/items/" + id).body;
    BOOST_TEST(contains(after, "<bdi>قبول وإحالة للدراسة</bdi>"));
    BOOST_TEST(contains(after, "<bdi>إنشاء البند</bdi>"));
    BOOST_TEST(!contains(after, "<bdi>accept</bdi>"));
    BOOST_TEST(contains(session.get("/staff/items/" + id + "?lang=en").body, "<bdi>Accept for review</bdi>"));
}

namespace {

// The list of steps on a /track page, or nothing when it has none.
std::string trackSteps(const std::string& page)
{
    const std::size_t start = page.find("id=\"track-steps\"");
    if (start == std::string::npos)
        return {};
    return page.substr(start, page.find("</ol>", start) - start);
}

} // namespace

BOOST_FIXTURE_TEST_CASE(step_reasons_in_page_language, RoutingFixture)
{
    setToday("2026-11-01");
    const std::string code = submitComplaint("الإنارة معطلة في شارع التخصصي منذ أسبوعين");
    const std::string id = findByCode(json(get("/api/v1/inbox", "clerk"), 200)["waiting_on_me"], code);
    BOOST_TEST_REQUIRE(!id.empty());
    json(post("/api/v1/items/" + id + "/comments", "clerk", {{"comment", "ملاحظة داخلية للأمانة"}}), 201);
    json(post("/api/v1/items/" + id + "/assignment", "clerk", {{"assignee", "clerk"}}), 201);
    json(post("/api/v1/items/" + id + "/transitions/route", "clerk", {{"comment", ""}}), 201);
    setToday("2026-12-31");
    BOOST_TEST_REQUIRE(service->workflow().runPeriodicWork() == 1u);

    // The stored reasons name no language.
    const nlohmann::json history = json(get("/api/v1/items/" + id, "clerk"), 200)["history"];
    BOOST_TEST(history[0]["reason"] == "workflow:started?definition=citizen_complaint");
    BOOST_TEST(history[3]["reason"]
        == "workflow:transition?definition=citizen_complaint&transition=route&from=submitted&to=routed");

    test::HttpSession staff(port());
    signInAs(staff, "clerk");
    const std::string arabicRecord = staff.get("/staff/records/" + id + "?lang=ar").body;
    const std::string englishRecord = staff.get("/staff/records/" + id + "?lang=en").body;
    const std::string arabicItem = staff.get("/staff/items/" + id + "?lang=ar").body;
    const std::string englishItem = staff.get("/staff/items/" + id + "?lang=en").body;
    for (const std::string* page : {&arabicRecord, &englishRecord, &arabicItem, &englishItem}) {
        BOOST_TEST(!contains(*page, "workflow:"), *page);
        BOOST_TEST(!contains(*page, "workflow citizen_complaint"));
    }
    // Parameters are bidi-isolated, so each check stops at a placeholder.
    BOOST_TEST(contains(arabicRecord, "بدء سير العمل «\u2068شكوى مواطن"), arabicRecord);
    BOOST_TEST(contains(arabicRecord, "إحالة إلى المجلس\u2069: من «\u2068مقدَّمة\u2069» إلى «\u2068محالة إلى المجلس"));
    BOOST_TEST(contains(arabicRecord, "تعليق في سير العمل"));
    BOOST_TEST(contains(arabicRecord, "إسناد إلى \u2068clerk"));
    BOOST_TEST(contains(arabicRecord, "تصعيد إلى الأمانة العامة: انتهت مهلة «\u2068محالة إلى المجلس"));
    BOOST_TEST(contains(arabicRecord, "هـ (")); // the due day, Hijri then Gregorian
    BOOST_TEST(contains(englishRecord, "Started the workflow “\u2068Citizen complaint"), englishRecord);
    BOOST_TEST(contains(englishRecord, "Route to the council\u2069: from “\u2068Submitted\u2069” to “\u2068Routed to the council"));
    BOOST_TEST(contains(englishRecord, "Assigned to \u2068clerk"));
    BOOST_TEST(contains(englishRecord, "Escalated to the secretariat: the deadline in “\u2068Routed to the council"));
    BOOST_TEST(contains(arabicItem, "<bdi>إسناد إلى \u2068clerk\u2069</bdi>"), arabicItem);
    BOOST_TEST(contains(arabicItem, "<bdi>تصعيد إلى الأمانة العامة: انتهت مهلة"));
    BOOST_TEST(contains(arabicItem, "<bdi>إحالة إلى المجلس</bdi>"));
    BOOST_TEST(contains(englishItem, "<bdi>Assigned to \u2068clerk\u2069</bdi>"), englishItem);
    BOOST_TEST(contains(englishItem, "<bdi>Escalated to the secretariat: the deadline in"));
    // The citizen who submitted is named as such, not by the engine's "citizen".
    BOOST_TEST(contains(arabicItem, "<bdi>مواطن</bdi>"));
    BOOST_TEST(!contains(arabicItem, "<bdi>citizen</bdi>"));
    BOOST_TEST(contains(englishItem, "<bdi>A citizen</bdi>"));

    // /track shows the citizen the states that the start, the transition and
    // the escalation reached, in the page's language, and nothing internal.
    test::HttpSession citizen(port());
    const auto arabicTrack = citizen.postForm("/track?lang=ar", {{"code", code}});
    BOOST_REQUIRE_EQUAL(arabicTrack.status, 200);
    const std::string arabicSteps = trackSteps(arabicTrack.body);
    BOOST_TEST(contains(arabicSteps, ">مقدَّمة</span>"), arabicTrack.body);
    BOOST_TEST(contains(arabicSteps, ">محالة إلى المجلس</span>"));
    BOOST_TEST(contains(arabicSteps, ">متأخرة ومصعَّدة إلى الأمانة</span>"));
    const auto englishTrack = citizen.postForm("/track?lang=en", {{"code", code}});
    const std::string englishSteps = trackSteps(englishTrack.body);
    BOOST_TEST(contains(englishSteps, ">Submitted</span>"), englishTrack.body);
    BOOST_TEST(contains(englishSteps, ">Routed to the council</span>"));
    BOOST_TEST(contains(englishSteps, ">Overdue, escalated to the secretariat</span>"));
    for (const std::string internal : {"ملاحظة داخلية", "تعليق في سير العمل", "إسناد", "clerk", "Assigned", "workflow:",
             "بدء سير العمل", "Started the workflow", "Route to the council"}) {
        BOOST_TEST(!contains(arabicTrack.body, internal), internal);
        BOOST_TEST(!contains(englishTrack.body, internal), internal);
    }
}

BOOST_FIXTURE_TEST_CASE(old_english_step_reasons_shown_as_stored, RoutingFixture)
{
    // An item whose route step was stored before reasons named no language,
    // and a staff edit after it that keeps wf_action but has its own reason.
    const std::string code = submitComplaint("حفرة كبيرة في الطريق أمام المدرسة الابتدائية");
    const std::string id = findByCode(json(get("/api/v1/inbox", "clerk"), 200)["waiting_on_me"], code);
    BOOST_TEST_REQUIRE(!id.empty());
    const std::string oldReason = "workflow citizen_complaint: route (submitted -> routed)";
    records::RecordChange route;
    route.reason = oldReason;
    route.setFields["wf_action"] = std::string("route");
    route.setFields["wf_state"] = std::string("routed");
    service->store().update(id, route, "clerk");
    records::RecordChange edit;
    edit.title = "حفرة في الطريق";
    edit.reason = "تصحيح داخلي للعنوان";
    service->store().update(id, edit, "clerk");

    const std::string shownReason = "workflow citizen_complaint: route (submitted -&gt; routed)"; // HTML-escaped

    test::HttpSession staff(port());
    signInAs(staff, "clerk");
    const std::string record = staff.get("/staff/records/" + id + "?lang=ar").body;
    BOOST_TEST(contains(record, shownReason), record);
    BOOST_TEST(contains(record, "تصحيح داخلي للعنوان"));

    // /track shows the state that the old step reached, and not the edit.
    test::HttpSession citizen(port());
    const auto track = citizen.postForm("/track?lang=ar", {{"code", code}});
    BOOST_REQUIRE_EQUAL(track.status, 200);
    BOOST_TEST(contains(trackSteps(track.body), ">محالة إلى المجلس</span>"), track.body);
    BOOST_TEST(!contains(track.body, "تصحيح داخلي للعنوان")); // a staff edit is internal
}

BOOST_FIXTURE_TEST_CASE(typed_step_reason_not_tracked, RoutingFixture)
{
    // A staff edit whose reason copies the engine's form of a step must not
    // show on /track as a step: it does not change the item's state.
    const std::string code = submitComplaint("تسرب مياه مستمر في الحديقة العامة");
    test::HttpSession citizen(port());
    const auto before = citizen.postForm("/track?lang=en", {{"code", code}});
    BOOST_REQUIRE_EQUAL(before.status, 200);

    const std::string id = findByCode(json(get("/api/v1/inbox", "clerk"), 200)["waiting_on_me"], code);
    BOOST_TEST_REQUIRE(!id.empty());
    records::RecordChange edit;
    edit.title = "تسرب مياه";
    edit.reason = "workflow:transition?definition=citizen_complaint&transition=answer&from=routed&to=answered";
    service->store().update(id, edit, "clerk");

    const auto after = citizen.postForm("/track?lang=en", {{"code", code}});
    BOOST_REQUIRE_EQUAL(after.status, 200);
    const auto steps = [](const std::string& body) {
        std::size_t count = 0;
        for (std::size_t at = body.find("<li><time"); at != std::string::npos; at = body.find("<li><time", at + 1))
            ++count;
        return count;
    };
    BOOST_TEST(steps(before.body) >= 1u, before.body);
    BOOST_TEST(steps(after.body) == steps(before.body), after.body);
}

BOOST_FIXTURE_TEST_CASE(reply_with_file_and_assignment, RoutingFixture)
{
    addAccount("clerk2", Role::secretariat);
    const std::string id = registerIncoming("secretary.a", A, "طلب مع مرفق")["id"];

    // Assignment puts the item in the assignee's own inbox.
    const nlohmann::json assigned = json(post("/api/v1/items/" + id + "/assignment", "clerk", {{"assignee", "clerk2"}}), 201);
    BOOST_TEST(assigned["assignee"] == "clerk2");
    BOOST_TEST(idsOf(json(get("/api/v1/inbox", "clerk2"), 200)["waiting_on_me"]).contains(id));

    // A reply with a file, sent as multipart/form-data.
    const std::string boundary = "majlis-reply-boundary";
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nالرد مرفق\r\n"
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"رد.txt\"\r\n"
        "Content-Type: text/plain\r\n\r\nنص الرد الرسمي\r\n--" + boundary + "--\r\n";
    const auto reply = httpRequest(port(), "POST", "/api/v1/items/" + id + "/transitions/return_to_council",
        {{"Authorization", basicFor("clerk2")}, {"Content-Type", "multipart/form-data; boundary=" + boundary}}, body);
    BOOST_TEST_REQUIRE(reply.status == 201, reply.body);
    const nlohmann::json step = nlohmann::json::parse(reply.body)["history"].back();
    BOOST_TEST(step["comment"] == "الرد مرفق");
    BOOST_TEST_REQUIRE(step["files"].size() == 1u);
    BOOST_TEST(step["files"][0]["name"] == "رد.txt");

    // The council reads the file; another council does not.
    const std::string url = step["files"][0]["url"];
    const auto download = get(url, "secretary.a");
    BOOST_TEST(download.status == 200);
    BOOST_TEST(download.body == "نص الرد الرسمي");
    BOOST_TEST(get(url, "secretary.b").status == 404);
}
