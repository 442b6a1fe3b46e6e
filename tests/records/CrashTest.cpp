#include "records/RecordStore.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace majlis;
using namespace majlis::records;

namespace {

std::string contentOf(int number)
{
    return "محتوى السجل رقم " + std::to_string(number) + std::string(number % 7 * 1000, '.');
}

// The child: opens its own store (nothing of the parent's is touched after
// fork), writes records, and reports each id on `out` once create() returns.
[[noreturn]] void writeUntilKilled(const std::filesystem::path& data, int out, int firstNumber)
{
    RecordStore store(data);
    for (int number = firstNumber;; ++number) {
        NewRecord record;
        record.type = RecordType::minutes;
        record.title = "محضر " + std::to_string(number);
        std::istringstream in(contentOf(number));
        record.files.push_back(store.storeStream(in, "محضر " + std::to_string(number) + ".txt"));
        const std::string line = store.create(record, "crash-test").id + " " + std::to_string(number) + "\n";
        if (write(out, line.data(), line.size()) < 0)
            _exit(1);
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(crash)

BOOST_AUTO_TEST_CASE(killed_writer_loses_no_acknowledged_record)
{
    test::TempDir dir;
    std::mt19937 random(20261204);
    std::map<std::string, int> acknowledged;
    int nextNumber = 0;

    for (int round = 0; round < 6; ++round) {
        int pipeFds[2];
        BOOST_TEST_REQUIRE(pipe(pipeFds) == 0);
        const pid_t child = fork();
        if (child == 0) {
            close(pipeFds[0]);
            writeUntilKilled(dir.path(), pipeFds[1], nextNumber);
        }
        close(pipeFds[1]);

        // Let it write a random number of records, then kill it mid-stream.
        const int target = 5 + static_cast<int>(random() % 40);
        std::string buffer;
        int seen = 0;
        char chunk[512];
        while (seen < target) {
            const ssize_t count = read(pipeFds[0], chunk, sizeof chunk);
            if (count <= 0)
                break;
            buffer.append(chunk, static_cast<std::size_t>(count));
            seen = static_cast<int>(std::count(buffer.begin(), buffer.end(), '\n'));
        }
        usleep(static_cast<useconds_t>(random() % 3000));
        kill(child, SIGKILL);
        int status = 0;
        waitpid(child, &status, 0);
        // Whatever reached the pipe before the kill was acknowledged too.
        ssize_t count = 0;
        while ((count = read(pipeFds[0], chunk, sizeof chunk)) > 0)
            buffer.append(chunk, static_cast<std::size_t>(count));
        close(pipeFds[0]);

        std::istringstream lines(buffer);
        std::string id;
        int number = 0;
        while (lines >> id >> number) {
            acknowledged[id] = number;
            nextNumber = std::max(nextNumber, number + 1);
        }
        nextNumber += 1000; // numbers of records cut off mid-write are not reused

        RecordStore store(dir.path());
        const VerifyReport report = store.verify();
        BOOST_TEST(report.ok(), "round " << round << ": " << (report.ok() ? "" : report.problems[0]));
        for (const auto& [ackId, ackNumber] : acknowledged) {
            const auto version = store.find(ackId);
            BOOST_TEST_REQUIRE(version.has_value(), ackId << " was acknowledged but is missing");
            BOOST_TEST(version->title == "محضر " + std::to_string(ackNumber));
            BOOST_TEST_REQUIRE(version->files.size() == 1u);
            std::ifstream in(store.pathOf(version->files[0]), std::ios::binary);
            const std::string stored((std::istreambuf_iterator<char>(in)), {});
            BOOST_TEST(stored == contentOf(ackNumber));
        }
        // Nothing half-written: every visible record has its version and file.
        store.forEachRecord([&](const RecordVersion& version) {
            BOOST_TEST(version.files.size() == 1u);
            return true;
        });
    }
    BOOST_TEST(acknowledged.size() >= 30u);
}

BOOST_AUTO_TEST_SUITE_END()
