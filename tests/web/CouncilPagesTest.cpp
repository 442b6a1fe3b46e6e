#include "tests/web/CouncilAffairsFixture.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;

namespace {

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

std::size_t occurrences(const std::string& text, const std::string& part)
{
    std::size_t count = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size()))
        ++count;
    return count;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(council_pages, test::CouncilAffairsFixture)

BOOST_AUTO_TEST_CASE(councils_page_lists_every_region)
{
    const auto reply = get("/councils");
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(contains(reply.body, "<html lang=\"ar\" dir=\"rtl\">"));
    BOOST_TEST(occurrences(reply.body, "<section class=\"region\"") == 13u);
    BOOST_TEST(contains(reply.body, "id=\"region-RD\""));
    BOOST_TEST(contains(reply.body, "href=\"/councils/RD-01\""));
    BOOST_TEST(contains(reply.body, "المجلس البلدي لأمانة منطقة الرياض"));
    BOOST_TEST(contains(reply.body, "<bdi>RD-01</bdi>"));
}

BOOST_AUTO_TEST_CASE(home_and_header_link_to_councils)
{
    const auto reply = get("/");
    BOOST_TEST(occurrences(reply.body, "href=\"/councils\"") >= 2u);
    BOOST_TEST(contains(reply.body, "href=\"/overview\""));
}

BOOST_AUTO_TEST_CASE(council_page_shows_facts_members_and_records)
{
    const auto reply = get("/councils/RD-01");
    BOOST_TEST(reply.status == 200);
    const std::string& body = reply.body;
    BOOST_TEST(contains(body, "<h1 lang=\"ar\" dir=\"auto\">المجلس البلدي لأمانة منطقة الرياض</h1>"));
    BOOST_TEST(contains(body, "منطقة الرياض"));
    BOOST_TEST(contains(body, "أمانة منطقة الرياض"));
    BOOST_TEST(contains(body, "<option value=\"T4\" selected>"));
    BOOST_TEST(contains(body, "href=\"/members/" + chair.record.id + "\""));
    BOOST_TEST(contains(body, "رئيس المجلس"));
    BOOST_TEST(contains(body, "href=\"/meetings/" + held.record.id + "\""));
    BOOST_TEST(contains(body, "href=\"/meetings/" + planned.record.id + "\""));
    BOOST_TEST(contains(body, "status--planned"));
    BOOST_TEST(contains(body, "href=\"/records/" + minutes.id + "\""));
    BOOST_TEST(contains(body, "href=\"/decisions/" + decision.record.id + "\""));
    BOOST_TEST(contains(body, "<bdi>" + decision.reference + "</bdi>"));
    BOOST_TEST(contains(body, "منفّذ"));
    // The held meeting's date in both calendars: 10 Safar 1446 is 14 August 2024 in Umm al-Qura.
    BOOST_TEST(contains(body, "<time datetime=\"2024-08-14\">10 صفر 1446 هـ</time>"));
    BOOST_TEST(contains(body, "(14 أغسطس 2024)"));
}

BOOST_AUTO_TEST_CASE(council_indicators_count_public_records_only)
{
    const std::string anonymous = get("/councils/RD-01").body;
    // Held of planned: the public held and planned meetings only.
    BOOST_TEST(contains(anonymous, "<dd>1 من 2</dd>"));
    // The chair attended the one public held meeting, and the member was excused.
    BOOST_TEST(contains(anonymous, "<td class=\"rate\">100٪</td>"));
    BOOST_TEST(contains(anonymous, "<td class=\"rate\">0٪</td>"));
    BOOST_TEST(contains(anonymous, "<dd>50٪</dd>"));

    const std::string administrator = get("/councils/RD-01", true).body;
    BOOST_TEST(contains(administrator, "<dd>2 من 3</dd>"));
    BOOST_TEST(contains(administrator, "<td class=\"rate\">50٪</td>"));
}

