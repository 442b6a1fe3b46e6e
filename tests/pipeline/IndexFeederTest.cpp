#include "core/Error.h"
#include "indexer/IndexSchema.h"
#include "indexer/IndexSearcher.h"
#include "pipeline/IndexFeeder.h"
#include "pipeline/IndexLocation.h"
#include "pipeline/Reindexer.h"
#include "tests/support/IndexDamage.h"
#include "tests/support/TempDir.h"
#include "web/SearchApi.h"

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <algorithm>
#include <atomic>
#include <thread>
#include <random>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace majlis;
using namespace majlis::records;

namespace {

RecordVersion addRecord(RecordStore& store, const std::string& title, AccessLevel access = AccessLevel::public_access)
{
    NewRecord record;
    record.type = RecordType::decision;
    record.title = title;
    record.council = "الرياض";
    record.access = access;
    return store.create(record, "tester");
}

std::vector<std::string> searchIds(const std::filesystem::path& data, const std::string& query,
    indexer::SearchScope scope = indexer::SearchScope::secretariat())
{
    indexer::SearchRequest request;
    request.query = query;
    request.pageSize = 100;
    request.scope = scope;
    std::vector<std::string> ids;
    for (request.page = 1;; ++request.page) {
        const auto response = web::runSearch(data, request);
        for (const auto& hit : response.results)
            ids.push_back(hit.id);
        if (response.results.size() < static_cast<std::size_t>(request.pageSize))
            return ids;
    }
}

// A Latin word unique to `number`, like the titles BackupTest imports.
std::string uniqueWord(const std::string& prefix, int number)
{
    std::string word = prefix;
    for (int rest = number; word.size() < prefix.size() + 4; rest /= 20)
        word.push_back(static_cast<char>('a' + rest % 20));
    return word;
}

} // namespace

BOOST_AUTO_TEST_SUITE(RegionOfCouncil)

BOOST_AUTO_TEST_CASE(council_code_gives_region)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"RD-01", "RD"}, {"MQ-102", "MQ"}, {"المجلس البلدي بمدينة الرياض", ""}, {"RD01", ""}, {"rd-01", ""},
        {"RD-1", ""}, {"RD-0001", ""}, {"", ""}};
    for (const auto& [council, region] : cases) {
        NewRecord record;
        record.type = RecordType::decision;
        record.title = "قرار";
        record.council = council;
        const RecordVersion version = store.create(record, "test");
        BOOST_TEST(pipeline::toIndexedRecord(store, version).region == region, council);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(index_feeder)

BOOST_AUTO_TEST_CASE(queued_records_become_searchable)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto record = addRecord(store, "قرار إنشاء حديقة عامة");
    BOOST_TEST(store.queueLength(kIndexQueue) == 1u);

    pipeline::IndexFeeder feeder(store, dir.path());
    BOOST_TEST(feeder.drain() == 1u);
    BOOST_TEST(store.queueLength(kIndexQueue) == 0u);
    BOOST_TEST(searchIds(dir.path(), "حديقة") == std::vector<std::string>{record.id});
}

BOOST_AUTO_TEST_CASE(updates_replace_the_document)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto record = addRecord(store, "قرار إنشاء حديقة");
    RecordChange change;
    change.title = "قرار إنشاء مكتبة";
    change.reason = "تصحيح";
    store.update(record.id, change, "tester");

    pipeline::IndexFeeder feeder(store, dir.path());
    feeder.drain();
    BOOST_TEST(searchIds(dir.path(), "حديقة").empty());
    BOOST_TEST(searchIds(dir.path(), "مكتبة") == std::vector<std::string>{record.id});
}

BOOST_AUTO_TEST_CASE(extracted_text_is_searchable)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    NewRecord record;
    record.type = RecordType::minutes;
    record.title = "محضر";
    record.access = AccessLevel::public_access;
    std::istringstream in("%PDF-1.4");
    record.files.push_back(store.storeStream(in, "scan.pdf"));
    const auto stored = store.create(record, "tester");
    const auto job = store.pendingJobs(kExtractQueue, 1).at(0);
    store.completeExtraction(job, {{stored.files[0].sha256, {{"pages", {{{"text", "تشجير الشوارع الرئيسية"}}}}}}});

    pipeline::IndexFeeder feeder(store, dir.path());
    feeder.drain();
    BOOST_TEST(searchIds(dir.path(), "تشجير") == std::vector<std::string>{stored.id});
}

