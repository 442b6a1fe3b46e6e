#include "tests/web/PortalFixture.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/Command.h"
#include "tests/support/SharedCorpus.h"

#include <Poco/Net/StreamSocket.h>

#include <cmath>
#include <fstream>

using namespace majlis;
using test::HttpSession;
using test::inputValue;
using Fields = std::map<std::string, std::string>;

namespace {

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

std::string part(const std::string& disposition, const std::string& content)
{
    return "------staffboundary\r\nContent-Disposition: " + disposition + "\r\n\r\n" + content + "\r\n";
}

std::string uploadBody(const std::string& csrf, const std::string& fileName, const std::string& content)
{
    return part("form-data; name=\"csrf\"", csrf) + part("form-data; name=\"title\"", "محضر الجلسة الأولى")
        + part("form-data; name=\"type\"", "minutes") + part("form-data; name=\"access\"", "public")
        + part("form-data; name=\"date\"", "1446-06-01")
        + part("form-data; name=\"files\"; filename=\"" + fileName + "\"", content) + "------staffboundary--\r\n";
}

constexpr const char* kMultipart = "multipart/form-data; boundary=----staffboundary";

std::string letterBody(const std::string& csrf, const std::string& council)
{
    return part("form-data; name=\"csrf\"", csrf) + part("form-data; name=\"direction\"", "incoming")
        + part("form-data; name=\"council\"", council) + part("form-data; name=\"title\"", "خطاب بشأن الحدائق")
        + "------staffboundary--\r\n";
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(staff_pages, test::PortalFixture)

BOOST_AUTO_TEST_CASE(staff_pages_redirect_to_login)
{
    HttpSession session(port());
    for (const std::string path : {"/staff", "/staff/upload", "/staff/records/R00000001"}) {
        const auto reply = session.get(path);
        BOOST_TEST(reply.status == 303, path);
        BOOST_TEST(reply.header("location") == "/staff/login", path);
    }
}

BOOST_AUTO_TEST_CASE(login_sets_strict_httponly_session_cookie)
{
    HttpSession session(port());
    const auto form = session.get("/staff/login");
    const auto reply = session.postForm("/staff/login",
        {{"csrf", inputValue(form.body, "csrf")}, {"user", "admin"}, {"password", adminPassword()}});
    BOOST_TEST(reply.status == 303);
    const std::string cookie = reply.setCookie("majlis_session");
    BOOST_TEST(contains(cookie, "HttpOnly"));
    BOOST_TEST(contains(cookie, "SameSite=Strict"));
    BOOST_TEST(!contains(cookie, "Secure"));
    BOOST_TEST(cookie.find(';') - std::string("majlis_session=").size() == 64u);
    BOOST_TEST(session.get("/staff").status == 200);
}

BOOST_AUTO_TEST_CASE(session_cookie_is_secure_behind_tls_proxy)
{
    HttpSession session(port());
    const auto form = session.get("/staff/login");
    const std::string body = test::formEncode({{"csrf", inputValue(form.body, "csrf")}, {"user", "admin"}, {"password", adminPassword()}});
    const auto reply = test::httpRequest(port(), "POST", "/staff/login",
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Forwarded-Proto", "https"},
            {"Cookie", "majlis_login=" + session.cookies()["majlis_login"]}},
        body);
    BOOST_TEST(reply.status == 303);
    BOOST_TEST(contains(reply.header("set-cookie"), "Secure"));
}

BOOST_AUTO_TEST_CASE(wrong_password_is_rejected)
{
    HttpSession session(port());
    const auto form = session.get("/staff/login");
    const auto reply = session.postForm("/staff/login", {{"csrf", inputValue(form.body, "csrf")}, {"user", "admin"}, {"password", "wrong"}});
    BOOST_TEST(reply.status == 401);
    BOOST_TEST(contains(reply.body, "اسم المستخدم أو كلمة المرور غير صحيحة"));
    BOOST_TEST(reply.setCookie("majlis_session").empty());
}

BOOST_AUTO_TEST_CASE(empty_user_name_is_rejected)
{
    HttpSession session(port());
    const auto form = session.get("/staff/login");
    const auto reply = session.postForm("/staff/login", {{"csrf", inputValue(form.body, "csrf")}, {"user", ""}, {"password", "whatever12345"}});
    BOOST_TEST(reply.status == 401);
    BOOST_TEST(contains(reply.body, "اسم المستخدم أو كلمة المرور غير صحيحة"));
}

BOOST_AUTO_TEST_CASE(login_without_form_token_is_rejected)
{
    HttpSession session(port());
    session.get("/staff/login");
    const auto reply = session.postForm("/staff/login", {{"csrf", "forged"}, {"user", "admin"}, {"password", adminPassword()}});
    BOOST_TEST(reply.status == 403);
    BOOST_TEST(reply.setCookie("majlis_session").empty());
}

BOOST_AUTO_TEST_CASE(repeated_failures_are_throttled)
{
    HttpSession session(port());
    for (int attempt = 0; attempt < 5; ++attempt) {
        const auto form = session.get("/staff/login");
        session.postForm("/staff/login", {{"csrf", inputValue(form.body, "csrf")}, {"user", "admin"}, {"password", "wrong"}});
    }
    const auto form = session.get("/staff/login");
    const auto reply = session.postForm("/staff/login",
        {{"csrf", inputValue(form.body, "csrf")}, {"user", "admin"}, {"password", adminPassword()}});
    BOOST_TEST(reply.status == 429);
    BOOST_TEST(contains(reply.body, "تجاوزت عدد محاولات الدخول"));
}

BOOST_AUTO_TEST_CASE(logout_revokes_the_session)
{
    HttpSession session(port());
    const std::string csrf = signIn(session);
    const std::string oldCookie = session.cookies()["majlis_session"];
    const auto reply = session.postForm("/staff/logout", {{"csrf", csrf}});
    BOOST_TEST(reply.status == 303);
    HttpSession replay(port());
    replay.cookies()["majlis_session"] = oldCookie;
    BOOST_TEST(replay.get("/staff").status == 303);
}

BOOST_AUTO_TEST_CASE(edit_without_csrf_token_is_rejected)
{
    const auto record = addRecord("قرار", records::AccessLevel::internal);
    HttpSession session(port());
    signIn(session);
    const auto reply = session.postForm("/staff/records/" + record.id + "/edit",
        {{"title", "مختلف"}, {"type", "decision"}, {"access", "internal"}, {"reason", "اختبار"}});
    BOOST_TEST(reply.status == 403);
    BOOST_TEST(contains(reply.body, "انتهت صلاحية النموذج"));
    BOOST_TEST(service->store().current(record.id).version == 1u);
}

BOOST_AUTO_TEST_CASE(edit_saves_a_version_with_its_reason)
{
    const auto record = addRecord("قرار قديم", records::AccessLevel::internal);
    HttpSession session(port());
    const std::string csrf = signIn(session);
    const auto reply = session.postForm("/staff/records/" + record.id + "/edit",
        {{"csrf", csrf}, {"title", "قرار جديد"}, {"type", "decision"}, {"access", "public"}, {"council", "RD-01"},
            {"reference", "12"}, {"date", "2024-01-15"}, {"tags", "حدائق، بلدية"}, {"reason", "تصحيح العنوان"}});
    BOOST_TEST(reply.status == 303);
    const auto current = service->store().current(record.id);
    BOOST_TEST(current.version == 2u);
    BOOST_TEST(current.title == "قرار جديد");
    BOOST_TEST(current.reason == "تصحيح العنوان");
    BOOST_TEST(current.tags.size() == 2u);
    BOOST_TEST(current.council == "RD-01");
}

BOOST_AUTO_TEST_CASE(council_fields_offer_named_councils_and_refuse_others)
{
    HttpSession session(port());
    const std::string csrf = signIn(session);
    for (const std::string path : {"/staff/upload?lang=ar", "/staff/correspondence/new?lang=ar"}) {
        const auto form = session.get(path);
        BOOST_TEST(contains(form.body, "<optgroup label=\"منطقة الرياض\"><option value=\"RD-01\" lang=\"ar\">"
                                       "المجلس البلدي لأمانة منطقة الرياض</option>"),
            path);
    }

    // A record filed under a council's name before codes were checked keeps
    // it through an edit that leaves the council alone.
    const auto record = addRecord("قرار قديم", records::AccessLevel::internal);
    const auto form = session.get("/staff/records/" + record.id + "/edit");
    BOOST_TEST(contains(form.body, "<option value=\"المجلس البلدي بمدينة الرياض\" selected"));
    const Fields sameCouncil = {{"csrf", csrf}, {"title", "قرار"}, {"type", "decision"}, {"access", "internal"},
        {"council", record.council}, {"reason", "تصحيح العنوان"}};
    BOOST_TEST(session.postForm("/staff/records/" + record.id + "/edit", sameCouncil).status == 303);

    Fields unknown = sameCouncil;
    unknown["council"] = "مجلس لا وجود له";
    const auto rejected = session.postForm("/staff/records/" + record.id + "/edit", unknown);
    BOOST_TEST(rejected.status == 400);
    BOOST_TEST(contains(rejected.body, "مجلس لا وجود له"));
    BOOST_TEST(service->store().current(record.id).council == record.council);

    const auto letter = session.post("/staff/correspondence/new", kMultipart, letterBody(csrf, "مجلس لا وجود له"));
    BOOST_TEST(letter.status == 400);
    BOOST_TEST(contains(letter.body, "مجلس لا وجود له"));
}

BOOST_AUTO_TEST_CASE(account_scoped_by_an_old_council_name_still_uploads)
{
    const std::string council = "المجلس البلدي بمدينة الرياض";
    addAccount("secretary.old", accounts::Role::council_secretary, council);
    HttpSession session(port());
    const std::string csrf = signInAs(session, "secretary.old");
    const auto form = session.get("/staff/upload");
    BOOST_TEST(contains(form.body, "<option value=\"" + council + "\" selected"));
    const std::string body = part("form-data; name=\"council\"", council) + uploadBody(csrf, "محضر.txt", "نص المحضر");
    const auto reply = session.post("/staff/upload", kMultipart, body);
    BOOST_TEST_REQUIRE(reply.status == 303, reply.body);
}

BOOST_AUTO_TEST_CASE(work_items_name_their_council)
{
    HttpSession session(port());
    const std::string csrf = signIn(session);
    const auto reply = session.post("/staff/correspondence/new", kMultipart, letterBody(csrf, "RD-01"));
    BOOST_TEST_REQUIRE(reply.status == 303, reply.body);
    const auto item = session.get(reply.header("location") + "?lang=ar");
    BOOST_TEST(contains(item.body, "<dd dir=\"auto\" lang=\"ar\">المجلس البلدي لأمانة منطقة الرياض</dd>"), item.body);
    const auto english = session.get(reply.header("location") + "?lang=en");
    BOOST_TEST(contains(english.body, "Municipal Council of Riyadh Amana"));
    // The due date is the Hijri day, then the Gregorian one; the ISO date stays in datetime.
    const std::size_t due = item.body.find("<dd><time datetime=\"");
    BOOST_TEST_REQUIRE(due != std::string::npos);
    const std::string dueText = item.body.substr(due, 160);
    BOOST_TEST(dueText.find(" هـ (") != std::string::npos, dueText);
    BOOST_TEST(dueText.find(")</time>") != std::string::npos, dueText);
}

BOOST_AUTO_TEST_CASE(edit_and_text_forms_show_the_record_title)
{
    const auto record = addRecord("محضر لجنة الحدائق", records::AccessLevel::internal);
    HttpSession session(port());
    signIn(session);
    const auto form = session.get("/staff/records/" + record.id + "/edit?lang=ar");
    BOOST_TEST(contains(form.body, "<input id=\"title\" name=\"title\" value=\"محضر لجنة الحدائق\""));
    BOOST_TEST(contains(form.body, "dir=\"auto\">محضر لجنة الحدائق</a>"));
    const auto text = session.get("/staff/records/" + record.id + "/text?lang=ar");
    BOOST_TEST(contains(text.body, "dir=\"auto\">محضر لجنة الحدائق</a>"));
}

BOOST_AUTO_TEST_CASE(edit_without_reason_is_400)
{
    const auto record = addRecord("قرار", records::AccessLevel::internal);
    HttpSession session(port());
    const std::string csrf = signIn(session);
    const auto reply = session.postForm("/staff/records/" + record.id + "/edit",
        {{"csrf", csrf}, {"title", "x"}, {"type", "decision"}, {"access", "internal"}, {"reason", " "}});
    BOOST_TEST(reply.status == 400);
    BOOST_TEST(contains(reply.body, "اكتب سبب التعديل"));
}

BOOST_AUTO_TEST_CASE(compare_shows_both_versions)
{
    const auto record = addRecord("العنوان الأول", records::AccessLevel::internal);
    records::RecordChange change;
    change.title = "العنوان الثاني";
    change.reason = "تعديل";
    service->store().update(record.id, change, "test");
    HttpSession session(port());
    signIn(session);
    const auto reply = session.get("/staff/records/" + record.id + "/compare?a=1&b=2");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(contains(reply.body, "العنوان الأول"));
    BOOST_TEST(contains(reply.body, "العنوان الثاني"));
    BOOST_TEST(contains(reply.body, "class=\"changed\""));
    BOOST_TEST(session.get("/staff/records/" + record.id + "/compare?a=1&b=9").status == 400);
}

BOOST_AUTO_TEST_CASE(public_page_link_only_for_public_records)
{
    const auto internal = addRecord("محضر داخلي", records::AccessLevel::internal);
    const auto open = addRecord("قرار عام", records::AccessLevel::public_access);
    HttpSession session(port());
    signIn(session);
    const auto internalPage = session.get("/staff/records/" + internal.id);
    BOOST_TEST(internalPage.status == 200);
    BOOST_TEST(!contains(internalPage.body, "href=\"/records/" + internal.id + "\""));
    const auto publicPage = session.get("/staff/records/" + open.id);
    BOOST_TEST(contains(publicPage.body, "href=\"/records/" + open.id + "\""));
}

BOOST_AUTO_TEST_CASE(corrected_text_becomes_the_body)
{
    const auto record = addRecord("محضر", records::AccessLevel::internal);
    HttpSession session(port());
    const std::string csrf = signIn(session);
    const auto form = session.get("/staff/records/" + record.id + "/text");
    BOOST_TEST(form.status == 200);
    const auto reply = session.postForm("/staff/records/" + record.id + "/text",
        {{"csrf", csrf}, {"text", "النص المصحح للمحضر"}, {"reason", "تصحيح نص التعرف الضوئي"}});
    BOOST_TEST(reply.status == 303);
    const auto current = service->store().current(record.id);
    BOOST_TEST(current.body == "النص المصحح للمحضر");
    BOOST_TEST(current.reason == "تصحيح نص التعرف الضوئي");
}

BOOST_AUTO_TEST_CASE(upload_creates_record_and_shows_extraction)
{
    HttpSession session(port());
    const std::string csrf = signIn(session);
    const auto reply = session.post("/staff/upload", kMultipart, uploadBody(csrf, "محضر الجلسة.txt", "نص محضر الجلسة الأولى"));
    BOOST_TEST(reply.status == 303);
    const std::string location = reply.header("location");
    BOOST_TEST(contains(location, "/extraction"));
    const auto page = session.get(location);
    BOOST_TEST(page.status == 200);
    BOOST_TEST(contains(page.body, "محضر الجلسة.txt"));
    const auto status = session.get(location + ".json");
    BOOST_TEST(status.status == 200);
    BOOST_TEST(contains(status.body, "\"queue_length\""));
}

BOOST_AUTO_TEST_CASE(extraction_failure_is_shown_in_the_page_language)
{
    // The import's OCR children are the real majlis program, which this
    // test program is not, so the file is imported before the server starts.
    service.reset();
    std::filesystem::create_directories(dir / "in");
    const auto pdf = dir / "in" / "محضر تالف.pdf";
    std::ofstream(pdf) << "%PDF-1.4\nnot a pdf";
    const auto imported = test::runMajlis({"import", "--data", dir.path().string(), "--json", pdf.string()});
    BOOST_TEST_REQUIRE(imported.exitCode == 1, imported.err);
    const std::string id = nlohmann::json::parse(imported.out)["records"][0]["id"].get<std::string>();
    start();

    HttpSession session(port());
    signIn(session);
    const auto arabicPage = session.get("/staff/records/" + id + "?lang=ar");
    BOOST_TEST(arabicPage.status == 200);
    // The reason `majlis import` gave the version is shown in the page's language.
    BOOST_TEST(contains(arabicPage.body, "استُورد من الملف «\u2068محضر تالف.pdf\u2069»"));
    // Its time is shown in Saudi time with the Hijri date, not as stored in UTC.
    BOOST_TEST(contains(arabicPage.body, " هـ في "));
    BOOST_TEST(!contains(arabicPage.body, "Z</td>"));
    // The catalogue isolates the file name (U+2068, U+2069) in either direction.
    BOOST_TEST(contains(arabicPage.body, "تعذّرت قراءة «\u2068محضر تالف.pdf\u2069»: ملف PDF تالف"));
    const auto englishPage = session.get("/staff/records/" + id + "?lang=en");
    BOOST_TEST(contains(englishPage.body, "Cannot read “\u2068محضر تالف.pdf\u2069”: the PDF is damaged. Upload an intact copy."));

    const auto text = test::httpRequest(port(), "GET", "/api/v1/records/" + id + "/text",
        {{"Authorization", basicFor("admin")}});
    BOOST_TEST_REQUIRE(text.status == 200, text.body);
    const auto file = nlohmann::json::parse(text.body)["files"][0];
    BOOST_TEST(file["status"] == "failed");
    BOOST_TEST(file["error_message_id"] == "ocr.pdf_damaged");
    BOOST_TEST(contains(file["error_messages"]["ar"].get<std::string>(), "ارفع نسخة سليمة"));
    BOOST_TEST(contains(file["error_messages"]["en"].get<std::string>(), "Upload an intact copy"));
    BOOST_TEST(contains(file["error"].get<std::string>(), "damaged"));
}

BOOST_AUTO_TEST_CASE(flagged_page_shows_its_confidence)
{
    const auto scan = test::sharedPath("cases/04-hijri-digits.png");
    if (!scan) {
        BOOST_TEST_MESSAGE("skipped: ../shared/cases is absent");
        return;
    }
    service.reset();
    const auto imported = test::runMajlis({"import", "--data", dir.path().string(), "--json", scan->string()});
    BOOST_TEST_REQUIRE(imported.exitCode == 0, imported.err);
    const std::string id = nlohmann::json::parse(imported.out)["records"][0]["id"].get<std::string>();
    start();

    const auto text = test::httpRequest(port(), "GET", "/api/v1/records/" + id + "/text", {{"Authorization", basicFor("admin")}});
    const auto page = nlohmann::json::parse(text.body)["files"][0]["pages"][0];
    BOOST_TEST_REQUIRE(!page["flags"].empty());
    const std::string percent = std::to_string(std::llround(page["mean_confidence"].get<double>())) + "%";
    HttpSession session(port());
    signIn(session);
    const auto record = session.get("/staff/records/" + id + "?lang=en");
    BOOST_TEST(contains(record.body, "Page 1: confidence " + percent), percent);
    // The flags' tooltip names each flag in the page's language.
    BOOST_TEST(contains(record.body, "Low mean word confidence"));
    const auto arabic = session.get("/staff/records/" + id + "?lang=ar");
    BOOST_TEST(contains(arabic.body, "متوسط دقة التعرف على الكلمات منخفض"));
    BOOST_TEST(!contains(arabic.body, "&quot;kind&quot;"));
}

BOOST_AUTO_TEST_CASE(upload_of_unsupported_type_is_415)
{
    HttpSession session(port());
    const std::string csrf = signIn(session);
    const auto reply = session.post("/staff/upload", kMultipart, uploadBody(csrf, "برنامج.bin", std::string("\x7f" "ELF\x01\x02\x00\x00", 8)));
    BOOST_TEST(reply.status == 415);
    BOOST_TEST(contains(reply.body, "برنامج.bin"));
    BOOST_TEST(contains(reply.body, "غير مدعوم"));
}

BOOST_AUTO_TEST_CASE(upload_over_the_limit_is_413)
{
    HttpSession session(port());
    signIn(session);
    // Only the headers are sent: the limit applies before the body is read.
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port()));
    socket.setReceiveTimeout(Poco::Timespan(30, 0));
    const std::string request = "POST /staff/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 314572800\r\n"
        "Cookie: majlis_session=" + session.cookies()["majlis_session"] + "\r\n\r\n";
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    std::string reply;
    char buffer[4096];
    for (int received; (received = socket.receiveBytes(buffer, sizeof buffer)) > 0;)
        reply.append(buffer, static_cast<std::size_t>(received));
    BOOST_TEST(reply.starts_with("HTTP/1.1 413"));
    BOOST_TEST(contains(reply, "حجم الملفات المرفوعة أكبر من الحد المسموح"));
}

BOOST_AUTO_TEST_CASE(upload_without_csrf_token_is_rejected)
{
    HttpSession session(port());
    signIn(session);
    const auto reply = session.post("/staff/upload", kMultipart, uploadBody("forged", "a.txt", "text"));
    BOOST_TEST(reply.status == 403);
}

BOOST_AUTO_TEST_CASE(extraction_status_needs_a_session)
{
    const auto reply = HttpSession(port()).get("/staff/records/R00000001/extraction.json");
    BOOST_TEST(reply.status == 401);
}

BOOST_AUTO_TEST_CASE(staff_pages_are_not_cached)
{
    HttpSession session(port());
    signIn(session);
    BOOST_TEST(session.get("/staff").header("cache-control") == "no-store");
}

BOOST_AUTO_TEST_SUITE_END()
