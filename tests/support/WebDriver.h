#pragma once

#include <Poco/Process.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace majlis::test {

// A minimal W3C WebDriver client (https://www.w3.org/TR/webdriver2/) for
// headless Chromium. It starts its own chromedriver on a free loopback
// port, opens one browser session with a fresh profile and ends both when
// destroyed. Commands throw std::runtime_error with WebDriver's error and message.
class WebDriver {
public:
    struct Options {
        std::filesystem::path chromium = "/usr/bin/chromium";
        std::filesystem::path chromedriver = "/usr/bin/chromedriver";
        std::filesystem::path profileDirectory;  // a fresh --user-data-dir
        std::filesystem::path downloadDirectory; // where downloads land
        std::string acceptLanguage = "ar-SA,ar"; // the browser's Accept-Language, as a Saudi user's
        int width = 1280;
        int height = 900;
    };

    explicit WebDriver(const Options& options);
    ~WebDriver();
    WebDriver(const WebDriver&) = delete;
    WebDriver& operator=(const WebDriver&) = delete;

    // True when the Chromium and chromedriver binaries exist.
    static bool available(const Options& options);

    void navigate(const std::string& url);
    std::string currentUrl();
    std::string pageSource();
    void setWindowSize(int width, int height);
    // Saves a PNG of the viewport.
    void saveScreenshot(const std::filesystem::path& path);
    // Runs `script` in the page (WebDriver's "Execute Script") and returns its result.
    nlohmann::json executeScript(const std::string& script, const nlohmann::json& arguments = nlohmann::json::array());

    // The element reference of the first match of a CSS selector, or nullopt.
    std::optional<std::string> findElement(const std::string& cssSelector);
    // Waits until a CSS selector matches and returns the element.
    std::string waitForElement(const std::string& cssSelector, std::chrono::seconds timeout = std::chrono::seconds(10));
    void click(const std::string& element);
    void sendKeys(const std::string& element, const std::string& text);
    std::string text(const std::string& element);
    std::string attribute(const std::string& element, const std::string& name);

private:
    nlohmann::json command(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr);

    Options options_;
    std::uint16_t port_ = 0;
    std::unique_ptr<Poco::ProcessHandle> driver_;
    std::string session_;
};

} // namespace majlis::test
