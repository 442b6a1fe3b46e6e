#pragma once

#include "tests/support/TempDir.h"
#include "tests/support/WebDriver.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace majlis::test {

// A server and a headless browser with its own profile and download folder.
// `Portal` is the server fixture: PortalFixture or one that derives from it
// and seeds data.
template <typename Portal>
struct BrowserFixtureOver : Portal {
    TempDir browserDir;
    std::unique_ptr<WebDriver> browser;

    BrowserFixtureOver()
    {
        WebDriver::Options options;
        options.profileDirectory = browserDir / "profile";
        options.downloadDirectory = browserDir / "downloads";
        if (!WebDriver::available(options))
            return;
        std::filesystem::create_directories(options.downloadDirectory);
        browser = std::make_unique<WebDriver>(options);
    }

    // Prints SKIP: and returns true when Chromium or chromedriver is absent.
    bool skipWithoutBrowser() const
    {
        if (browser)
            return false;
        BOOST_TEST_MESSAGE("SKIP: /usr/bin/chromium or /usr/bin/chromedriver is absent; "
                           "install the Debian packages chromium and chromium-driver");
        return true;
    }

    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(this->port()) + path; }

    std::string htmlAttribute(const std::string& name) { return browser->attribute(browser->waitForElement("html"), name); }

    void signIn()
    {
        browser->navigate(url("/staff/login"));
        browser->sendKeys(browser->waitForElement("#user"), "admin");
        browser->sendKeys(browser->waitForElement("#password"), this->adminPassword());
        browser->click(browser->waitForElement("form.form button[type=submit]"));
        browser->waitForElement("#recent-heading");
    }

    // Waits until the extraction status page reports every file done.
    void waitForExtraction(std::chrono::seconds timeout)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (browser->pageSource().find("status--pending") != std::string::npos) {
            if (std::chrono::steady_clock::now() > deadline)
                BOOST_FAIL("text extraction did not finish within the timeout");
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
        }
    }

    void screenshot(const std::string& name)
    {
        const std::filesystem::path directory = MAJLIS_SCREENSHOT_DIR;
        for (const auto& [label, width] : std::vector<std::pair<std::string, int>>{{"desktop", 1280}, {"phone", 390}}) {
            browser->setWindowSize(width, 900);
            browser->saveScreenshot(directory / (name + "-" + label + ".png"));
            // Nothing may stick out sideways, which would need horizontal scrolling.
            const int scrollWidth = browser->executeScript("return document.documentElement.scrollWidth;").get<int>();
            const int clientWidth = browser->executeScript("return document.documentElement.clientWidth;").get<int>();
            BOOST_TEST(scrollWidth <= clientWidth, name << " at " << label << " width");
        }
        browser->setWindowSize(1280, 900);
    }
};


} // namespace majlis::test
