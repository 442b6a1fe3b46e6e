#include "tests/browser/BrowserFixture.h"
#include "tests/web/CouncilAffairsFixture.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;

namespace {

using CouncilBrowserFixture = test::BrowserFixtureOver<test::CouncilAffairsFixture>;

} // namespace

BOOST_FIXTURE_TEST_SUITE(council_browser, CouncilBrowserFixture)

BOOST_AUTO_TEST_CASE(council_member_votes_in_arabic)
{
    if (skipWithoutBrowser())
        return;

    // From the header to the councils of each region.
    browser->navigate(url("/"));
    browser->click(browser->waitForElement(".site-nav a[href='/councils']"));
    browser->waitForElement("#region-RD");
    BOOST_TEST(htmlAttribute("lang") == "ar");
    BOOST_TEST(htmlAttribute("dir") == "rtl");
    BOOST_TEST(browser->executeScript("return document.querySelectorAll('section.region').length;").get<int>() == 13);
    screenshot("councils");

    // The council: facts, indicators and the attendance table.
    browser->click(browser->waitForElement("#region-RD a[href='/councils/RD-01']"));
    BOOST_TEST(browser->text(browser->waitForElement("article.council h1")) == "المجلس البلدي لأمانة منطقة الرياض");
    BOOST_TEST(browser->text(browser->waitForElement("#indicators .indicator dd")) == "1 من 2");
    BOOST_TEST(browser->pageSource().find(kInternalDecisionTitle) == std::string::npos);
    // Right-to-left: the first column of the attendance table (the member) is on the right.
    const nlohmann::json columns = browser->executeScript(
        "const row = document.querySelector('#attendance tbody tr');"
        "return [row.cells[0].getBoundingClientRect().left, row.cells[1].getBoundingClientRect().left];");
    BOOST_TEST(columns[0].get<double>() > columns[1].get<double>());
    screenshot("council");

    // A member's attendance and votes.
    browser->click(browser->waitForElement("#attendance a[href='/members/" + member.record.id + "']"));
    BOOST_TEST(browser->text(browser->waitForElement("article.member h1")) == "نورة بنت فهد الشمري");
    BOOST_TEST(browser->text(browser->waitForElement("#attendance td.attendance--absent_excused")) == "غائب بعذر");
    BOOST_TEST(browser->text(browser->waitForElement("#votes td.vote--against")) == "معارض");
    BOOST_TEST(browser->text(browser->waitForElement("#attendance dd.rate")) == "0٪");
    screenshot("member");

    // The decision the member voted on, with its status history.
    browser->click(browser->waitForElement("#votes a[href='/decisions/" + decision.record.id + "']"));
    browser->waitForElement("article.decision h1");
    BOOST_TEST(browser->text(browser->waitForElement("#status-history li.status--implemented strong")) == "منفّذ");
    screenshot("decision");

    // The meeting with its agenda and attendance.
    browser->navigate(url("/meetings/" + held.record.id));
    BOOST_TEST(browser->text(browser->waitForElement("#agenda li span")) == "مشروع تطوير الحدائق");
    screenshot("meeting");
}

BOOST_AUTO_TEST_CASE(indicators_by_region)
{
    if (skipWithoutBrowser())
        return;
    browser->navigate(url("/"));
    browser->click(browser->waitForElement(".site-nav a[href='/overview']"));
    browser->waitForElement(".overview-table");
    BOOST_TEST(htmlAttribute("dir") == "rtl");
    BOOST_TEST(browser->executeScript("return document.querySelectorAll('.overview-table tbody tr').length;").get<int>() == 13);
    const std::string riyadh = browser->text(browser->waitForElement(".overview-table tbody tr"));
    BOOST_TEST(riyadh.find("1 من 2") != std::string::npos);
    screenshot("overview");
}

BOOST_AUTO_TEST_CASE(term_chooser_and_english)
{
    if (skipWithoutBrowser())
        return;
    browser->navigate(url("/councils/RD-01?lang=en"));
    BOOST_TEST(browser->text(browser->waitForElement("article.council h1")) == "Municipal Council of Riyadh Amana");
    BOOST_TEST(htmlAttribute("lang") == "en");
    BOOST_TEST(htmlAttribute("dir") == "ltr");
    BOOST_TEST(browser->text(browser->waitForElement("#indicators .indicator dd")) == "1 of 2");
    screenshot("council-english");

    browser->navigate(url("/members/" + member.record.id));
    BOOST_TEST(browser->text(browser->waitForElement("article.member h1")) == "Noura Alshammari");
    BOOST_TEST(browser->text(browser->waitForElement("#votes td.vote--against")) == "Against");
    screenshot("member-english");

    // The term chooser is a plain GET form: the earlier term has no members here.
    browser->navigate(url("/councils/RD-01"));
    browser->click(browser->waitForElement("#term option[value=T3]"));
    browser->click(browser->waitForElement(".term-form button[type=submit]"));
    browser->waitForElement("#term option[value=T3][selected]");
    BOOST_TEST(browser->currentUrl().find("term=T3") != std::string::npos);
    BOOST_TEST(!browser->findElement("#members a[href='/members/" + member.record.id + "']").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
