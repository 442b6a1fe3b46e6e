#include "tests/reliability/Workload.h"
#include "tests/support/Command.h"
#include "tests/support/MajlisServer.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;
using test::runMajlis;

BOOST_AUTO_TEST_SUITE(empty_index)

// A new data folder has an index generation folder but no database in it
// until the first record is indexed; searches then find nothing.
BOOST_AUTO_TEST_CASE(new_folder_searches_find_nothing)
{
    test::TempDir dir;
    const std::filesystem::path data = dir / "data";

    const auto cli = runMajlis({"search", "--data", data.string(), "--json", "قرار"});
    BOOST_TEST(cli.exitCode == 0, cli.err);
    BOOST_TEST(cli.out.find("\"total\":0") != std::string::npos, cli.out);

    test::MajlisServer server(data);
    const auto before = test::httpRequest(server.port(), "GET", "/api/v1/search?q=wordfirst");
    BOOST_TEST(before.status == 200, before.body);
    BOOST_TEST(before.body.find("\"total\":0") != std::string::npos, before.body);
    BOOST_TEST(test::httpRequest(server.port(), "GET", "/").status == 200);

    // The same request threads find the first record once it is indexed.
    const auto posted = test::postRecord(server.port(), *server.createdPassword(), "محضر wordfirst", "a.txt", "نص");
    BOOST_TEST_REQUIRE(posted.status == 201, posted.body);
    BOOST_TEST_REQUIRE(test::waitForEmptyQueues(server.port(), *server.createdPassword(), 120));
    bool found = false;
    for (int request = 0; request < 32 && !found; ++request) {
        const auto after = test::httpRequest(server.port(), "GET", "/api/v1/search?q=wordfirst");
        found = after.status == 200 && after.body.find("\"total\":1") != std::string::npos;
    }
    BOOST_TEST(found);
}

BOOST_AUTO_TEST_SUITE_END()
