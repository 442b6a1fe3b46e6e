#include "tests/support/WebDriver.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace majlis::test {

namespace {

// The W3C element identifier key in element references.
constexpr const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";

std::uint16_t freeLoopbackPort()
{
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

} // namespace

bool WebDriver::available(const Options& options)
{
    return std::filesystem::exists(options.chromium) && std::filesystem::exists(options.chromedriver);
}

WebDriver::WebDriver(const Options& options)
    : options_(options)
{
    port_ = freeLoopbackPort();
    driver_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(options_.chromedriver.string(),
        {"--port=" + std::to_string(port_), "--allowed-ips=127.0.0.1", "--log-level=SEVERE"}, nullptr, nullptr, nullptr));

    // chromedriver needs a moment before it accepts connections.
    for (int attempt = 0;; ++attempt) {
        try {
            if (command("GET", "/status").value("ready", false))
                break;
        } catch (const Poco::Exception&) {
            // Not listening yet.
        } catch (const std::runtime_error&) {
            // Listening, but not ready to answer yet.
        }
        if (attempt == 100)
            throw std::runtime_error("chromedriver did not start within 10 seconds on port " + std::to_string(port_));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }

    const nlohmann::json chromeOptions = {
        {"binary", options_.chromium.string()},
        {"args", {"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--user-data-dir=" + options_.profileDirectory.string(),
                     "--window-size=" + std::to_string(options_.width) + "," + std::to_string(options_.height)}},
        {"prefs", {{"download.default_directory", options_.downloadDirectory.string()},
                      {"download.prompt_for_download", false}, {"intl.accept_languages", options_.acceptLanguage}}},
    };
    const nlohmann::json capabilities = {
        {"capabilities", {{"alwaysMatch", {{"browserName", "chrome"}, {"goog:chromeOptions", chromeOptions}}}}}};
    session_ = command("POST", "/session", capabilities).at("sessionId").get<std::string>();
}

WebDriver::~WebDriver()
{
    try {
        if (!session_.empty())
            command("DELETE", "/session/" + session_);
    } catch (const std::exception&) {
        // The browser may be gone already; the driver is killed below either way.
    }
    if (driver_) {
        Poco::Process::kill(*driver_);
        driver_->wait();
    }
}

nlohmann::json WebDriver::command(const std::string& method, const std::string& path, const nlohmann::json& body)
{
    Poco::Net::HTTPClientSession client("127.0.0.1", port_);
    client.setTimeout(Poco::Timespan(120, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    const std::string text = body.is_null() ? std::string() : body.dump();
    if (!text.empty()) {
        request.setContentType("application/json; charset=utf-8");
        request.setContentLength64(static_cast<Poco::Int64>(text.size()));
    }
    client.sendRequest(request) << text;

    Poco::Net::HTTPResponse response;
    std::istream& in = client.receiveResponse(response);
    std::ostringstream reply;
    Poco::StreamCopier::copyStream(in, reply);
    const nlohmann::json json = nlohmann::json::parse(reply.str(), nullptr, false);
    if (json.is_discarded() || !json.contains("value"))
        throw std::runtime_error("invalid WebDriver reply to " + method + " " + path + ": " + reply.str().substr(0, 200));
    const nlohmann::json& value = json.at("value");
    if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
        throw std::runtime_error("WebDriver " + method + " " + path + " failed: " + value.value("error", "")
            + ": " + value.value("message", "").substr(0, 300));
    return value;
}

void WebDriver::navigate(const std::string& url)
{
    command("POST", "/session/" + session_ + "/url", {{"url", url}});
}

std::string WebDriver::currentUrl()
{
    return command("GET", "/session/" + session_ + "/url").get<std::string>();
}

std::string WebDriver::pageSource()
{
    return command("GET", "/session/" + session_ + "/source").get<std::string>();
}

void WebDriver::setWindowSize(int width, int height)
{
    command("POST", "/session/" + session_ + "/window/rect", {{"width", width}, {"height", height}});
}

void WebDriver::saveScreenshot(const std::filesystem::path& path)
{
    std::istringstream encoded(command("GET", "/session/" + session_ + "/screenshot").get<std::string>());
    Poco::Base64Decoder decoder(encoded);
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    Poco::StreamCopier::copyStream(decoder, out);
}

nlohmann::json WebDriver::executeScript(const std::string& script, const nlohmann::json& arguments)
{
    return command("POST", "/session/" + session_ + "/execute/sync", {{"script", script}, {"args", arguments}});
}

std::optional<std::string> WebDriver::findElement(const std::string& cssSelector)
{
    const nlohmann::json found = command("POST", "/session/" + session_ + "/elements",
        {{"using", "css selector"}, {"value", cssSelector}});
    if (!found.is_array() || found.empty())
        return std::nullopt;
    if (!found.at(0).contains(kElementKey))
        throw std::runtime_error("WebDriver returned an element without the W3C key: " + found.dump());
    return found.at(0).at(kElementKey).get<std::string>();
}

std::string WebDriver::waitForElement(const std::string& cssSelector, std::chrono::seconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (auto element = findElement(cssSelector))
            return *element;
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("no element matched '" + cssSelector + "' within the timeout on " + currentUrl());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

void WebDriver::click(const std::string& element)
{
    command("POST", "/session/" + session_ + "/element/" + element + "/click", nlohmann::json::object());
}

void WebDriver::sendKeys(const std::string& element, const std::string& text)
{
    command("POST", "/session/" + session_ + "/element/" + element + "/value", {{"text", text}});
}

std::string WebDriver::text(const std::string& element)
{
    return command("GET", "/session/" + session_ + "/element/" + element + "/text").get<std::string>();
}

std::string WebDriver::attribute(const std::string& element, const std::string& name)
{
    const nlohmann::json value = command("GET", "/session/" + session_ + "/element/" + element + "/attribute/" + name);
    return value.is_string() ? value.get<std::string>() : std::string();
}

} // namespace majlis::test