BOOST_AUTO_TEST_CASE(hidden_records_absent_for_anonymous)
{
    for (const std::string& path : std::vector<std::string>{"/councils/RD-01", "/members/" + chair.record.id, "/meetings/" + held.record.id,
             "/overview", "/councils"}) {
        BOOST_TEST_CONTEXT(path)
        {
            const auto reply = get(path);
            BOOST_TEST(reply.status == 200);
            BOOST_TEST(!contains(reply.body, kInternalMeetingTitle));
            BOOST_TEST(!contains(reply.body, kInternalDecisionTitle));
            BOOST_TEST(!contains(reply.body, internalMeeting.record.id));
            BOOST_TEST(!contains(reply.body, internalDecision.record.id));
        }
    }
    const auto meeting = get("/meetings/" + internalMeeting.record.id);
    BOOST_TEST(meeting.status == 404);
    BOOST_TEST(!contains(meeting.body, kInternalMeetingTitle));
    const auto decisionPage = get("/decisions/" + internalDecision.record.id);
    BOOST_TEST(decisionPage.status == 404);
    BOOST_TEST(!contains(decisionPage.body, kInternalDecisionTitle));
    // A hidden record gets the same 404 as an id that does not exist.
    const auto missing = get("/decisions/R99999999");
    BOOST_TEST(missing.status == 404);
}

BOOST_AUTO_TEST_CASE(administrator_sees_internal_records)
{
    const auto council = get("/councils/RD-01", true);
    BOOST_TEST(contains(council.body, kInternalMeetingTitle));
    BOOST_TEST(contains(council.body, kInternalDecisionTitle));
    const auto meeting = get("/meetings/" + internalMeeting.record.id, true);
    BOOST_TEST(meeting.status == 200);
    BOOST_TEST(contains(meeting.body, "attendance--absent_unexcused"));
    const auto member = get("/members/" + chair.record.id, true);
    BOOST_TEST(contains(member.body, kInternalDecisionTitle));
}

BOOST_AUTO_TEST_CASE(member_page_shows_attendance_and_votes)
{
    const auto reply = get("/members/" + member.record.id);
    BOOST_TEST(reply.status == 200);
    const std::string& body = reply.body;
    BOOST_TEST(contains(body, "<h1 lang=\"ar\" dir=\"auto\">نورة بنت فهد الشمري</h1>"));
    BOOST_TEST(contains(body, "Noura Alshammari"));
    BOOST_TEST(contains(body, "لجنة الخدمات"));
    BOOST_TEST(contains(body, "href=\"/councils/RD-01\""));
    BOOST_TEST(contains(body, "href=\"/meetings/" + held.record.id + "\""));
    BOOST_TEST(contains(body, "attendance--absent_excused"));
    BOOST_TEST(contains(body, "غائب بعذر"));
    BOOST_TEST(contains(body, "href=\"/decisions/" + decision.record.id + "\""));
    BOOST_TEST(contains(body, "vote--against"));
    BOOST_TEST(contains(body, "<dd class=\"rate\">0٪</dd>"));
}

BOOST_AUTO_TEST_CASE(member_page_never_shows_contact_details)
{
    for (const bool asAdministrator : {false, true}) {
        BOOST_TEST_CONTEXT("administrator " << asAdministrator)
        {
            const auto reply = get("/members/" + chair.record.id, asAdministrator);
            BOOST_TEST(reply.status == 200);
            BOOST_TEST(!contains(reply.body, kPhone));
            BOOST_TEST(!contains(reply.body, kEmail));
            BOOST_TEST(!contains(reply.body, kAddress));
        }
    }
    // The contact record is no member, so the member page does not open it.
    const auto snapshot = service->affairs().snapshot();
    const std::string contactId = snapshot->contactIds.at(chair.record.id);
    BOOST_TEST(get("/members/" + contactId, true).status == 404);
}

BOOST_AUTO_TEST_CASE(member_page_lists_readable_files)
{
    const auto addFile = [&](const std::string& title, records::AccessLevel access) {
        records::NewRecord record;
        record.type = records::RecordType::member_file;
        record.council = kCouncil;
        record.title = title;
        record.access = access;
        record.date = CalendarDate::parse("1445-01-05");
        record.fields[affairs::field::member] = chair.record.id;
        return service->store().create(record, "test");
    };
    const auto cv = addFile("السيرة الذاتية", records::AccessLevel::public_access);
    addFile("إقرار الذمة المالية", records::AccessLevel::confidential);

    const std::string anonymous = get("/members/" + chair.record.id).body;
    BOOST_TEST(contains(anonymous, "href=\"/records/" + cv.id + "\""));
    BOOST_TEST(!contains(anonymous, "إقرار الذمة المالية"));
    const std::string administrator = get("/members/" + chair.record.id, true).body;
    BOOST_TEST(contains(administrator, "إقرار الذمة المالية"));
}

