#include "tests/reliability/Workload.h"

#include "tests/support/Command.h"

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace majlis::test {

std::filesystem::path writeTextFile(const std::filesystem::path& path, const std::string& content)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path;
}

HttpReply postRecord(std::uint16_t port, const std::string& password, const std::string& title,
    const std::string& fileName, const std::string& fileContent)
{
    const std::string boundary = "----majlisreliability";
    std::string body;
    for (const auto& [name, value] : {std::pair<std::string, std::string>{"type", "minutes"}, {"title", title},
             {"access", "public"}})
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: text/plain\r\n\r\n" + fileContent + "\r\n--" + boundary + "--\r\n";
    return httpRequest(port, "POST", "/api/v1/records",
        {{"Authorization", basicAuthorization("admin", password)},
            {"Content-Type", "multipart/form-data; boundary=" + boundary}},
        body);
}

bool waitForEmptyQueues(std::uint16_t port, const std::string& password, int seconds)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        const HttpReply reply
            = httpRequest(port, "GET", "/api/v1/queue", {{"Authorization", basicAuthorization("admin", password)}});
        const auto queue = nlohmann::json::parse(reply.body);
        if (queue.at("extract") == 0 && queue.at("index") == 0 && queue.at("extracting").empty())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

nlohmann::json searchData(const std::filesystem::path& data, const std::string& word)
{
    const CommandResult result = runMajlis({"search", "--data", data.string(), "--json", "--limit", "100", word});
    if (result.exitCode != 0)
        throw std::runtime_error("majlis search " + word + " exited with " + std::to_string(result.exitCode) + ": "
            + result.err);
    return nlohmann::json::parse(result.out);
}

std::vector<std::string> searchIds(const std::filesystem::path& data, const std::string& word)
{
    const nlohmann::json found = searchData(data, word);
    std::vector<std::string> ids;
    for (const auto& hit : found.at("results"))
        ids.push_back(hit.at("id").get<std::string>());
    return ids;
}

std::map<std::string, std::string> searchTitles(const std::filesystem::path& data, const std::string& word)
{
    std::map<std::string, std::string> titles;
    for (int page = 1;; ++page) {
        const CommandResult result = runMajlis(
            {"search", "--data", data.string(), "--json", "--limit", "100", "--page", std::to_string(page), word});
        if (result.exitCode != 0)
            throw std::runtime_error("majlis search " + word + " --page " + std::to_string(page) + " exited with "
                + std::to_string(result.exitCode) + ": " + result.err);
        const auto found = nlohmann::json::parse(result.out);
        const std::size_t before = titles.size();
        for (const auto& hit : found.at("results"))
            titles[hit.at("id").get<std::string>()] = hit.at("title").get<std::string>();
        const auto total = found.at("total").get<std::size_t>();
        if (found.at("results").size() < 100 || titles.size() >= total)
            return titles;
        // A full page of ids already seen would otherwise repeat up to the
        // last allowed page.
        if (titles.size() == before)
            throw std::runtime_error("majlis search " + word + " --page " + std::to_string(page) + " in "
                + data.string() + " returned only ids of earlier pages: total " + std::to_string(total) + ", "
                + std::to_string(titles.size()) + " distinct ids");
    }
}

} // namespace majlis::test
