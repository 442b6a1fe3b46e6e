#include "core/Error.h"
#include "records/RecordStore.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

using namespace majlis;
using namespace majlis::records;

namespace {

StoreOptions tinyStore(std::size_t initial, std::size_t max, unsigned readers = 126)
{
    StoreOptions options;
    options.lmdb.initialMapSize = initial;
    options.lmdb.maxMapSize = max;
    options.lmdb.maxReaders = readers;
    return options;
}

NewRecord largeRecord(int number)
{
    NewRecord record;
    record.type = RecordType::minutes;
    record.title = "محضر " + std::to_string(number);
    record.body = std::string(64 * 1024, 'x');
    return record;
}

// Forks a child that opens its own environment, begins a read transaction
// and is killed while holding it, leaving a stale reader slot.
void leaveStaleReader(const std::filesystem::path& data, const StoreOptions& options)
{
    int ready[2];
    BOOST_TEST_REQUIRE(pipe(ready) == 0);
    const pid_t child = fork();
    if (child == 0) {
        close(ready[0]);
        LmdbEnvironment env(data / "db", options.lmdb);
        MDB_txn* txn = nullptr;
        mdb_txn_begin(env.handle(), nullptr, MDB_RDONLY, &txn);
        const char byte = 1;
        (void)!write(ready[1], &byte, 1);
        pause();
        _exit(0);
    }
    close(ready[1]);
    char byte = 0;
    BOOST_TEST_REQUIRE(read(ready[0], &byte, 1) == 1);
    close(ready[0]);
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
}

std::string recordId(int number)
{
    char id[16];
    std::snprintf(id, sizeof id, "R%08d", number);
    return id;
}

} // namespace

BOOST_AUTO_TEST_SUITE(lmdb)

BOOST_AUTO_TEST_CASE(map_grows_when_full)
{
    test::TempDir dir;
    RecordStore store(dir.path(), tinyStore(std::size_t(1) << 20, std::size_t(1) << 30));
    const std::size_t before = store.environment().mapSize();
    for (int i = 0; i < 60; ++i)
        store.create(largeRecord(i), "tester");
    BOOST_TEST(store.environment().mapSize() > before);
    BOOST_TEST(store.current("R00000060").title == "محضر 59");
}

BOOST_AUTO_TEST_CASE(map_is_not_shrunk_on_reopen)
{
    test::TempDir dir;
    std::size_t grown = 0;
    {
        RecordStore store(dir.path(), tinyStore(std::size_t(1) << 20, std::size_t(1) << 30));
        for (int i = 0; i < 40; ++i)
            store.create(largeRecord(i), "tester");
        grown = store.environment().mapSize();
    }
    RecordStore reopened(dir.path(), tinyStore(std::size_t(1) << 20, std::size_t(1) << 30));
    BOOST_TEST(reopened.environment().mapSize() >= grown);
    BOOST_TEST(reopened.current("R00000040").title == "محضر 39");
}

BOOST_AUTO_TEST_CASE(size_limit_fails_cleanly_and_keeps_data)
{
    test::TempDir dir;
    RecordStore store(dir.path(), tinyStore(std::size_t(1) << 20, std::size_t(2) << 20));
    int stored = 0;
    try {
        for (; stored < 1000; ++stored)
            store.create(largeRecord(stored), "tester");
        BOOST_FAIL("the size limit was never reached");
    } catch (const Error& error) {
        BOOST_TEST(error.code() == ErrorCode::storage_full);
        BOOST_TEST(std::string(error.what()).find("size limit") != std::string::npos);
    }
    BOOST_TEST(stored > 0);
    for (int i = 1; i <= stored; ++i)
        BOOST_TEST(store.find(recordId(i)).has_value());
    BOOST_TEST(store.verify().ok());
}

BOOST_AUTO_TEST_CASE(stale_readers_cleared_at_open)
{
    test::TempDir dir;
    const StoreOptions options = tinyStore(std::size_t(16) << 20, std::size_t(1) << 30, 4);
    { RecordStore create(dir.path(), options); }
    for (int i = 0; i < 4; ++i)
        leaveStaleReader(dir.path(), options);

    RecordStore store(dir.path(), options);
    BOOST_CHECK_NO_THROW(store.create(largeRecord(1), "tester"));
    BOOST_TEST(store.find("R00000001").has_value());
}

BOOST_AUTO_TEST_CASE(readers_full_is_retried_after_clearing)
{
    test::TempDir dir;
    const StoreOptions options = tinyStore(std::size_t(16) << 20, std::size_t(1) << 30, 4);
    RecordStore store(dir.path(), options);
    store.create(largeRecord(1), "tester");
    // The slots fill up after this process opened the environment.
    for (int i = 0; i < 4; ++i)
        leaveStaleReader(dir.path(), options);
    BOOST_CHECK_NO_THROW(store.find("R00000001"));
    BOOST_TEST(store.find("R00000001")->title == "محضر 1");
}

BOOST_AUTO_TEST_CASE(forked_child_cannot_use_environment)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    store.create(largeRecord(1), "tester");
    const pid_t child = fork();
    if (child == 0) {
        try {
            store.find("R00000001");
            _exit(0);
        } catch (const Error&) {
            _exit(3);
        }
    }
    int status = 0;
    waitpid(child, &status, 0);
    BOOST_TEST(WIFEXITED(status));
    BOOST_TEST(WEXITSTATUS(status) == 3);
    BOOST_TEST(store.find("R00000001").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
