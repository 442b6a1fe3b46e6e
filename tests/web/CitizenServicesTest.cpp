// The citizen e-services over real HTTP on loopback with a real LMDB store:
// submissions with and without an account, tracking by code, personal
// details kept out of every public path and the log, erasure, the rate
// limits, the challenge and the e-mail to the citizen.

#include "accounts/AccountStore.h"
#include "notify/EmailNotifier.h"
#include "tests/support/HttpClient.h"
#include "tests/support/HttpSession.h"
#include "tests/support/SmtpSink.h"
#include "tests/support/TempDir.h"
#include "web/DateDisplay.h"
#include "web/Service.h"
#include "web/SubmissionChallenge.h"
#include "workflow/Fields.h"
#include "workflow/TrackingCode.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Net/MailMessage.h>

#include <thread>

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <mutex>
#include <regex>

using namespace majlis;
using accounts::Role;
using test::httpRequest;
using test::HttpReply;

namespace {

const std::string kCouncil = "المجلس البلدي بمدينة الرياض";
const std::string kOtherCouncil = "المجلس البلدي بمحافظة جدة";
const std::string kName = "نورة بنت سعد القحطاني";
const std::string kNationalId = "1098765432";
const std::string kPhone = "0551239876";
const std::string kEmail = "noura.citizen@example.test";
const std::string kText = "الإنارة في شارع الأمير سلطان معطلة منذ شهرين، ونرجو إصلاحها.";

// Keeps every log message written while it is installed.
class CapturingChannel : public Poco::Channel {
public:
    void log(const Poco::Message& message) override
    {
        std::lock_guard lock(mutex_);
        text_ += message.getSource() + ": " + message.getText() + "\n";
    }
    std::string text() const
    {
        std::lock_guard lock(mutex_);
        return text_;
    }

private:
    mutable std::mutex mutex_;
    std::string text_;
};

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}


// A server with e-mail to an SMTP sink, every logger captured at debug
// level, and the accounts the cases use.
struct CitizenFixture {
    test::TempDir dir;
    test::SmtpSink smtp;
    Poco::AutoPtr<CapturingChannel> log{new CapturingChannel};
    Poco::AutoPtr<Poco::Channel> previousChannel;
    int previousLevel = 0;
    std::unique_ptr<web::Service> service;
    std::map<std::string, std::string> passwords;

    explicit CitizenFixture(web::CitizenLimits limits = testLimits())
    {
        std::ofstream(dir.path() / "smtp.json") << nlohmann::json{{"enabled", true}, {"host", "127.0.0.1"},
            {"port", smtp.port()}, {"sender", "majlis@example.test"}, {"first_retry_seconds", 1}}.dump();
        previousChannel = Poco::Logger::root().getChannel();
        previousLevel = Poco::Logger::root().getLevel();
        Poco::Logger::setChannel("", log);
        Poco::Logger::setLevel("", Poco::Message::PRIO_DEBUG);

        web::ServerOptions options;
        options.port = 0;
        options.threads = 4;
        options.citizen = limits;
        service = std::make_unique<web::Service>(dir.path(), options);
        service->start();
        addAccount("sara", Role::secretariat);
        addAccount("rashid", Role::council_secretary, kCouncil);
        addAccount("jamal", Role::council_secretary, kOtherCouncil);
        addAccount("noura", Role::citizen);
        addAccount("nour", Role::citizen);
    }

    ~CitizenFixture()
    {
        service.reset();
        Poco::Logger::setChannel("", previousChannel);
        Poco::Logger::setLevel("", previousLevel);
    }

    static web::CitizenLimits testLimits()
    {
        web::CitizenLimits limits;
        limits.challengeBits = 8;
        limits.submissionsPerWindow = 100;
        return limits;
    }

    void addAccount(const std::string& username, Role role, const std::string& council = "")
    {
        const std::string password = "Tamr-Nakhl-2026-" + std::to_string(passwords.size());
        service->accounts().create({username, "", role, council}, password, "test");
        passwords[username] = password;
    }

    std::map<std::string, std::string> as(const std::string& username)
    {
        return {{"Authorization", test::basicAuthorization(username, passwords.at(username))}};
    }