BOOST_AUTO_TEST_CASE(second_writer_hands_work_over)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    addRecord(store, "قرار");
    pipeline::IndexFeeder holder(store, dir.path());
    holder.drain(); // now holds the writer

    addRecord(store, "قرار ثان");
    BOOST_TEST(!pipeline::drainIndexIfIdle(store, dir.path()));
    BOOST_TEST(store.queueLength(kIndexQueue) == 1u);
    holder.drain();
    BOOST_TEST(store.queueLength(kIndexQueue) == 0u);
}

BOOST_AUTO_TEST_CASE(background_writer_follows_notifications)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    pipeline::IndexFeeder feeder(store, dir.path());
    feeder.start(50);
    const auto record = addRecord(store, "مشروع تصريف مياه الأمطار");
    feeder.notify();
    for (int i = 0; i < 100 && store.queueLength(kIndexQueue) > 0; ++i)
        usleep(20000);
    feeder.stop();
    BOOST_TEST(searchIds(dir.path(), "الأمطار") == std::vector<std::string>{record.id});
}

BOOST_AUTO_TEST_CASE(reindex_swaps_generation_and_keeps_results)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    for (int i = 0; i < 30; ++i)
        addRecord(store, "قرار رقم " + std::to_string(i) + " بشأن النظافة");
    pipeline::IndexFeeder feeder(store, dir.path());
    feeder.drain();
    const auto before = searchIds(dir.path(), "النظافة");
    const auto oldGeneration = pipeline::IndexLocation(dir.path()).current();

    std::size_t lastProgress = 0;
    const std::size_t indexed = pipeline::rebuildIndex(store, dir.path(), [&](std::size_t done, std::size_t) {
        lastProgress = done;
    });
    BOOST_TEST(indexed == 30u);
    BOOST_TEST(lastProgress == 30u);
    BOOST_TEST(pipeline::IndexLocation(dir.path()).current() != oldGeneration);
    BOOST_TEST(searchIds(dir.path(), "النظافة").size() == before.size());

    // The feeder follows the new generation.
    const auto late = addRecord(store, "قرار متأخر عن الأرصفة");
    feeder.drain();
    BOOST_TEST(searchIds(dir.path(), "الأرصفة") == std::vector<std::string>{late.id});
}

BOOST_AUTO_TEST_CASE(withdrawn_record_hidden_before_reindex)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto record = addRecord(store, "ميزانية الإنارة");
    pipeline::IndexFeeder feeder(store, dir.path());
    feeder.drain();

    // Withdrawn from public view; the index has not caught up yet.
    RecordChange change;
    change.access = AccessLevel::internal;
    change.reason = "سحب من النشر";
    store.update(record.id, change, "tester");

    indexer::SearchRequest request;
    request.query = "الإنارة";
    request.scope = indexer::SearchScope::citizen();
    BOOST_TEST(web::searchIndex(dir.path(), request).total == 1u);
    const auto checked = web::runSearch(dir.path(), request, &store);
    BOOST_TEST(checked.total == 0u);
    BOOST_TEST(checked.results.empty());
}

BOOST_AUTO_TEST_CASE(public_scope_never_sees_internal)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto open = addRecord(store, "ميزانية عامة");
    addRecord(store, "ميزانية سرية", AccessLevel::internal);
    pipeline::IndexFeeder feeder(store, dir.path());
    feeder.drain();
    BOOST_TEST(searchIds(dir.path(), "ميزانية", indexer::SearchScope::citizen()) == std::vector<std::string>{open.id});
    BOOST_TEST(searchIds(dir.path(), "ميزانية").size() == 2u);
}

