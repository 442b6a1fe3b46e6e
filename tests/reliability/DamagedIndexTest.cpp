#include "tests/reliability/Workload.h"
#include "tests/support/Command.h"
#include "tests/support/IndexDamage.h"
#include "tests/support/MajlisServer.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace majlis;
using test::runMajlis;

namespace {

// Imports one text file per word with no server running; returns the record
// id of each word.
std::map<std::string, std::string> importWords(
    const std::filesystem::path& data, const std::filesystem::path& folder, const std::vector<std::string>& words)
{
    std::filesystem::create_directories(folder);
    for (const std::string& word : words)
        test::writeTextFile(folder / (word + ".txt"), "قرر المجلس البلدي " + word + "body");
    const auto result = runMajlis({"import", "--data", data.string(), "--access", "public", "--json", folder.string()});
    BOOST_TEST_REQUIRE(result.exitCode == 0, result.err);
    std::map<std::string, std::string> ids;
    for (const std::string& word : words) {
        const auto found = test::searchIds(data, word + "body");
        BOOST_TEST_REQUIRE(found.size() == 1u, word);
        ids[word] = found.front();
    }
    return ids;
}

} // namespace

BOOST_AUTO_TEST_SUITE(damaged_index)

BOOST_AUTO_TEST_CASE(server_rebuilds_damaged_index)
{
    test::TempDir dir;
    const std::filesystem::path data = dir / "data";
    const auto ids = importWords(data, dir / "in", {"alphaword", "betaword", "gammaword"});
    const auto damaged = test::damageIndexTable(data, "postlist");

    test::MajlisServer server(data);
    const std::string password = *server.createdPassword();
    const auto posted = test::postRecord(server.port(), password, "محضر deltaword", "d.txt", "نص deltawordbody");
    BOOST_TEST_REQUIRE(posted.status == 201, posted.body);
    BOOST_TEST_REQUIRE(test::waitForEmptyQueues(server.port(), password, 120));
    BOOST_TEST(server.stop() == 0);

    BOOST_TEST(std::filesystem::read_symlink(data / "index") != damaged.filename());
    for (const auto& [word, id] : ids)
        BOOST_TEST(test::searchIds(data, word + "body") == std::vector<std::string>{id}, word);
    BOOST_TEST(test::searchIds(data, "deltawordbody").size() == 1u);
}

BOOST_AUTO_TEST_CASE(import_without_server_names_damage)
{
    test::TempDir dir;
    const std::filesystem::path data = dir / "data";
    const auto ids = importWords(data, dir / "first", {"alphaword", "betaword"});
    test::damageIndexTable(data, "postlist");

    std::filesystem::create_directories(dir / "second");
    test::writeTextFile(dir / "second" / "gammaword.txt", "قرر المجلس البلدي gammawordbody");
    const auto damaged = runMajlis({"import", "--data", data.string(), (dir / "second").string()});
    BOOST_TEST(damaged.exitCode != 0);
    BOOST_TEST(damaged.err.find("is damaged") != std::string::npos, damaged.err);
    BOOST_TEST(damaged.err.find("majlis reindex") != std::string::npos, damaged.err);

    const auto reindexed = runMajlis({"reindex", "--data", data.string()});
    BOOST_TEST_REQUIRE(reindexed.exitCode == 0, reindexed.err);
    for (const auto& [word, id] : ids)
        BOOST_TEST(test::searchIds(data, word + "body") == std::vector<std::string>{id}, word);
    BOOST_TEST(test::searchIds(data, "gammawordbody").size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