    std::uint16_t port() const { return service->port(); }

    HttpReply get(const std::string& path, std::map<std::string, std::string> headers = {})
    {
        return httpRequest(port(), "GET", path, headers);
    }

    HttpReply postJson(const std::string& path, const nlohmann::json& body, std::map<std::string, std::string> headers = {})
    {
        headers["Content-Type"] = "application/json";
        return httpRequest(port(), "POST", path, headers, body.dump());
    }

    // A challenge from the API with its proof of work solved.
    std::pair<std::string, std::string> solvedChallenge()
    {
        const HttpReply reply = get("/api/v1/challenge");
        BOOST_REQUIRE_EQUAL(reply.status, 200);
        const auto json = nlohmann::json::parse(reply.body);
        const std::string nonce = json["nonce"];
        const int bits = json["difficulty_bits"];
        for (std::uint64_t counter = 0;; ++counter)
            if (web::SubmissionChallenge::solves(nonce, std::to_string(counter), bits))
                return {json["token"], std::to_string(counter)};
    }

    nlohmann::json submission(bool withDetails = true)
    {
        const auto [token, solution] = solvedChallenge();
        nlohmann::json body = {{"kind", "complaint"}, {"council", kCouncil}, {"category", "lighting"}, {"text", kText},
            {"challenge_token", token}, {"challenge_solution", solution}};
        if (withDetails) {
            body["name"] = kName;
            body["national_id"] = kNationalId;
            body["phone"] = kPhone;
            body["email"] = kEmail;
        }
        return body;
    }

    HttpReply submit(const nlohmann::json& body, std::map<std::string, std::string> headers = {})
    {
        return postJson("/api/v1/submissions", body, headers);
    }

    std::string recordOf(const std::string& code)
    {
        const auto id = service->workflow().engine().findByTrackingCode(code);
        BOOST_REQUIRE(id);
        return *id;
    }

    // Fails the case when any personal detail appears in `text`.
    void requireNoDetails(const std::string& text, const std::string& where)
    {
        for (const std::string& value : {kName, kNationalId, kPhone, kEmail, std::string("noura.citizen")})
            BOOST_TEST(!contains(text, value), where << " contains " << value);
    }

    void waitForIndex()
    {
        for (int attempt = 0; attempt < 200; ++attempt) {
            if (service->store().queueLength(records::kIndexQueue) == 0)
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        BOOST_FAIL("the index did not catch up within 10 seconds");
    }
};

struct TightLimitsFixture : CitizenFixture {
    static web::CitizenLimits tight()
    {
        web::CitizenLimits limits = testLimits();
        limits.submissionsPerWindow = 2;
        limits.lookupsPerWindow = 3;
        return limits;
    }
    TightLimitsFixture()
        : CitizenFixture(tight())
    {
    }
};

std::string errorMessage(const HttpReply& reply)
{
    return nlohmann::json::parse(reply.body)["error"]["message"];
}

// The body of a delivered message, decoded as a mail reader does.
std::string mailBody(const test::ReceivedMail& mail)
{
    Poco::Net::MailMessage message;
    std::istringstream in(mail.data);
    message.read(in);
    return message.getContent();
}

} // namespace

BOOST_AUTO_TEST_SUITE(citizen_services)

