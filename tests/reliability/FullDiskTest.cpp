#include "tests/reliability/Workload.h"
#include "tests/support/Command.h"
#include "tests/support/MajlisServer.h"
#include "tests/support/SharedCorpus.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <cerrno>
#include <memory>
#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace majlis;
using test::runMajlis;

namespace {

// A tmpfs of `size` mounted on `path` for the object's life. Mounting needs
// root (CAP_SYS_ADMIN); CI runs as root.
class SmallFilesystem {
public:
    SmallFilesystem(const std::filesystem::path& path, const std::string& size)
        : path_(path)
    {
        std::filesystem::create_directories(path);
        const std::string options = "size=" + size + ",mode=0755";
        if (::mount("tmpfs", path.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0)
            throw std::runtime_error("mount tmpfs on " + path.string() + " failed: " + std::strerror(errno));
    }
    ~SmallFilesystem() { ::umount2(path_.c_str(), MNT_DETACH); }
    SmallFilesystem(const SmallFilesystem&) = delete;
    SmallFilesystem& operator=(const SmallFilesystem&) = delete;

private:
    std::filesystem::path path_;
};

// Writes zeros to `path` until the filesystem has no block left.
void fillFilesystem(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    BOOST_TEST_REQUIRE(fd >= 0, "open " << path << ": " << std::strerror(errno));
    const std::string block(64 * 1024, '\0');
    std::size_t written = 0;
    for (;;) {
        const ssize_t count = ::write(fd, block.data(), block.size());
        if (count <= 0)
            break;
        written += static_cast<std::size_t>(count);
    }
    const int error = errno;
    ::close(fd);
    BOOST_TEST_REQUIRE(error == ENOSPC, "filling " << path << " stopped with " << std::strerror(error));
    BOOST_TEST_MESSAGE("filled the filesystem with " << written << " bytes");
}

bool mentionsFullDisk(const std::string& message)
{
    return message.find("no space left") != std::string::npos && message.find("free disk space") != std::string::npos;
}

nlohmann::json parseOutput(const test::CommandResult& result)
{
    BOOST_TEST_REQUIRE(result.exitCode == 0, result.err);
    return nlohmann::json::parse(result.out);
}

} // namespace

BOOST_AUTO_TEST_SUITE(full_disk)

BOOST_AUTO_TEST_CASE(writes_fail_clearly_and_recover)
{
    if (::geteuid() != 0) {
        BOOST_TEST_MESSAGE("skipped: mounting a small tmpfs needs root. The LMDB map size limit is covered by "
                           "test_records lmdb/size_limit_fails_cleanly_and_keeps_data");
        return;
    }
    test::TempDir dir;
    SmallFilesystem disk(dir / "disk", "8m");
    const std::filesystem::path data = dir / "disk" / "data";

    // Records stored before the disk fills, by each write path.
    const auto added = parseOutput(runMajlis({"record", "add", "--data", data.string(), "--type", "decision",
        "--access", "public", "--title", "قرار قبل الامتلاء", "--file",
        test::writeTextFile(dir / "added.txt", "قرر المجلس اعتماد مخطط الحديقة wordadded").string(), "--json"}));
    const auto imported = parseOutput(runMajlis({"import", "--data", data.string(), "--access", "public", "--json",
        test::writeTextFile(dir / "in1" / "محضر مستورد.txt", "محضر اجتماع اللجنة wordimported").string()}));
    auto server = std::make_unique<test::MajlisServer>(data);
    BOOST_TEST_REQUIRE(server->createdPassword().has_value());
    const std::string password = *server->createdPassword();
    const auto posted = test::postRecord(server->port(), password, "محضر عبر الواجهة", "api.txt", "نص الملف wordposted");
    BOOST_TEST_REQUIRE(posted.status == 201, posted.body);
    BOOST_TEST_REQUIRE(test::waitForEmptyQueues(server->port(), password, 120));
    const std::string addedId = added["id"].get<std::string>();
    const std::string importedId = imported["records"][0]["id"].get<std::string>();
    const std::string postedId = nlohmann::json::parse(posted.body)["id"].get<std::string>();

    // A change still queued for the index when the disk fills.
    BOOST_TEST(server->stop() == 0);
    const auto pending = parseOutput(runMajlis({"record", "add", "--data", data.string(), "--type", "decision",
        "--access", "public", "--title", "قرار معلق wordpending", "--json"}));

    fillFilesystem(dir / "disk" / "filler");

    // Each write with a file fails, naming the cause and the fix.
    const auto addFull = runMajlis({"record", "add", "--data", data.string(), "--type", "decision", "--title", "قرار",
        "--file", test::writeTextFile(dir / "full.txt", "نص wordfull").string()});
    BOOST_TEST(addFull.exitCode != 0);
    BOOST_TEST(mentionsFullDisk(addFull.err), addFull.err);

    const auto importFull = runMajlis({"import", "--data", data.string(), "--json",
        test::writeTextFile(dir / "in2" / "محضر جديد.txt", "محضر جديد wordlater").string()});
    BOOST_TEST(importFull.exitCode != 0);
    BOOST_TEST(mentionsFullDisk(importFull.out + importFull.err), importFull.out + importFull.err);

    // A search applies the queued change first. On a full disk it searches
    // from the index as it is and warns that results may be incomplete.
    const auto searchFull = runMajlis({"search", "--data", data.string(), "--json", "wordadded"});
    BOOST_TEST(searchFull.exitCode == 0, searchFull.err);
    BOOST_TEST(mentionsFullDisk(searchFull.err), searchFull.err);
    BOOST_TEST(searchFull.out.find(addedId) != std::string::npos, searchFull.out);

    // The server starts on a full disk and rejects an upload with 507.
    server = std::make_unique<test::MajlisServer>(data);
    const auto postFull = test::postRecord(server->port(), password, "محضر", "full.txt", "نص wordfull");
    BOOST_TEST(postFull.status == 507);
    BOOST_TEST(mentionsFullDisk(postFull.body), postFull.body);
    BOOST_TEST(test::httpRequest(server->port(), "GET", "/api/v1/records/" + postedId).status == 200);
    BOOST_TEST(server->stop() == 0);

    // Nothing stored before is damaged, and reads work without a server.
    BOOST_TEST(runMajlis({"verify", "--data", data.string()}).exitCode == 0);
    BOOST_TEST(test::searchIds(data, "wordadded") == std::vector<std::string>{addedId});
    BOOST_TEST(test::searchIds(data, "wordimported") == std::vector<std::string>{importedId});
    BOOST_TEST(test::searchIds(data, "wordposted") == std::vector<std::string>{postedId});
    BOOST_TEST(test::searchIds(data, "wordfull").empty());
    const auto file = runMajlis({"record", "get-file", "--data", data.string(), addedId, "added.txt", "--output",
        (dir / "added-copy.txt").string()});
    BOOST_TEST(file.exitCode == 0, file.err);
    BOOST_TEST(test::readFile(dir / "added-copy.txt") == "قرر المجلس اعتماد مخطط الحديقة wordadded");

    // Once space returns, every write path works again.
    std::filesystem::remove(dir / "disk" / "filler");
    server = std::make_unique<test::MajlisServer>(data);
    const auto addAgain = parseOutput(runMajlis({"record", "add", "--data", data.string(), "--type", "decision",
        "--title", "قرار بعد", "--file", test::writeTextFile(dir / "after.txt", "نص wordafter").string(), "--json"}));
    const auto importAgain = parseOutput(runMajlis({"import", "--data", data.string(), "--json", (dir / "in2").string()}));
    BOOST_TEST(importAgain["records"][0]["status"] == "ok");
    const auto postAgain = test::postRecord(server->port(), password, "محضر بعد", "again.txt", "نص wordpostedagain");
    BOOST_TEST(postAgain.status == 201, postAgain.body);
    BOOST_TEST(test::waitForEmptyQueues(server->port(), password, 120));
    BOOST_TEST(server->stop() == 0);

    BOOST_TEST(runMajlis({"verify", "--data", data.string()}).exitCode == 0);
    BOOST_TEST(test::searchIds(data, "wordafter") == std::vector<std::string>{addAgain["id"].get<std::string>()});
    BOOST_TEST(test::searchIds(data, "wordlater")
        == std::vector<std::string>{importAgain["records"][0]["id"].get<std::string>()});
    BOOST_TEST(test::searchIds(data, "wordpostedagain").size() == 1u);
    BOOST_TEST(test::searchIds(data, "wordpending") == std::vector<std::string>{pending["id"].get<std::string>()});
}

BOOST_AUTO_TEST_SUITE_END()
