// A council's secretary answers a routed complaint from the staff inbox in
// headless Chromium: the inbox lists it, the item page shows the allowed
// steps as forms, and the answer becomes the item's public answer.

#include "tests/support/TempDir.h"
#include "tests/support/WebDriver.h"
#include "tests/web/PortalFixture.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;
using test::WebDriver;

namespace {

const std::string kCouncil = "المجلس البلدي بمدينة الرياض";

struct RoutingBrowserFixture : test::PortalFixture {
    test::TempDir browserDir;
    std::unique_ptr<WebDriver> browser;

    RoutingBrowserFixture()
    {
        addAccount("clerk", accounts::Role::secretariat);
        addAccount("secretary.a", accounts::Role::council_secretary, kCouncil);
        WebDriver::Options options;
        options.profileDirectory = browserDir / "profile";
        options.downloadDirectory = browserDir / "downloads";
        if (WebDriver::available(options))
            browser = std::make_unique<WebDriver>(options);
    }

    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port()) + path; }

    // A complaint to kCouncil that the secretariat has routed to it.
    std::string routedComplaint(const std::string& title)
    {
        workflow::Engine& engine = service->workflow().engine();
        const workflow::Caller clerk{"clerk", accounts::Role::secretariat, "", ""};
        records::NewRecord record;
        record.title = title;
        record.council = kCouncil;
        record.body = "الحفر في الطريق منذ أسبوعين";
        const std::string id = engine.start("citizen_complaint", record, clerk).id;
        engine.apply(id, "route", clerk, "");
        return id;
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(routing_browser, RoutingBrowserFixture)

BOOST_AUTO_TEST_CASE(council_secretary_answers_from_inbox)
{
    if (!browser) {
        BOOST_TEST_MESSAGE("SKIP: /usr/bin/chromium or /usr/bin/chromedriver is absent; "
                           "install the Debian packages chromium and chromium-driver");
        return;
    }
    const std::string title = "شكوى عن حفرة في طريق الملك عبدالله";
    const std::string id = routedComplaint(title);

    browser->navigate(url("/staff/login"));
    browser->sendKeys(browser->waitForElement("#user"), "secretary.a");
    browser->sendKeys(browser->waitForElement("#password"), passwords.at("secretary.a"));
    browser->click(browser->waitForElement("form.form button[type=submit]"));
    // The Arabic "one" form of the count names no digit.
    BOOST_TEST(browser->text(browser->waitForElement("#inbox-count")) == "معاملة جديدة واحدة في صندوق الوارد");

    BOOST_TEST(browser->text(browser->waitForElement("#dashboard-inbox a")) == title);
    browser->click(browser->waitForElement("#inbox-link"));
    const std::string link = browser->waitForElement("#inbox-waiting a[href='/staff/items/" + id + "']");
    BOOST_TEST(browser->text(link) == title);
    browser->click(link);

    const std::string answer = "تم ردم الحفرة وإعادة السفلتة، شكراً لبلاغكم";
    browser->sendKeys(browser->waitForElement("#comment-answer"), answer);
    browser->click(browser->waitForElement("#transition-answer button[type=submit]"));
    BOOST_TEST(browser->text(browser->waitForElement("#item-answer")) == answer);
    BOOST_TEST(!browser->findElement("#transition-answer"));

    const records::RecordVersion stored = service->store().current(id);
    BOOST_TEST(std::get<std::string>(stored.fields.at("wf_state")) == "answered");
    BOOST_TEST(stored.author == "secretary.a");
}

BOOST_AUTO_TEST_SUITE_END()