BOOST_FIXTURE_TEST_CASE(anonymous_submission_tracked_by_code, CitizenFixture)
{
    const HttpReply created = submit(submission());
    BOOST_REQUIRE_EQUAL(created.status, 201);
    const auto json = nlohmann::json::parse(created.body);
    const std::string code = json["tracking_code"];
    BOOST_TEST(workflow::TrackingCode::normalize(code).has_value());
    BOOST_TEST(!json.contains("id")); // record ids are for staff
    BOOST_TEST(json["status"]["state"] == "submitted");

    const HttpReply tracked = get("/api/v1/track/" + code);
    BOOST_REQUIRE_EQUAL(tracked.status, 200);
    const auto view = nlohmann::json::parse(tracked.body);
    std::set<std::string> keys;
    for (const auto& [key, value] : view.items())
        keys.insert(key);
    BOOST_TEST((keys == std::set<std::string>{"tracking_code", "status", "submitted_on", "updated_on", "answered_on", "answer"}));
    BOOST_TEST(view["status"]["ar"] == "مقدَّمة");
    BOOST_TEST(view["status"]["en"] == "Submitted");
    BOOST_TEST(view["answer"].is_null());
    BOOST_TEST(!contains(tracked.body, kText));
    requireNoDetails(tracked.body, "track response");

    // Case and separators do not matter.
    std::string typed = workflow::TrackingCode::normalize(code).value();
    std::transform(typed.begin(), typed.end(), typed.begin(), [](unsigned char c) { return std::tolower(c); });
    BOOST_TEST(get("/api/v1/track/" + typed).status == 200);

    // So do Arabic-Indic digits, as an Arabic keyboard types them.
    const std::string arabicDigits[] = {"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"};
    std::string arabic;
    for (const char c : typed)
        arabic += std::isdigit(static_cast<unsigned char>(c)) ? arabicDigits[c - '0'] : std::string(1, c);
    test::HttpSession browser(port());
    const auto page = browser.postForm("/track", {{"code", arabic}});
    BOOST_TEST(page.status == 200);
    BOOST_TEST(contains(page.body, "id=\"track-status\""));
}

BOOST_FIXTURE_TEST_CASE(details_absent_from_every_other_path, CitizenFixture)
{
    const HttpReply created = submit(submission());
    BOOST_REQUIRE_EQUAL(created.status, 201);
    const std::string code = nlohmann::json::parse(created.body)["tracking_code"];
    const std::string id = recordOf(code);

    // The public cannot read the record at all.
    BOOST_TEST(get("/api/v1/records/" + id).status == 404);

    // Staff read the record, its history and search hits without the details.
    const HttpReply record = get("/api/v1/records/" + id, as("sara"));
    BOOST_REQUIRE_EQUAL(record.status, 200);
    BOOST_TEST(contains(record.body, "lighting"));
    BOOST_TEST(contains(record.body, "شكوى مواطن: الإنارة")); // the title
    requireNoDetails(record.body, "record");
    const HttpReply versions = get("/api/v1/records/" + id + "/versions", as("sara"));
    BOOST_REQUIRE_EQUAL(versions.status, 200);
    requireNoDetails(versions.body, "versions");

    waitForIndex();
    for (const std::string& query : {std::string("%D9%86%D9%88%D8%B1%D8%A9"), kNationalId, kPhone}) {
        const HttpReply search = get("/api/v1/search?q=" + query, as("sara"));
        BOOST_REQUIRE_EQUAL(search.status, 200);
        BOOST_TEST(nlohmann::json::parse(search.body)["total"] == 0, query);
    }
    const HttpReply byText = get("/api/v1/search?q=%D8%A7%D9%84%D8%A5%D9%86%D8%A7%D8%B1%D8%A9", as("sara"));
    BOOST_TEST(nlohmann::json::parse(byText.body)["total"] == 1); // the index has the text, not the details

    // The log is checked after the e-mail went out, so the notifier's lines are in it.
    BOOST_REQUIRE(smtp.waitForMessages(1, std::chrono::seconds(10)).size() == 1);
    BOOST_TEST(contains(log->text(), "started citizen_complaint")); // the capture works
    requireNoDetails(log->text(), "log");
}

BOOST_FIXTURE_TEST_CASE(confirmation_email_reaches_citizen, CitizenFixture)
{
    const HttpReply created = submit(submission());
    BOOST_REQUIRE_EQUAL(created.status, 201);
    const std::string code = nlohmann::json::parse(created.body)["tracking_code"];

    const auto mails = smtp.waitForMessages(1, std::chrono::seconds(10));
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
    BOOST_TEST(mails[0].recipients == std::vector<std::string>{kEmail});
    const std::string body = mailBody(mails[0]);
    BOOST_TEST(contains(body, code));
    BOOST_TEST(body.find("استلمنا") < body.find("We received")); // Arabic first

    // Without an address no mail is sent.
    BOOST_REQUIRE_EQUAL(submit(submission(false)).status, 201);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    BOOST_TEST(smtp.messages().size() == 1u);
    requireNoDetails(log->text(), "log");
}

