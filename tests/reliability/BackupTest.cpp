#include "tests/reliability/Workload.h"
#include "tests/support/Command.h"
#include "tests/support/MajlisServer.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <Poco/Exception.h>

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace majlis;
using test::runMajlis;

namespace {

// A word that every record created here contains.
const std::string kMarker = "backupmarker";

// A word of Latin letters unique to `number` within this test.
std::string uniqueWord(const std::string& prefix, int number)
{
    std::string word = prefix;
    for (int rest = number; word.size() < prefix.size() + 4; rest /= 20)
        word.push_back(static_cast<char>('a' + rest % 20));
    return word;
}

// Writes `count` text files into `folder`; returns the unique word of each
// file name (its record's title) by file name.
std::map<std::string, std::string> writeBatch(const std::filesystem::path& folder, const std::string& prefix, int count)
{
    std::map<std::string, std::string> words;
    for (int number = 0; number < count; ++number) {
        const std::string word = uniqueWord(prefix, number);
        const std::string name = "قرار " + word + " " + kMarker + ".txt";
        test::writeTextFile(folder / name, "قرر المجلس البلدي اعتماد المشروع " + word + "body في الحي");
        words[name] = word;
    }
    return words;
}

// Title word to record id, from an import's --json output.
std::map<std::string, std::string> importedIds(
    const test::CommandResult& result, const std::map<std::string, std::string>& words)
{
    BOOST_TEST_REQUIRE(result.exitCode == 0, result.err);
    const auto summary = nlohmann::json::parse(result.out);
    std::map<std::string, std::string> ids;
    for (const auto& line : summary.at("records"))
        ids[words.at(std::filesystem::path(line.at("file").get<std::string>()).filename().string())]
            = line.at("id").get<std::string>();
    BOOST_TEST_REQUIRE(ids.size() == words.size(), result.out);
    return ids;
}

test::CommandResult importFolder(const std::filesystem::path& data, const std::filesystem::path& folder)
{
    return runMajlis({"import", "--data", data.string(), "--access", "public", "--json", folder.string()});
}

// Restores `backup` into a new folder and checks the report.
void restoreInto(const std::filesystem::path& backup, const std::filesystem::path& restored)
{
    const auto result = runMajlis({"restore", "--data", restored.string(), backup.string()});
    BOOST_TEST_REQUIRE(result.exitCode == 0, result.out << result.err);
    BOOST_TEST(result.out.find("OK") != std::string::npos, result.out);
    BOOST_TEST(runMajlis({"verify", "--data", restored.string()}).exitCode == 0);
}

// The hits of a search without their scores, which depend on index-wide
// statistics that are equal here only when the records are.
nlohmann::json hitsWithoutScores(const std::filesystem::path& data, const std::string& query)
{
    nlohmann::json found = test::searchData(data, query);
    for (auto& hit : found.at("results"))
        hit.erase("score");
    return found;
}

} // namespace

BOOST_AUTO_TEST_SUITE(backup)

