#include "tests/web/PortalFixture.h"
#include "web/DateDisplay.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;
using test::HttpSession;

namespace {

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

nlohmann::json searchJson(HttpSession& session, const std::string& path)
{
    const auto reply = session.get(path);
    BOOST_TEST(reply.status == 200);
    return nlohmann::json::parse(reply.body);
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(portal_pages, test::PortalFixture)

BOOST_AUTO_TEST_CASE(public_pages_answer_in_arabic_rtl)
{
    const auto record = addRecord("قرار إنشاء حديقة عامة", records::AccessLevel::public_access);
    waitForIndex();
    HttpSession session(port());
    const std::vector<std::string> paths = {"/", "/search?q=%D8%AD%D8%AF%D9%8A%D9%82%D8%A9", "/records/" + record.id,
        "/councils/%D8%A7%D9%84%D9%85%D8%AC%D9%84%D8%B3%20%D8%A7%D9%84%D8%A8%D9%84%D8%AF%D9%8A%20%D8%A8%D9%85%D8%AF%D9%8A%D9%86%D8%A9%20%D8%A7%D9%84%D8%B1%D9%8A%D8%A7%D8%B6",
        "/staff/login"};
    for (const std::string& path : paths) {
        BOOST_TEST_CONTEXT(path)
        {
            const auto reply = session.get(path);
            BOOST_TEST(reply.status == 200);
            BOOST_TEST(contains(reply.body, "<html lang=\"ar\" dir=\"rtl\">"));
            BOOST_TEST(reply.header("content-type") == "text/html; charset=utf-8");
        }
    }
}

BOOST_AUTO_TEST_CASE(page_titles_name_site_once)
{
    HttpSession session(port());
    BOOST_TEST(contains(session.get("/").body, "<title>مجلس</title>"));
    BOOST_TEST(contains(session.get("/?lang=en").body, "<title>Majlis</title>"));
    BOOST_TEST(contains(session.get("/councils?lang=ar").body, " — مجلس</title>"));
}

BOOST_AUTO_TEST_CASE(pages_carry_security_headers)
{
    const auto reply = HttpSession(port()).get("/");
    BOOST_TEST(reply.header("x-content-type-options") == "nosniff");
    BOOST_TEST(contains(reply.header("content-security-policy"), "default-src 'self'"));
    BOOST_TEST(contains(reply.header("content-security-policy"), "frame-ancestors 'none'"));
    BOOST_TEST(!contains(reply.body, "style=\""));
    BOOST_TEST(!contains(reply.body, "<script>"));
}

BOOST_AUTO_TEST_CASE(lang_query_switches_and_is_remembered)
{
    HttpSession session(port());
    const auto english = session.get("/?lang=en");
    BOOST_TEST(contains(english.body, "<html lang=\"en\" dir=\"ltr\">"));
    BOOST_TEST(contains(english.setCookie("lang"), "lang=en"));
    BOOST_TEST(contains(english.setCookie("lang"), "SameSite=Strict"));

    const auto later = session.get("/search");
    BOOST_TEST(contains(later.body, "<html lang=\"en\" dir=\"ltr\">"));

    const auto back = session.get("/search?lang=ar");
    BOOST_TEST(contains(back.body, "<html lang=\"ar\" dir=\"rtl\">"));
    BOOST_TEST(contains(session.get("/").body, "<html lang=\"ar\" dir=\"rtl\">"));
}

BOOST_AUTO_TEST_CASE(language_link_keeps_the_query)
{
    const auto reply = HttpSession(port()).get("/search?q=abc");
    BOOST_TEST(contains(reply.body, "href=\"/search?q=abc&amp;lang=en\""));
    BOOST_TEST(contains(reply.body, "lang=\"en\" dir=\"ltr\" hreflang=\"en\""));
}

BOOST_AUTO_TEST_CASE(accept_language_chooses_the_first_visit_language)
{
    const auto english = HttpSession(port()).get("/", {{"Accept-Language", "en-GB,en;q=0.9,ar;q=0.5"}});
    BOOST_TEST(contains(english.body, "<html lang=\"en\""));
    const auto arabic = HttpSession(port()).get("/", {{"Accept-Language", "fr-FR, ar-SA;q=0.8, en;q=0.3"}});
    BOOST_TEST(contains(arabic.body, "<html lang=\"ar\""));
    const auto other = HttpSession(port()).get("/", {{"Accept-Language", "fr-FR"}});
    BOOST_TEST(contains(other.body, "<html lang=\"ar\""));
}

BOOST_AUTO_TEST_CASE(search_shows_marked_snippets_and_hijri_dates)
{
    addRecord("قرار إنشاء حديقة عامة", records::AccessLevel::public_access, "المجلس البلدي بمدينة الرياض",
        "قرر المجلس إنشاء حديقة عامة في حي النرجس.");
    waitForIndex();
    const auto reply = HttpSession(port()).get("/search?q=%D8%AD%D8%AF%D9%8A%D9%82%D8%A9");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(contains(reply.body, "<mark>"));
    BOOST_TEST(contains(reply.body, "نتيجة واحدة"));
    BOOST_TEST(contains(reply.body, "جمادى الآخرة 1446"));
    BOOST_TEST(contains(reply.body, "2024"));
}

BOOST_AUTO_TEST_CASE(search_never_lists_or_counts_internal_records)
{
    addRecord("قرار حديقة منشور", records::AccessLevel::public_access);
    addRecord("قرار حديقة داخلي", records::AccessLevel::internal);
    addRecord("قرار حديقة سري", records::AccessLevel::confidential);
    waitForIndex();
    const auto reply = HttpSession(port()).get("/search?q=%D8%AD%D8%AF%D9%8A%D9%82%D8%A9");
    BOOST_TEST(contains(reply.body, "قرار حديقة منشور"));
    BOOST_TEST(!contains(reply.body, "قرار حديقة داخلي"));
    BOOST_TEST(!contains(reply.body, "قرار حديقة سري"));
    BOOST_TEST(contains(reply.body, "نتيجة واحدة"));
    const auto home = HttpSession(port()).get("/");
    BOOST_TEST(!contains(home.body, "داخلي</a>"));
}

BOOST_AUTO_TEST_CASE(home_page_follows_new_and_withdrawn_decisions)
{
    const auto first = addRecord("قرار تشجير الطريق الدائري", records::AccessLevel::public_access);
    waitForIndex();
    HttpSession session(port());
    BOOST_TEST(contains(session.get("/").body, "قرار تشجير الطريق الدائري"));
    BOOST_TEST(contains(session.get("/").body, "قرار تشجير الطريق الدائري"));
    BOOST_TEST(contains(session.get("/?lang=en").body, "<html lang=\"en\" dir=\"ltr\">"));

    addRecord("قرار صيانة الحدائق العامة", records::AccessLevel::public_access);
    waitForIndex();
    const auto later = session.get("/?lang=ar");
    BOOST_TEST(contains(later.body, "قرار صيانة الحدائق العامة"));
    BOOST_TEST(contains(later.body, "<html lang=\"ar\" dir=\"rtl\">"));

    // Withdrawn from public view: gone from the next page, before the index catches up.
    records::RecordChange withdraw;
    withdraw.access = records::AccessLevel::internal;
    withdraw.reason = "withdrawn for review";
    service->store().update(first.id, withdraw, "test");
    BOOST_TEST(!contains(session.get("/?lang=ar").body, "قرار تشجير الطريق الدائري"));
    BOOST_TEST(contains(session.get("/?lang=ar").body, "قرار صيانة الحدائق العامة"));
}

BOOST_AUTO_TEST_CASE(repeated_public_search_follows_changes)
{
    const auto first = addRecord("قرار تشجير الطريق الدائري", records::AccessLevel::public_access);
    waitForIndex();
    const std::string path = "/api/v1/search?q=%D8%AA%D8%B4%D8%AC%D9%8A%D8%B1"; // تشجير
    HttpSession session(port());
    BOOST_TEST(searchJson(session, path)["total"] == 1);
    BOOST_TEST(searchJson(session, path)["total"] == 1);

    addRecord("قرار تشجير الأحياء الجديدة", records::AccessLevel::public_access);
    waitForIndex();
    BOOST_TEST(searchJson(session, path)["total"] == 2);

    records::RecordChange withdraw;
    withdraw.access = records::AccessLevel::internal;
    withdraw.reason = "withdrawn for review";
    service->store().update(first.id, withdraw, "test");
    const auto afterWithdrawal = searchJson(session, path);
    BOOST_TEST(afterWithdrawal["total"] == 1);
    BOOST_TEST(afterWithdrawal.dump().find(first.id) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(facets_name_councils_and_regions)
{
    addRecord("قرار تشجير حي العليا", records::AccessLevel::public_access, "RD-01");
    waitForIndex();
    HttpSession session(port());
    const std::string path = "/search?q=%D8%AA%D8%B4%D8%AC%D9%8A%D8%B1"; // تشجير
    const auto arabic = session.get(path);
    BOOST_TEST(contains(arabic.body, ">منطقة الرياض</a>"));
    BOOST_TEST(contains(arabic.body, ">المجلس البلدي لأمانة منطقة الرياض</a>"));
    BOOST_TEST(!contains(arabic.body, ">RD</a>"));
    BOOST_TEST(contains(session.get(path + "&lang=en").body, ">Riyadh</a>"));
}

BOOST_AUTO_TEST_CASE(internal_record_page_is_not_found)
{
    const auto record = addRecord("قرار داخلي", records::AccessLevel::internal);
    const auto reply = HttpSession(port()).get("/records/" + record.id);
    BOOST_TEST(reply.status == 404);
    BOOST_TEST(contains(reply.body, "<html lang=\"ar\" dir=\"rtl\">"));
    BOOST_TEST(!contains(reply.body, "قرار داخلي"));
}

BOOST_AUTO_TEST_CASE(unknown_record_gets_arabic_404_page)
{
    const auto reply = HttpSession(port()).get("/records/R99999999");
    BOOST_TEST(reply.status == 404);
    BOOST_TEST(contains(reply.body, "الصفحة غير موجودة"));
    BOOST_TEST(contains(reply.body, "R99999999"));
}

BOOST_AUTO_TEST_CASE(record_history_shows_saudi_time)
{
    const auto record = addRecord("قرار تشجير الشوارع", records::AccessLevel::public_access);
    HttpSession session(port());
    for (const web::Language* language : {&web::arabic(), &web::english()}) {
        BOOST_TEST_CONTEXT(language->code)
        {
            const auto page = session.get("/records/" + record.id + "?lang=" + language->code);
            BOOST_TEST_REQUIRE(page.status == 200);
            // The stored UTC time stays in datetime, and the text is the staff
            // page's: Saudi time with the Hijri date, then the Gregorian date.
            const std::string expected = "<time datetime=\"" + record.time + "\">"
                + web::formatTimestamp(*language, record.time) + "</time>";
            BOOST_TEST(contains(page.body, expected), page.body);
            BOOST_TEST(!contains(page.body, ">" + record.time + "</time>"));
        }
    }
    const auto arabicPage = session.get("/records/" + record.id + "?lang=ar");
    BOOST_TEST(contains(arabicPage.body, " هـ في "));
    const auto englishPage = session.get("/records/" + record.id + "?lang=en");
    BOOST_TEST(contains(englishPage.body, " AH"));
}

BOOST_AUTO_TEST_CASE(council_without_public_records_is_not_found)
{
    addRecord("قرار داخلي", records::AccessLevel::internal, "مجلس مخفي");
    waitForIndex();
    const auto reply = HttpSession(port()).get("/councils/%D9%85%D8%AC%D9%84%D8%B3%20%D9%85%D8%AE%D9%81%D9%8A");
    BOOST_TEST(reply.status == 404);
}

BOOST_AUTO_TEST_CASE(bad_date_gets_arabic_400_page)
{
    const auto reply = HttpSession(port()).get("/search?q=x&from=%22%3E%3Cb%3E");
    BOOST_TEST(reply.status == 400);
    BOOST_TEST(contains(reply.body, "الطلب غير صالح"));
    BOOST_TEST(!contains(reply.body, "\"><b>"));
    BOOST_TEST(contains(reply.body, "&quot;&gt;&lt;b&gt;"));
}

BOOST_AUTO_TEST_CASE(reversed_date_range_gets_400_page)
{
    const auto reply = HttpSession(port()).get("/search?from=1446-01-01&to=2020-01-01");
    BOOST_TEST(reply.status == 400);
    BOOST_TEST(contains(reply.body, "تاريخ النهاية يسبق تاريخ البداية"));
}

BOOST_AUTO_TEST_CASE(hijri_and_gregorian_ranges_filter_alike)
{
    addRecord("قرار حديقة في الموعد", records::AccessLevel::public_access);
    waitForIndex();
    const auto hijri = HttpSession(port()).get("/search?q=%D8%AD%D8%AF%D9%8A%D9%82%D8%A9&from=1446-05-01&to=1446-07-01");
    BOOST_TEST(contains(hijri.body, "قرار حديقة في الموعد"));
    const auto gregorian = HttpSession(port()).get("/search?q=%D8%AD%D8%AF%D9%8A%D9%82%D8%A9&from=2025-01-01&to=2025-12-31");
    BOOST_TEST(!contains(gregorian.body, "قرار حديقة في الموعد"));
}

BOOST_AUTO_TEST_CASE(script_in_title_is_escaped)
{
    const auto record = addRecord("<script>alert(1)</script> حديقة", records::AccessLevel::public_access);
    waitForIndex();
    const auto page = HttpSession(port()).get("/records/" + record.id);
    BOOST_TEST(!contains(page.body, "<script>alert(1)</script>"));
    BOOST_TEST(contains(page.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    const auto results = HttpSession(port()).get("/search?q=%D8%AD%D8%AF%D9%8A%D9%82%D8%A9");
    BOOST_TEST(!contains(results.body, "<script>alert(1)</script>"));
}

BOOST_AUTO_TEST_CASE(query_with_quotes_is_escaped)
{
    const auto reply = HttpSession(port()).get("/search?q=%22%27%3E%3Cimg%20src%3Dx%3E");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(!contains(reply.body, "<img src=x>"));
    BOOST_TEST(contains(reply.body, "value=\"&quot;&apos;&gt;&lt;img src=x&gt;\""));
}

BOOST_AUTO_TEST_CASE(search_pages_through_results)
{
    for (int i = 1; i <= 12; ++i)
        addRecord("قرار حديقة رقم " + std::to_string(i), records::AccessLevel::public_access);
    waitForIndex();
    const auto first = HttpSession(port()).get("/search?q=%D8%AD%D8%AF%D9%8A%D9%82%D8%A9");
    BOOST_TEST(contains(first.body, "12 نتيجة"));
    BOOST_TEST(contains(first.body, "صفحة 1 من 2"));
    BOOST_TEST(contains(first.body, "page=2\" rel=\"next\""));
    const auto second = HttpSession(port()).get("/search?q=%D8%AD%D8%AF%D9%8A%D9%82%D8%A9&page=2");
    BOOST_TEST(contains(second.body, "صفحة 2 من 2"));
    BOOST_TEST(contains(second.body, "rel=\"prev\""));
}

BOOST_AUTO_TEST_CASE(council_facet_link_filters)
{
    addRecord("قرار حديقة الرياض", records::AccessLevel::public_access, "الرياض");
    addRecord("قرار حديقة جدة", records::AccessLevel::public_access, "جدة");
    waitForIndex();
    const auto filtered = HttpSession(port()).get("/search?q=%D8%AD%D8%AF%D9%8A%D9%82%D8%A9&council=%D8%AC%D8%AF%D8%A9");
    BOOST_TEST(contains(filtered.body, "قرار حديقة جدة"));
    BOOST_TEST(!contains(filtered.body, "قرار حديقة الرياض"));
    BOOST_TEST(contains(filtered.body, "aria-current=\"true\""));
}

BOOST_AUTO_TEST_CASE(empty_search_says_so)
{
    const auto reply = HttpSession(port()).get("/search?q=%D9%84%D8%A7%D8%B4%D9%8A%D8%A1");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(contains(reply.body, "لا توجد نتائج"));
    BOOST_TEST(contains(reply.body, "لم نجد سجلات تطابق بحثك"));
}

BOOST_AUTO_TEST_CASE(static_files_have_types_and_caching)
{
    HttpSession session(port());
    const auto css = session.get("/static/portal.css");
    BOOST_TEST(css.status == 200);
    BOOST_TEST(css.header("content-type") == "text/css; charset=utf-8");
    BOOST_TEST(!css.header("etag").empty());
    const auto font = session.get("/static/fonts/NotoNaskhArabic-Regular.ttf");
    BOOST_TEST(font.status == 200);
    BOOST_TEST(font.header("content-type") == "font/ttf");
    const auto cached = session.get("/static/portal.css", {{"If-None-Match", css.header("etag")}});
    BOOST_TEST(cached.status == 304);
    BOOST_TEST(HttpSession(port()).get("/static/nothing.css").status == 404);
}

BOOST_AUTO_TEST_CASE(versioned_static_url_is_immutable)
{
    const auto home = HttpSession(port()).get("/");
    const auto start = home.body.find("/static/portal.css?v=");
    BOOST_REQUIRE(start != std::string::npos);
    const std::string url = home.body.substr(start, home.body.find('"', start) - start);
    const auto css = HttpSession(port()).get(url);
    BOOST_TEST(contains(css.header("cache-control"), "immutable"));
}

BOOST_AUTO_TEST_SUITE_END()