BOOST_FIXTURE_TEST_CASE(answer_shown_and_emailed, CitizenFixture)
{
    const HttpReply created = submit(submission());
    BOOST_REQUIRE_EQUAL(created.status, 201);
    const std::string code = nlohmann::json::parse(created.body)["tracking_code"];
    const std::string id = recordOf(code);

    auto& engine = service->workflow().engine();
    engine.comment(id, {"sara", Role::secretariat, "", ""}, "ملاحظة داخلية للأمانة");
    engine.apply(id, "route", {"sara", Role::secretariat, "", ""}, "");
    const std::string answer = "تم إصلاح الإنارة في الشارع، شكرًا لملاحظتك.";
    engine.apply(id, "answer", {"rashid", Role::council_secretary, kCouncil, ""}, answer);

    const auto view = nlohmann::json::parse(get("/api/v1/track/" + code).body);
    BOOST_TEST(view["status"]["state"] == "answered");
    BOOST_TEST(view["answer"] == answer);
    BOOST_TEST(!view["answered_on"].is_null());
    BOOST_TEST(!contains(view.dump(), "ملاحظة داخلية")); // internal comments stay internal

    const auto mails = smtp.waitForMessages(2, std::chrono::seconds(10));
    BOOST_REQUIRE_EQUAL(mails.size(), 2u);
    BOOST_TEST(contains(mailBody(mails[1]), answer));
    requireNoDetails(log->text(), "log");
}

BOOST_FIXTURE_TEST_CASE(track_page_dates_hijri_and_gregorian, CitizenFixture)
{
    const HttpReply created = submit(submission(false));
    BOOST_REQUIRE_EQUAL(created.status, 201);
    const std::string code = nlohmann::json::parse(created.body)["tracking_code"];
    const std::string id = recordOf(code);
    auto& engine = service->workflow().engine();
    engine.apply(id, "route", {"sara", Role::secretariat, "", ""}, "");
    engine.apply(id, "answer", {"rashid", Role::council_secretary, kCouncil, ""}, "تم إصلاح الإنارة في الشارع.");

    const CalendarDate today = service->workflow().today();
    test::HttpSession browser(port());
    for (const web::Language* language : {&web::arabic(), &web::english()}) {
        const auto page = browser.postForm("/track?lang=" + language->code, {{"code", code}});
        BOOST_REQUIRE_EQUAL(page.status, 200);
        // The same words as the staff pages: the month by name, Hijri first.
        const std::string expected = "<time datetime=\"" + today.toIsoString() + "\">"
            + web::formatHijriDate(*language, today) + "</time> <span class=\"date-gregorian\">("
            + web::formatGregorianDate(*language, today) + ")</span>";
        for (const std::string date : {"submitted-on", "updated-on", "answered-on"})
            BOOST_TEST(contains(page.body, "<dd id=\"track-" + date + "\">" + expected + "</dd>"),
                language->code << " " << date << ": " << page.body);
        BOOST_TEST(!contains(page.body, "(" + today.toIsoString() + ")"), language->code); // the short form
    }
    const auto arabicPage = browser.postForm("/track?lang=ar", {{"code", code}});
    BOOST_TEST(contains(arabicPage.body, "هـ")); // the Arabic Hijri era
    const auto englishPage = browser.postForm("/track?lang=en", {{"code", code}});
    BOOST_TEST(contains(englishPage.body, " AH"));
}