BOOST_AUTO_TEST_CASE(killed_writer_leaves_every_record_searchable)
{
    test::TempDir dir;
    std::mt19937 random(4);
    std::set<std::string> acknowledged;
    for (int round = 0; round < 4; ++round) {
        int fds[2];
        BOOST_TEST_REQUIRE(pipe(fds) == 0);
        const pid_t child = fork();
        if (child == 0) {
            close(fds[0]);
            RecordStore store(dir.path());
            pipeline::IndexFeeder feeder(store, dir.path());
            for (int n = 0;; ++n) {
                const std::string id = addRecord(store, "وثيقة kill" + std::to_string(round) + "x" + std::to_string(n)).id;
                if (n % 3 == 0)
                    feeder.drain();
                const std::string line = id + "\n";
                if (write(fds[1], line.data(), line.size()) < 0)
                    _exit(1);
            }
        }
        close(fds[1]);
        std::string buffer;
        char chunk[256];
        const int target = 10 + static_cast<int>(random() % 30);
        while (std::count(buffer.begin(), buffer.end(), '\n') < target) {
            const ssize_t count = read(fds[0], chunk, sizeof chunk);
            if (count <= 0)
                break;
            buffer.append(chunk, static_cast<std::size_t>(count));
        }
        kill(child, SIGKILL);
        waitpid(child, nullptr, 0);
        ssize_t count = 0;
        while ((count = read(fds[0], chunk, sizeof chunk)) > 0)
            buffer.append(chunk, static_cast<std::size_t>(count));
        close(fds[0]);
        std::istringstream lines(buffer);
        for (std::string id; lines >> id;)
            acknowledged.insert(id);

        // After a restart the queue brings the index up to the records.
        RecordStore store(dir.path());
        pipeline::IndexFeeder feeder(store, dir.path());
        feeder.drain();
        std::set<std::string> found;
        for (const auto& id : searchIds(dir.path(), "وثيقة"))
            found.insert(id);
        for (const auto& id : acknowledged)
            BOOST_TEST(found.contains(id), id << " is stored but not searchable after round " << round);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(index_format)

BOOST_AUTO_TEST_CASE(index_of_another_format_is_rebuilt)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto record = addRecord(store, "قرار صيانة الإنارة");
    {
        pipeline::IndexFeeder feeder(store, dir.path());
        feeder.drain();
    }
    // Pretend an older version wrote the index and left a stale document.
    const auto oldGeneration = pipeline::IndexLocation(dir.path()).current();
    {
        Xapian::WritableDatabase database(oldGeneration.string());
        database.set_metadata(indexer::schema::kFormatKey, "1");
        Xapian::Document stale;
        stale.add_boolean_term("QR99999999");
        stale.add_term("الإنارة");
        database.replace_document("QR99999999", stale);
        database.commit();
    }

    addRecord(store, "قرار ثان");
    pipeline::IndexFeeder feeder(store, dir.path());
    feeder.drain();
    BOOST_TEST(pipeline::IndexLocation(dir.path()).current() != oldGeneration);
    BOOST_TEST(searchIds(dir.path(), "الإنارة") == std::vector<std::string>{record.id});
}

BOOST_AUTO_TEST_CASE(damaged_index_is_rebuilt_by_writer)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto first = addRecord(store, "قرار صيانة الإنارة");
    const auto second = addRecord(store, "قرار تشجير الحديقة");
    {
        pipeline::IndexFeeder feeder(store, dir.path());
        feeder.drain();
    }
    const auto damaged = test::damageIndexTable(dir.path(), "postlist");

    const auto third = addRecord(store, "قرار رصف الطريق");
    pipeline::IndexFeeder feeder(store, dir.path(), true);
    BOOST_TEST(feeder.drain() == 1u);
    BOOST_TEST(pipeline::IndexLocation(dir.path()).current() != damaged);
    BOOST_TEST(store.queueLength(kIndexQueue) == 0u);
    BOOST_TEST(searchIds(dir.path(), "الإنارة") == std::vector<std::string>{first.id});
    BOOST_TEST(searchIds(dir.path(), "الحديقة") == std::vector<std::string>{second.id});
    BOOST_TEST(searchIds(dir.path(), "الطريق") == std::vector<std::string>{third.id});
    BOOST_TEST(searchIds(dir.path(), "قرار").size() == 3u);
}

