#include "tests/browser/BrowserFixture.h"
#include "tests/support/SharedCorpus.h"
#include "tests/web/PortalFixture.h"

#include <boost/test/unit_test.hpp>

#include <Poco/URI.h>

#include <chrono>
#include <fstream>
#include <thread>
#include <map>

using namespace majlis;
using test::WebDriver;

using BrowserFixture = test::BrowserFixtureOver<test::PortalFixture>;

BOOST_FIXTURE_TEST_SUITE(browser, BrowserFixture)

BOOST_AUTO_TEST_CASE(search_in_arabic_opens_result)
{
    if (skipWithoutBrowser())
        return;
    const auto record = addRecord("قرار إنشاء حديقة عامة في حي النرجس", records::AccessLevel::public_access,
        "المجلس البلدي بمدينة الرياض", "قرر المجلس إنشاء حديقة عامة على مساحة عشرة آلاف متر مربع.");
    addRecord("قرار تطوير حديقة الملك عبدالله", records::AccessLevel::public_access, "المجلس البلدي بمحافظة جدة");
    waitForIndex();

    browser->navigate(url("/"));
    BOOST_TEST(htmlAttribute("lang") == "ar");
    BOOST_TEST(htmlAttribute("dir") == "rtl");
    const nlohmann::json arabicFontsLoaded = browser->executeScript(
        "return document.fonts.ready.then(() => [...document.fonts].filter("
        "(font) => font.family.includes('Noto Naskh Arabic') && font.status === 'loaded').length);");
    BOOST_TEST(arabicFontsLoaded.get<int>() >= 1);
    screenshot("home");

    browser->sendKeys(browser->waitForElement("#q"), "حديقة\n");
    // The home page lists decisions with the same markup, so wait for the
    // results page itself before reading it.
    for (int attempt = 0; attempt < 100 && browser->currentUrl().find("/search") == std::string::npos; ++attempt)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    BOOST_TEST_REQUIRE(browser->currentUrl().find("/search") != std::string::npos);
    browser->waitForElement(".result__title a");
    BOOST_TEST(browser->pageSource().find("<mark>") != std::string::npos);
    screenshot("search");

    browser->click(browser->waitForElement("a[href='/records/" + record.id + "']"));
    const std::string heading = browser->text(browser->waitForElement("article.record h1"));
    BOOST_TEST(heading == "قرار إنشاء حديقة عامة في حي النرجس");
    BOOST_TEST(browser->currentUrl() == url("/records/" + record.id));
    screenshot("record");
}

BOOST_AUTO_TEST_CASE(language_switch_round_trip)
{
    if (skipWithoutBrowser())
        return;
    browser->navigate(url("/search?q=%D8%AD%D8%AF%D9%8A%D9%82%D8%A9"));
    BOOST_TEST(htmlAttribute("dir") == "rtl");

    browser->click(browser->waitForElement("a.language-switch"));
    browser->waitForElement("html[lang=en]");
    BOOST_TEST(htmlAttribute("dir") == "ltr");
    BOOST_TEST(browser->currentUrl().find("q=") != std::string::npos);
    screenshot("search-english");

    browser->navigate(url("/"));
    BOOST_TEST(htmlAttribute("lang") == "en");

    browser->click(browser->waitForElement("a.language-switch"));
    browser->waitForElement("html[lang=ar]");
    BOOST_TEST(htmlAttribute("dir") == "rtl");
}

BOOST_AUTO_TEST_CASE(download_keeps_arabic_file_name)
{
    if (skipWithoutBrowser())
        return;
    records::NewRecord record;
    record.type = records::RecordType::decision;
    record.title = "قرار مع مرفق";
    record.access = records::AccessLevel::public_access;
    std::istringstream content("نص القرار المرفق");
    record.files.push_back(service->store().storeStream(content, "قرار المجلس رقم 12.txt"));
    const auto version = service->store().create(record, "test");

    browser->navigate(url("/records/" + version.id));
    browser->click(browser->waitForElement("a[download]"));

    const std::filesystem::path expected = browserDir / "downloads" / "قرار المجلس رقم 12.txt";
    for (int attempt = 0; attempt < 100 && !std::filesystem::exists(expected); ++attempt)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    BOOST_TEST(std::filesystem::exists(expected));
}

BOOST_AUTO_TEST_CASE(staff_upload_becomes_searchable)
{
    if (skipWithoutBrowser())
        return;
    const std::filesystem::path file = browserDir / "محضر اجتماع اللجنة.txt";
    std::ofstream(file) << "ناقشت اللجنة مشروع تشجير الطرق الدائرية في المدينة.\n";

    signIn();
    screenshot("staff-home");
    browser->navigate(url("/staff/upload"));
    screenshot("upload");
    browser->sendKeys(browser->waitForElement("#files"), file.string());
    browser->sendKeys(browser->waitForElement("#title"), "محضر اجتماع لجنة البيئة");
    browser->click(browser->waitForElement("#council option[value='RD-01']"));
    browser->click(browser->waitForElement("#access option[value=public]"));
    browser->click(browser->waitForElement("#upload-form button[type=submit]"));

    browser->waitForElement("#extraction", std::chrono::seconds(30));
    BOOST_TEST(browser->currentUrl().find("/extraction") != std::string::npos);
    waitForExtraction(std::chrono::seconds(120));
    screenshot("extraction");
    BOOST_TEST(browser->pageSource().find("status--failed") == std::string::npos);
    BOOST_TEST(browser->pageSource().find("status--done") != std::string::npos);
    waitForIndex();

    // "تشجير" is only in the file, so finding the record means its text was indexed.
    browser->navigate(url("/search?q=%D8%AA%D8%B4%D8%AC%D9%8A%D8%B1"));
    const std::string title = browser->text(browser->waitForElement(".result__title a"));
    BOOST_TEST(title == "محضر اجتماع لجنة البيئة");
    BOOST_TEST(browser->pageSource().find("<mark>تشجير</mark>") != std::string::npos);
}