BOOST_FIXTURE_TEST_CASE(signed_in_citizen_lists_own, CitizenFixture)
{
    const HttpReply created = submit(submission(false), as("noura"));
    BOOST_REQUIRE_EQUAL(created.status, 201);
    const std::string code = nlohmann::json::parse(created.body)["tracking_code"];
    const std::string id = recordOf(code);

    const HttpReply mine = get("/api/v1/my/submissions", as("noura"));
    BOOST_REQUIRE_EQUAL(mine.status, 200);
    const auto list = nlohmann::json::parse(mine.body)["submissions"];
    BOOST_REQUIRE_EQUAL(list.size(), 1u);
    BOOST_TEST(list[0]["id"] == id);
    BOOST_TEST(list[0]["tracking_code"] == code);
    BOOST_TEST(get("/api/v1/records/" + id, as("noura")).status == 200);

    // The submitter sees neither staff comments nor the assignee, but does
    // see the comment of a step that hands the item to the citizen.
    auto& engine = service->workflow().engine();
    const workflow::Caller secretariat{"sara", Role::secretariat, "", ""};
    std::istringstream memo("مذكرة داخلية");
    engine.comment(id, secretariat, "ملاحظة داخلية للأمانة", {service->store().storeStream(memo, "internal-memo.txt")});
    engine.assign(id, "sara", secretariat);
    engine.apply(id, "route", secretariat, "أحيلت مع توجيه داخلي");
    engine.apply(id, "request_information", {"rashid", Role::council_secretary, kCouncil, ""}, "ما رقم العمود المعطل؟");
    const HttpReply history = get("/api/v1/records/" + id + "/versions", as("noura"));
    BOOST_REQUIRE_EQUAL(history.status, 200);
    BOOST_TEST(!contains(history.body, "ملاحظة داخلية"));
    BOOST_TEST(!contains(history.body, "توجيه داخلي"));
    BOOST_TEST(!contains(history.body, "wf_assignee"));
    BOOST_TEST(contains(history.body, "ما رقم العمود المعطل"));
    BOOST_TEST(!contains(history.body, "internal-memo.txt"));
    BOOST_TEST(!contains(get("/api/v1/records/" + id, as("noura")).body, "internal-memo.txt"));
    const std::string staffView = get("/api/v1/records/" + id + "/versions", as("sara")).body;
    BOOST_TEST(contains(staffView, "ملاحظة داخلية"));
    BOOST_TEST(contains(staffView, "internal-memo.txt"));

    // Another citizen, the public and another council see none of it.
    BOOST_TEST(nlohmann::json::parse(get("/api/v1/my/submissions", as("nour")).body)["submissions"].empty());
    BOOST_TEST(get("/api/v1/records/" + id, as("nour")).status == 404);
    BOOST_TEST(get("/api/v1/records/" + id + "/versions", as("nour")).status == 404);
    BOOST_TEST(get("/api/v1/records/" + id).status == 404);
    BOOST_TEST(get("/api/v1/records/" + id, as("jamal")).status == 404);
    BOOST_TEST(get("/api/v1/my/submissions").status == 401);
    BOOST_TEST(get("/api/v1/my/submissions", as("sara")).status == 403);
}

BOOST_FIXTURE_TEST_CASE(staff_submission_returns_id, CitizenFixture)
{
    nlohmann::json body = submission(false);
    body.erase("challenge_token");
    const HttpReply created = submit(body, as("sara"));
    BOOST_REQUIRE_EQUAL(created.status, 201);
    const auto json = nlohmann::json::parse(created.body);
    BOOST_TEST(json["id"] == recordOf(json["tracking_code"]));
}

BOOST_FIXTURE_TEST_CASE(erasure_keeps_record, CitizenFixture)
{
    const HttpReply created = submit(submission());
    BOOST_REQUIRE_EQUAL(created.status, 201);
    const std::string id = recordOf(nlohmann::json::parse(created.body)["tracking_code"]);
    const std::string path = "/api/v1/submissions/" + id + "/personal-details";
    const std::size_t versions = service->store().history(id).size();

    const HttpReply read = get(path, as("rashid"));
    BOOST_REQUIRE_EQUAL(read.status, 200);
    BOOST_TEST(nlohmann::json::parse(read.body)["personal_details"]["national_id"] == kNationalId);
    BOOST_TEST(get(path, as("jamal")).status == 404); // another council cannot even see the record
    BOOST_TEST(get(path, as("noura")).status == 404);
    BOOST_TEST(get(path).status == 401);

    BOOST_TEST(postJson(path + "/erase", {{"reason", "طلب المواطن"}}, as("rashid")).status == 403);
    BOOST_TEST(postJson(path + "/erase", {{"reason", ""}}, as("sara")).status == 400);
    const HttpReply erased = postJson(path + "/erase", {{"reason", "طلب المواطنة حذف بياناتها"}}, as("sara"));
    BOOST_REQUIRE_EQUAL(erased.status, 200);
    BOOST_TEST(postJson(path + "/erase", {{"reason", "مرة أخرى"}}, as("sara")).status == 404);

    const auto after = nlohmann::json::parse(get(path, as("sara")).body);
    BOOST_TEST(after["personal_details"].is_null());
    BOOST_TEST(after["erased"]["actor"] == "sara");
    BOOST_TEST(service->store().history(id).size() == versions);
    BOOST_TEST(get("/api/v1/records/" + id, as("sara")).status == 200);

    bool audited = false;
    service->store().forEachAuditEntry(1, [&](const records::AuditEntry& entry) {
        if (entry.action == "personal_details.erase" && entry.subject == "record:" + id)
            audited = entry.reason == "طلب المواطنة حذف بياناتها" && entry.actor == "sara";
        requireNoDetails(records::AuditLog::toJson(entry).dump(), "audit entry");
        return true;
    });
    BOOST_TEST(audited);
    requireNoDetails(log->text(), "log");
}