BOOST_AUTO_TEST_CASE(backup_during_import_and_serve_restores)
{
    test::TempDir dir;
    const std::filesystem::path data = dir / "data";
    test::MajlisServer server(data);
    BOOST_TEST_REQUIRE(server.createdPassword().has_value());
    const std::string password = *server.createdPassword();

    const auto firstWords = writeBatch(dir / "first", "first", 10);
    const auto firstIds = importedIds(importFolder(data, dir / "first"), firstWords);

    // API clients and a second import write while the backup is taken.
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> posted; // id, unique word
    // std::jthread stops and joins the client on every way out of the test.
    std::jthread client([&](std::stop_token token) {
        for (int number = 0; !token.stop_requested(); ++number) {
            const std::string word = uniqueWord("api", number);
            test::HttpReply reply;
            try {
                reply = test::postRecord(server.port(), password, "محضر " + word + " " + kMarker, word + ".txt",
                    "نص المحضر " + word + "body");
            } catch (const Poco::Exception& error) {
                BOOST_TEST_MESSAGE("POST /api/v1/records failed: " << error.displayText());
                break;
            }
            if (reply.status != 201)
                break;
            std::lock_guard lock(mutex);
            posted.emplace_back(nlohmann::json::parse(reply.body).at("id").get<std::string>(), word);
        }
    });
    const auto secondWords = writeBatch(dir / "second", "second", 100);
    auto secondImport = std::async(std::launch::async, [&] { return importFolder(data, dir / "second"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

    std::size_t postedBeforeBackup = 0;
    {
        std::lock_guard lock(mutex);
        postedBeforeBackup = posted.size();
    }
    const bool importRunning = secondImport.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
    BOOST_TEST(importRunning, "the second import finished before the backup began; the test no longer overlaps them");
    const auto backedUp = runMajlis({"backup", "--data", data.string(), (dir / "backup").string()});
    BOOST_TEST_REQUIRE(backedUp.exitCode == 0, backedUp.err);
    const auto secondIds = importedIds(secondImport.get(), secondWords);
    client.request_stop();
    client.join();
    BOOST_TEST(posted.size() > postedBeforeBackup);
    BOOST_TEST_REQUIRE(test::waitForEmptyQueues(server.port(), password, 300));
    BOOST_TEST(server.stop() == 0);

    restoreInto(dir / "backup", dir / "restored");
    const std::filesystem::path restored = dir / "restored";

    // Text extraction queued at backup time finishes in the restored folder
    // once a server runs there. Accounts are stored with the records, so the
    // backup keeps the administrator and its password.
    {
        test::MajlisServer restoredServer(restored);
        BOOST_TEST(!restoredServer.createdPassword().has_value());
        BOOST_TEST(test::waitForEmptyQueues(restoredServer.port(), password, 300));
    }
    BOOST_TEST(runMajlis({"verify", "--data", restored.string()}).exitCode == 0);

    // Every record acknowledged before the backup began is in it and found
    // by its title and by its file's text.
    for (const auto& [word, id] : firstIds) {
        BOOST_TEST(test::searchIds(restored, word) == std::vector<std::string>{id}, word);
        BOOST_TEST(test::searchIds(restored, word + "body") == std::vector<std::string>{id}, word);
    }
    for (std::size_t i = 0; i < postedBeforeBackup; ++i) {
        const auto& [id, word] = posted[i];
        BOOST_TEST(test::searchIds(restored, word) == std::vector<std::string>{id}, word);
    }

    // Every record in the copy is one of the source's, with the same title,
    // and a record the second import made is in it whole or not at all.
    const auto restoredTitles = test::searchTitles(restored, kMarker);
    const auto sourceTitles = test::searchTitles(data, kMarker);
    BOOST_TEST(restoredTitles.size() >= firstIds.size() + postedBeforeBackup);
    BOOST_TEST(sourceTitles.size() == firstIds.size() + secondIds.size() + posted.size());
    for (const auto& [id, title] : restoredTitles) {
        const auto source = sourceTitles.find(id);
        const bool inSource = source != sourceTitles.end();
        BOOST_TEST_REQUIRE(inSource, id << " is in the copy but not in the source");
        BOOST_TEST(source->second == title, id);
    }
    for (const auto& [word, id] : secondIds) {
        const bool copied = restoredTitles.contains(id);
        BOOST_TEST(test::searchIds(restored, word + "body") == (copied ? std::vector<std::string>{id}
                                                                       : std::vector<std::string>{}), word);
    }
}

BOOST_AUTO_TEST_CASE(restored_copy_searches_like_source)
{
    test::TempDir dir;
    const std::filesystem::path data = dir / "data";
    const auto words = writeBatch(dir / "in", "same", 12);
    const auto ids = importedIds(importFolder(data, dir / "in"), words);
    BOOST_TEST_REQUIRE(runMajlis({"backup", "--data", data.string(), (dir / "backup").string()}).exitCode == 0);
    restoreInto(dir / "backup", dir / "restored");

    for (const std::string& query : {kMarker, std::string("المجلس البلدي"), std::string("الحي"),
             uniqueWord("same", 3), uniqueWord("same", 7) + "body", std::string("\"اعتماد المشروع\"")})
        BOOST_TEST(hitsWithoutScores(dir / "restored", query) == hitsWithoutScores(data, query), query);
    BOOST_TEST(test::searchIds(dir / "restored", kMarker).size() == ids.size());
}

BOOST_AUTO_TEST_SUITE_END()