namespace {

// The most frequent word of five letters or more in a page's ground truth:
// OCR of a scan reads it somewhere even when it misreads some copies.
std::string frequentWord(const std::filesystem::path& truth)
{
    std::ifstream in(truth);
    std::map<std::string, int> counts;
    for (std::string word; in >> word;)
        if (word.size() >= 10) // five Arabic letters take ten bytes
            ++counts[word];
    std::string best;
    int bestCount = 0;
    for (const auto& [word, count] : counts)
        if (count > bestCount) {
            best = word;
            bestCount = count;
        }
    return best;
}

} // namespace

BOOST_AUTO_TEST_CASE(staff_scan_upload_becomes_searchable)
{
    if (skipWithoutBrowser())
        return;
    const auto scans = test::sharedPath("corpus/scans/dev");
    if (!scans)
        return;
    // The smallest image-only PDF of the development scans.
    std::filesystem::path scan;
    for (const auto& entry : std::filesystem::directory_iterator(*scans))
        if (entry.path().extension() == ".pdf"
            && (scan.empty() || std::filesystem::file_size(entry.path()) < std::filesystem::file_size(scan)))
            scan = entry.path();
    BOOST_TEST_REQUIRE(!scan.empty());
    std::filesystem::path truth = scan;
    truth.replace_extension(".gt.txt");
    const std::string word = frequentWord(truth);
    BOOST_TEST_REQUIRE(!word.empty());

    const std::filesystem::path file = browserDir / "محضر ممسوح ضوئيا.pdf";
    std::filesystem::copy_file(scan, file, std::filesystem::copy_options::overwrite_existing);
    signIn();
    browser->navigate(url("/staff/upload"));
    browser->sendKeys(browser->waitForElement("#files"), file.string());
    browser->sendKeys(browser->waitForElement("#title"), "محضر ممسوح ضوئيا");
    browser->click(browser->waitForElement("#access option[value=public]"));
    browser->click(browser->waitForElement("#upload-form button[type=submit]"));

    browser->waitForElement("#extraction", std::chrono::seconds(30));
    waitForExtraction(std::chrono::seconds(300));
    screenshot("extraction-scan");
    BOOST_TEST(browser->pageSource().find("status--done") != std::string::npos);
    waitForIndex();

    std::string encoded;
    Poco::URI::encode(word, "&=+?#", encoded);
    browser->navigate(url("/search?q=" + encoded));
    const std::string source = browser->pageSource();
    BOOST_TEST(source.find("محضر ممسوح ضوئيا") != std::string::npos, "searching " << word);
}

BOOST_AUTO_TEST_CASE(citizen_submits_then_follows_by_code)
{
    if (skipWithoutBrowser())
        return;
    const std::string council = "المجلس البلدي بمدينة الرياض";
    addAccount("rashid", accounts::Role::council_secretary, council);

    browser->navigate(url("/"));
    browser->click(browser->waitForElement(".e-services a[href='/submit']"));
    browser->waitForElement("#submit-form");
    // The script hides the arithmetic question, because it solves the proof of work instead.
    BOOST_TEST(browser->executeScript("return document.querySelector('.challenge-question').hidden;").get<bool>());
    browser->executeScript("document.getElementById('council').value = arguments[0];"
                           "document.getElementById('category').value = 'lighting';",
        nlohmann::json::array({council}));
    browser->sendKeys(browser->waitForElement("#text"), "الإنارة في شارع التحلية معطلة منذ أسبوعين.");
    browser->sendKeys(browser->waitForElement("#email"), "citizen@example.test");
    screenshot("submit");
    browser->click(browser->waitForElement("#submit-form button[type=submit]"));

    const std::string code = browser->text(browser->waitForElement("#tracking-code", std::chrono::seconds(60)));
    BOOST_TEST(code.size() == 14u, code);
    screenshot("submitted");

    browser->click(browser->waitForElement("a[href='/track'].button"));
    browser->sendKeys(browser->waitForElement("#code"), code);
    browser->click(browser->waitForElement("form.form button[type=submit]"));
    BOOST_TEST(browser->text(browser->waitForElement("#track-status")) == "مقدَّمة");
    BOOST_TEST(browser->text(browser->waitForElement("#track-answer")) == "لم يصدر رد بعد.");
    BOOST_TEST(browser->pageSource().find("citizen@example.test") == std::string::npos);
    screenshot("track");
}

BOOST_AUTO_TEST_SUITE_END()