BOOST_FIXTURE_TEST_CASE(erasure_drops_queued_mail_to_the_citizen, CitizenFixture)
{
    // The mail server refuses for now, so the confirmation waits to be retried.
    smtp.refuseNext(1000);
    const HttpReply created = submit(submission());
    BOOST_REQUIRE_EQUAL(created.status, 201);
    const std::string id = recordOf(nlohmann::json::parse(created.body)["tracking_code"]);
    notify::EmailNotifier& notifier = service->workflow().notifier();
    for (int i = 0; i < 200 && notifier.stats().retried == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    BOOST_REQUIRE(notifier.stats().retried > 0);
    BOOST_REQUIRE(notifier.stats().queued > 0);

    const HttpReply erased = postJson("/api/v1/submissions/" + id + "/personal-details/erase",
        {{"reason", "طلب المواطنة حذف بياناتها"}}, as("sara"));
    BOOST_REQUIRE_EQUAL(erased.status, 200);
    BOOST_TEST(notifier.stats().queued == 0u);

    // Once the server accepts again, nothing reaches the erased address.
    smtp.refuseNext(0);
    BOOST_TEST(notifier.waitUntilIdle(std::chrono::seconds(5)));
    std::this_thread::sleep_for(std::chrono::seconds(3));
    for (const auto& message : smtp.messages())
        BOOST_TEST(!contains(message.data, kEmail));
}

BOOST_FIXTURE_TEST_CASE(challenge_missing_wrong_replayed, CitizenFixture)
{
    nlohmann::json body = submission(false);
    const nlohmann::json solved = body;

    body.erase("challenge_token");
    const HttpReply missing = submit(body);
    BOOST_TEST(missing.status == 400);
    BOOST_TEST(contains(errorMessage(missing), "challenge is missing"));

    BOOST_TEST(submit(solved).status == 201);
    const HttpReply replayed = submit(solved);
    BOOST_TEST(replayed.status == 403);
    BOOST_TEST(contains(errorMessage(replayed), "used already"));

    nlohmann::json wrong = submission(false);
    wrong["challenge_solution"] = "";
    wrong["challenge_answer"] = "1000";
    const HttpReply failed = submit(wrong);
    BOOST_TEST(failed.status == 403);
    BOOST_TEST(contains(errorMessage(failed), "answer to the question is wrong"));

    nlohmann::json forged = submission(false);
    forged["challenge_token"] = std::string(forged["challenge_token"]).replace(0, 4, "0000");
    BOOST_TEST(submit(forged).status == 403);

    // The arithmetic answer works without any proof of work.
    const auto challenge = nlohmann::json::parse(get("/api/v1/challenge").body);
    std::smatch numbers;
    const std::string question = challenge["question"]["en"];
    BOOST_REQUIRE(std::regex_search(question, numbers, std::regex("(\\d+) \\+ (\\d+)")));
    nlohmann::json answered = submission(false);
    answered["challenge_token"] = challenge["token"];
    answered["challenge_solution"] = "";
    answered["challenge_answer"] = std::to_string(std::stoi(numbers[1]) + std::stoi(numbers[2]));
    BOOST_TEST(submit(answered).status == 201);
}

BOOST_FIXTURE_TEST_CASE(invalid_input_named_in_errors, CitizenFixture)
{
    nlohmann::json body = submission();
    body["national_id"] = "3012345678";
    const HttpReply badId = submit(body);
    BOOST_TEST(badId.status == 400);
    BOOST_TEST(contains(errorMessage(badId), "3012345678"));
    BOOST_TEST(contains(errorMessage(badId), "10 digits"));
    const auto badIdError = nlohmann::json::parse(badId.body)["error"];
    BOOST_TEST(badIdError["message_id"] == "error.invalid_national_id");
    BOOST_TEST(contains(badIdError["messages"]["ar"].get<std::string>(), "رقم الهوية أو الإقامة"));
    BOOST_TEST(contains(badIdError["messages"]["ar"].get<std::string>(), "3012345678"));
    BOOST_TEST(contains(badIdError["messages"]["en"].get<std::string>(), "10 digits"));

    // The checks come before the challenge, so the same token still works.
    body["national_id"] = kNationalId;
    body["council"] = "مجلس لا وجود له";
    BOOST_TEST(submit(body).status == 400);
    body["council"] = kCouncil;
    body["category"] = "weather";
    BOOST_TEST(submit(body).status == 400);
    body["category"] = "lighting";
    body["text"] = "قصير";
    BOOST_TEST(submit(body).status == 400);
    body["text"] = std::string(20001, 'a');
    BOOST_TEST(submit(body).status == 400);
    // The limit counts characters: 20,001 Arabic letters are too many, and
    // 12,000 (24,000 bytes in UTF-8) are accepted.
    std::string letters;
    for (int i = 0; i < 20001; ++i)
        letters += "ب";
    body["text"] = letters;
    BOOST_TEST(submit(body).status == 400);
    body["text"] = kText;
    body["kind"] = "praise";
    BOOST_TEST(submit(body).status == 400);
    body["kind"] = "suggestion";
    body["text"] = letters.substr(0, 12000 * 2);
    BOOST_TEST(submit(body).status == 201);

    // A malformed tracking code gets 400 with the fix, an unknown one 404.
    const HttpReply malformed = get("/api/v1/track/ABC");
    BOOST_TEST(malformed.status == 400);
    BOOST_TEST(contains(errorMessage(malformed), "12 letters and digits"));
    BOOST_TEST(get("/api/v1/track/" + workflow::TrackingCode::display(workflow::TrackingCode::generate())).status == 404);
    requireNoDetails(log->text(), "log");
}

BOOST_FIXTURE_TEST_CASE(rate_limits_answer_429, TightLimitsFixture)
{
    const std::string unknown = workflow::TrackingCode::display(workflow::TrackingCode::generate());
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(get("/api/v1/track/" + unknown).status == 404);
    const HttpReply limited = get("/api/v1/track/" + unknown);
    BOOST_TEST(limited.status == 429);
    BOOST_TEST(std::stoi(limited.header("retry-after")) > 0);

    BOOST_TEST(submit(submission(false)).status == 201);
    BOOST_TEST(submit(submission(false)).status == 201);
    const HttpReply third = submit(submission(false));
    BOOST_TEST(third.status == 429);
    BOOST_TEST(!third.header("retry-after").empty());
}

BOOST_FIXTURE_TEST_CASE(submit_form_names_councils, CitizenFixture)
{
    // Every council of the reference data takes submissions, with or without
    // a secretary account, because the secretariat routes them first.
    test::HttpSession browser(port());
    const auto arabicForm = browser.get("/submit");
    BOOST_TEST(contains(arabicForm.body, "<option value=\"RD-01\" >المجلس البلدي لأمانة منطقة الرياض</option>"));
    const auto englishForm = browser.get("/submit?lang=en");
    BOOST_TEST(contains(englishForm.body, "<option value=\"RD-01\" >"));
    BOOST_TEST(!contains(englishForm.body, ">RD-01<"));
    BOOST_TEST(contains(arabicForm.body, "<option value=\"TB-01\" >"));
    BOOST_TEST(contains(arabicForm.body, kCouncil)); // a council name with a secretary account
}

BOOST_FIXTURE_TEST_CASE(pages_work_without_javascript, CitizenFixture)
{
    test::HttpSession browser(port());
    const auto home = browser.get("/");
    BOOST_TEST(contains(home.body, "href=\"/submit\""));
    BOOST_TEST(contains(home.body, "href=\"/track\""));

    const auto form = browser.get("/submit");
    BOOST_REQUIRE_EQUAL(form.status, 200);
    BOOST_TEST(contains(form.body, "dir=\"rtl\""));
    BOOST_TEST(contains(form.body, kCouncil));
    std::smatch numbers;
    BOOST_REQUIRE(std::regex_search(form.body, numbers, std::regex("(\\d+) \\+ (\\d+)")));
    const std::string answer = std::to_string(std::stoi(numbers[1]) + std::stoi(numbers[2]));

    const std::string boundary = "----majlis-test-boundary";
    std::string body;
    const auto field = [&](const std::string& name, const std::string& value) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    };
    field("challenge_token", test::inputValue(form.body, "challenge_token"));
    field("challenge_solution", "");
    field("challenge_answer", answer);
    field("kind", "suggestion");
    field("council", kCouncil);
    field("category", "parks");
    field("text", kText);
    field("national_id", kNationalId);
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"photo.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\nصورة الشارع\r\n";
    body += "--" + boundary + "--\r\n";
    const auto submitted = browser.post("/submit", "multipart/form-data; boundary=" + boundary, body);
    BOOST_REQUIRE_EQUAL(submitted.status, 200);
    std::smatch code;
    BOOST_REQUIRE(std::regex_search(submitted.body, code, std::regex("id=\"tracking-code\"[^>]*>([0-9A-Z-]+)<")));
    const std::string id = recordOf(code[1]);
    BOOST_TEST(service->store().current(id).files.size() == 1u);

    // The same form again: the challenge was spent.
    const auto again = browser.post("/submit", "multipart/form-data; boundary=" + boundary, body);
    BOOST_TEST(again.status == 403);
    BOOST_TEST(contains(again.body, "استُخدم هذا التحقق"));

    const auto tracked = browser.postForm("/track", {{"code", code[1]}});
    BOOST_REQUIRE_EQUAL(tracked.status, 200);
    BOOST_TEST(contains(tracked.body, "<dd id=\"track-status\">مقدَّم</dd>")); // a suggestion
    BOOST_TEST(contains(tracked.body, "لم يصدر رد بعد"));
    requireNoDetails(tracked.body, "track page");

    const auto english = browser.postForm("/track?lang=en", {{"code", "nonsense"}});
    BOOST_TEST(english.status == 400);
    BOOST_TEST(contains(english.body, "12 letters and digits"));
}