BOOST_AUTO_TEST_CASE(meeting_page_shows_agenda_attendance_minutes)
{
    const auto reply = get("/meetings/" + held.record.id);
    BOOST_TEST(reply.status == 200);
    const std::string& body = reply.body;
    BOOST_TEST(contains(body, "مشروع تطوير الحدائق"));
    BOOST_TEST(contains(body, "<bdi>" + held.reference + "</bdi>"));
    BOOST_TEST(contains(body, "href=\"/members/" + chair.record.id + "\""));
    BOOST_TEST(contains(body, "attendance--present"));
    BOOST_TEST(contains(body, "href=\"/records/" + minutes.id + "\""));
    BOOST_TEST(contains(body, "href=\"/decisions/" + decision.record.id + "\""));
}

BOOST_AUTO_TEST_CASE(decision_page_shows_votes_and_status_history)
{
    const auto reply = get("/decisions/" + decision.record.id);
    BOOST_TEST(reply.status == 200);
    const std::string& body = reply.body;
    BOOST_TEST(contains(body, "قرر المجلس الموافقة على المشروع."));
    BOOST_TEST(contains(body, "vote--for"));
    BOOST_TEST(contains(body, "vote--against"));
    BOOST_TEST(contains(body, "<li class=\"status--issued\"><strong>صادر</strong>"));
    BOOST_TEST(contains(body, "<li class=\"status--implemented\"><strong>منفّذ</strong> <time datetime=\""
        + CalendarDate::parse("1446-04-01").toIsoString() + "\">"));
    BOOST_TEST(contains(body, "href=\"/meetings/" + held.record.id + "\""));
    BOOST_TEST(contains(body, "href=\"/records/" + decision.record.id + "\""));
}