BOOST_AUTO_TEST_CASE(index_without_revision_is_rebuilt_by_writer)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto first = addRecord(store, "قرار صيانة الإنارة");
    {
        pipeline::IndexFeeder feeder(store, dir.path());
        feeder.drain();
    }
    // A writer killed while creating the index leaves a folder whose
    // version file is empty.
    const std::filesystem::path folder = pipeline::IndexLocation(dir.path()).current();
    std::filesystem::resize_file(folder / "iamglass", 0);

    const auto second = addRecord(store, "قرار رصف الطريق");
    pipeline::IndexFeeder feeder(store, dir.path(), true);
    BOOST_TEST(feeder.drain() == 1u);
    BOOST_TEST(pipeline::IndexLocation(dir.path()).current() != folder);
    BOOST_TEST(searchIds(dir.path(), "الإنارة") == std::vector<std::string>{first.id});
    BOOST_TEST(searchIds(dir.path(), "الطريق") == std::vector<std::string>{second.id});
}

BOOST_AUTO_TEST_CASE(damaged_index_reported_without_rebuild)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    addRecord(store, "قرار صيانة الإنارة");
    {
        pipeline::IndexFeeder feeder(store, dir.path());
        feeder.drain();
    }
    test::damageIndexTable(dir.path(), "termlist");
    const auto damaged = test::damageIndexTable(dir.path(), "postlist");

    addRecord(store, "قرار رصف الطريق");
    try {
        pipeline::drainIndexIfIdle(store, dir.path());
        BOOST_FAIL("draining a damaged index succeeded");
    } catch (const Error& error) {
        BOOST_TEST(error.code() == ErrorCode::integrity_failure);
        const std::string message = error.what();
        BOOST_TEST(message.find("is damaged") != std::string::npos, message);
        BOOST_TEST(message.find("majlis reindex") != std::string::npos, message);
    }
    BOOST_TEST(pipeline::IndexLocation(dir.path()).current() == damaged);
    BOOST_TEST(store.queueLength(kIndexQueue) == 1u);
}

// Xapian 1.4.22 cannot read back some highly compressible tags: reading
// fails with "Too few chunks of compressed data", though the tag on disk is
// whole. Its spelling list for the fragment "dy" of these 1457 words was one
// (found by adding one word per commit), and the writer had to rebuild the
// index. The index keeps no spelling table now, so nothing is damaged.
BOOST_AUTO_TEST_CASE(repetitive_words_need_no_rebuild)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    constexpr int kRecords = 1458;
    std::vector<std::string> ids;
    const auto wordOf = [](int number) { return uniqueWord(number % 3 == 0 ? "api" : "second", number) + "body"; };
    for (int number = 0; number < kRecords - 1; ++number)
        ids.push_back(addRecord(store, wordOf(number)).id);

    pipeline::IndexFeeder feeder(store, dir.path(), true);
    feeder.drain();
    const auto first = pipeline::IndexLocation(dir.path()).current();
    // An unknown word runs the spelling search over these words.
    BOOST_TEST(searchIds(dir.path(), "secondaaaabodx").empty());
    ids.push_back(addRecord(store, wordOf(kRecords - 1)).id);
    BOOST_TEST(feeder.drain() == 1u);
    BOOST_TEST(pipeline::IndexLocation(dir.path()).current() == first);

    for (int number = 0; number < kRecords; number += 97)
        BOOST_TEST(searchIds(dir.path(), wordOf(number)) == std::vector<std::string>{ids[number]}, wordOf(number));
    BOOST_TEST(searchIds(dir.path(), wordOf(kRecords - 1)) == std::vector<std::string>{ids.back()});
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(concurrent_search)

BOOST_AUTO_TEST_CASE(many_threads_search_at_once)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    for (int i = 0; i < 20; ++i)
        addRecord(store, "قرار رقم " + std::to_string(i) + " بشأن الحدائق العامة");
    pipeline::IndexFeeder feeder(store, dir.path());
    feeder.drain();

    // Browsing, filters and scopes all build match-all parts; each thread
    // must build its own, because Xapian's shared MatchAll is not safe to
    // copy from several threads.
    std::atomic<int> failures = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 1000; ++i) {
                indexer::SearchRequest request;
                request.query = i % 3 == 0 ? "" : "الحدائق";
                request.scope = t % 2 == 0 ? indexer::SearchScope::citizen() : indexer::SearchScope::secretariat();
                if (i % 2 == 0)
                    request.types.push_back("decision");
                try {
                    if (web::runSearch(dir.path(), request, &store).total != 20u)
                        ++failures;
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    for (auto& thread : threads)
        thread.join();
    BOOST_TEST(failures == 0);
}

BOOST_AUTO_TEST_SUITE_END()