BOOST_FIXTURE_TEST_CASE(url_encoded_form_explained, CitizenFixture)
{
    // A form posted url-encoded (a script, or a page without enctype) is
    // not a file-type problem: the form comes back saying how to send it.
    test::HttpSession browser(port());
    const auto arabic = browser.postForm("/submit", {{"kind", "complaint"}, {"text", kText}});
    BOOST_TEST(arabic.status == 415);
    BOOST_TEST(contains(arabic.body, "أرسل النموذج من الصفحة"), arabic.body);
    BOOST_TEST(contains(arabic.body, "multipart/form-data"));
    BOOST_TEST(contains(arabic.body, "name=\"challenge_token\""));

    const auto english = browser.postForm("/submit?lang=en", {{"kind", "complaint"}, {"text", kText}});
    BOOST_TEST(english.status == 415);
    BOOST_TEST(contains(english.body, "Send the form from the page"), english.body);
    BOOST_TEST(!contains(english.body, "application/json"));

    // A boundary longer than RFC 2046's 70 characters cannot be parsed.
    const auto malformed = browser.post("/submit?lang=ar", "multipart/form-data; boundary=" + std::string(71, 'b'), "x");
    BOOST_TEST(malformed.status == 400);
    BOOST_TEST(contains(malformed.body, "محتوى النموذج غير سليم"), malformed.body);
    BOOST_TEST(contains(malformed.body, "name=\"challenge_token\""));
}

BOOST_AUTO_TEST_SUITE_END()