BOOST_AUTO_TEST_CASE(record_text_is_escaped)
{
    for (const std::string& path : std::vector<std::string>{"/decisions/" + decision.record.id, "/councils/RD-01", "/meetings/" + held.record.id,
             "/members/" + chair.record.id}) {
        BOOST_TEST_CONTEXT(path)
        {
            const auto reply = get(path);
            BOOST_TEST(!contains(reply.body, "<script>alert(1)</script>"));
            BOOST_TEST(contains(reply.body, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;الحدائق&quot;"));
        }
    }
}

BOOST_AUTO_TEST_CASE(pages_answer_in_english)
{
    for (const std::string& path : std::vector<std::string>{"/councils/RD-01", "/members/" + chair.record.id,
             "/meetings/" + held.record.id, "/decisions/" + decision.record.id, "/overview"}) {
        BOOST_TEST_CONTEXT(path)
        {
            const auto reply = get(path + "?lang=en");
            BOOST_TEST(reply.status == 200);
            BOOST_TEST(contains(reply.body, "<html lang=\"en\" dir=\"ltr\">"));
            BOOST_TEST(contains(reply.body, " AH</time>"));
        }
    }
    BOOST_TEST(contains(get("/councils?lang=en").body, "<html lang=\"en\" dir=\"ltr\">"));
    const auto council = get("/councils/RD-01?lang=en");
    BOOST_TEST(contains(council.body, "<h1 lang=\"en\" dir=\"auto\">Municipal Council of Riyadh Amana</h1>"));
    BOOST_TEST(contains(council.body, "<dd>1 of 2</dd>"));
    BOOST_TEST(contains(council.body, "Saad Alqahtani"));
    BOOST_TEST(contains(get("/decisions/" + decision.record.id + "?lang=en").body, "<strong>Implemented</strong>"));
}

BOOST_AUTO_TEST_CASE(overview_sums_regions_for_the_caller)
{
    const auto anonymous = get("/overview");
    BOOST_TEST(anonymous.status == 200);
    BOOST_TEST(occurrences(anonymous.body, "<th scope=\"row\">") == 13u);
    BOOST_TEST(contains(anonymous.body, "<td>1 من 2</td>"));
    BOOST_TEST(contains(get("/overview", true).body, "<td>2 من 3</td>"));
    BOOST_TEST(get("/overview?term=T3").status == 200);
}

BOOST_AUTO_TEST_CASE(old_council_links_keep_working)
{
    // The Arabic name of a council redirects to its code, keeping the query.
    const auto byName = get("/councils/%D8%A7%D9%84%D9%85%D8%AC%D9%84%D8%B3%20%D8%A7%D9%84%D8%A8%D9%84%D8%AF%D9%8A%20"
                            "%D9%84%D8%A3%D9%85%D8%A7%D9%86%D8%A9%20%D9%85%D9%86%D8%B7%D9%82%D8%A9%20%D8%A7%D9%84%D8%B1"
                            "%D9%8A%D8%A7%D8%B6?lang=en");
    BOOST_TEST(byName.status == 303);
    BOOST_TEST(byName.header("location") == "/councils/RD-01?lang=en");

    // Other council text still lists the public records filed under it.
    addRecord("قرار إنشاء حديقة", records::AccessLevel::public_access, "مجلس قديم");
    waitForIndex();
    const auto legacy = get("/councils/%D9%85%D8%AC%D9%84%D8%B3%20%D9%82%D8%AF%D9%8A%D9%85");
    BOOST_TEST(legacy.status == 200);
    BOOST_TEST(contains(legacy.body, "قرار إنشاء حديقة"));
}

BOOST_AUTO_TEST_CASE(unknown_ids_and_terms_answer_404_or_400)
{
    BOOST_TEST(get("/councils/RD-99").status == 404);
    BOOST_TEST(get("/members/" + decision.record.id).status == 404);
    BOOST_TEST(get("/meetings/" + decision.record.id).status == 404);
    BOOST_TEST(get("/decisions/" + held.record.id).status == 404);
    const auto term = get("/councils/RD-01?term=T9");
    BOOST_TEST(term.status == 404);
    BOOST_TEST(contains(term.body, "T9"));
    BOOST_TEST(get("/overview?term=" + std::string(40, 'T')).status == 400);
}

BOOST_AUTO_TEST_CASE(record_page_links_to_affairs_page)
{
    const auto record = get("/records/" + decision.record.id);
    BOOST_TEST(contains(record.body, "href=\"/decisions/" + decision.record.id + "\""));
    const auto meeting = get("/records/" + held.record.id);
    BOOST_TEST(contains(meeting.body, "href=\"/meetings/" + held.record.id + "\""));
    const auto plainMinutes = get("/records/" + minutes.id);
    BOOST_TEST(!contains(plainMinutes.body, "href=\"/meetings/" + minutes.id + "\""));
}

BOOST_AUTO_TEST_CASE(records_show_council_names)
{
    waitForIndex();
    const std::string link = "<a href=\"/councils/RD-01\" lang=\"ar\">المجلس البلدي لأمانة منطقة الرياض</a>";
    BOOST_TEST(contains(get("/records/" + decision.record.id).body, link));
    BOOST_TEST(contains(get("/").body, link));
    const auto search = get("/search?q=%D8%A7%D9%84%D8%AD%D8%AF%D8%A7%D8%A6%D9%82");
    BOOST_TEST(contains(search.body, link));
    BOOST_TEST(contains(search.body, "lang=\"ar\">المجلس البلدي لأمانة منطقة الرياض</a> <span class=\"count\">"));
    BOOST_TEST(contains(get("/records/" + decision.record.id + "?lang=en").body,
        "<a href=\"/councils/RD-01\" lang=\"en\">Municipal Council of Riyadh Amana</a>"));
}

BOOST_AUTO_TEST_CASE(plain_decision_records_open)
{
    // An uploaded decision with a date but none of the affairs fields.
    const auto dated = addRecord("قرار مرفوع يدويًا", records::AccessLevel::public_access, "مجلس قديم");
    const auto page = get("/decisions/" + dated.id);
    BOOST_TEST(page.status == 200);
    BOOST_TEST(contains(page.body, "قرار مرفوع يدويًا"));

    // Without a date the affairs mapping cannot read it, so its record page shows it.
    records::NewRecord undated;
    undated.type = records::RecordType::decision;
    undated.title = "قرار بلا تاريخ";
    undated.access = records::AccessLevel::public_access;
    const auto stored = service->store().create(undated, "test");
    const auto redirect = get("/decisions/" + stored.id);
    BOOST_TEST(redirect.status == 303);
    BOOST_TEST(redirect.header("location") == "/records/" + stored.id);
    BOOST_TEST(!contains(get("/records/" + stored.id).body, "href=\"/decisions/"));
}

BOOST_AUTO_TEST_SUITE_END()
