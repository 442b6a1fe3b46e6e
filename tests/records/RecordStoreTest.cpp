#include "core/Error.h"
#include "core/Sha256.h"
#include "records/MediaType.h"
#include "records/RecordStore.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

using namespace majlis;
using namespace majlis::records;

namespace {

NewRecord decision(const std::string& title)
{
    NewRecord record;
    record.type = RecordType::decision;
    record.title = title;
    record.council = "المجلس البلدي بمدينة الرياض";
    record.access = AccessLevel::public_access;
    record.date = CalendarDate::parse("1446-06-01");
    record.tags = {"ميزانية"};
    record.fields["vote_for"] = std::int64_t(7);
    return record;
}

FileRef storeText(RecordStore& store, const std::string& content, const std::string& name)
{
    std::istringstream in(content);
    return store.storeStream(in, name);
}

} // namespace

BOOST_AUTO_TEST_SUITE(record_store)

BOOST_AUTO_TEST_CASE(create_assigns_id_and_version_one)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const RecordVersion first = store.create(decision("قرار رقم (12) لسنة 2024"), "tester");
    const RecordVersion second = store.create(decision("قرار آخر"), "tester");

    BOOST_TEST(first.id == "R00000001");
    BOOST_TEST(second.id == "R00000002");
    BOOST_TEST(first.version == 1u);
    BOOST_TEST(store.current(first.id).title == "قرار رقم (12) لسنة 2024");
    BOOST_TEST(store.current(first.id).date->toIsoString() == "2024-12-02");
}

BOOST_AUTO_TEST_CASE(numbered_records_take_consecutive_numbers_per_sequence)
{
    test::TempDir dir;
    std::string lastId;
    {
        RecordStore store(dir.path());
        NewRecord record = decision("قرار مرقم");
        record.numbering = Numbering{"decision/RD01/1446", "number", "{number}/1446"};
        BOOST_TEST(store.nextInSequence("decision/RD01/1446") == 1u);
        const RecordVersion first = store.create(record, "tester");
        const RecordVersion second = store.create(record, "tester");
        record.numbering->sequence = "decision/MQ01/1446";
        const RecordVersion other = store.create(record, "tester");

        BOOST_TEST(std::get<std::int64_t>(first.fields.at("number")) == 1);
        BOOST_TEST(first.reference == "1/1446");
        BOOST_TEST(std::get<std::int64_t>(second.fields.at("number")) == 2);
        BOOST_TEST(store.current(second.id).reference == "2/1446");
        BOOST_TEST(std::get<std::int64_t>(other.fields.at("number")) == 1);
        lastId = second.id;
    }
    RecordStore reopened(dir.path());
    BOOST_TEST(reopened.nextInSequence("decision/RD01/1446") == 3u);
    BOOST_TEST(std::get<std::int64_t>(reopened.current(lastId).fields.at("number")) == 2);
}

BOOST_AUTO_TEST_CASE(create_all_stores_every_record_or_none)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    NewRecord numbered = decision("قرار");
    numbered.numbering = Numbering{"decision/RD01/1446", "number", ""};
    const auto created = store.createAll({numbered, decision("ثان"), numbered}, "loader");
    BOOST_TEST(created.size() == 3u);
    BOOST_TEST(created[1].id == "R00000002");
    BOOST_TEST(std::get<std::int64_t>(store.current(created[2].id).fields.at("number")) == 2);
    BOOST_TEST(store.queueLength(kIndexQueue) == 3u);

    NewRecord untitled = decision(" ");
    BOOST_CHECK_THROW(store.createAll({numbered, untitled}, "loader"), Error);
    BOOST_TEST(!store.find("R00000004"));
    BOOST_TEST(store.nextInSequence("decision/RD01/1446") == 3u);
    BOOST_TEST(store.verify().ok());
}

BOOST_AUTO_TEST_CASE(update_appends_and_keeps_old_versions)
{
    test::TempDir dir;
    std::string id;
    {
        RecordStore store(dir.path());
        id = store.create(decision("الأصل"), "secretary").id;
        RecordChange change;
        change.title = "المعدل";
        change.reason = "تصحيح العنوان";
        change.addFiles.push_back(storeText(store, "نص المحضر", "محضر.txt"));
        const RecordVersion updated = store.update(id, change, "archivist");
        BOOST_TEST(updated.version == 2u);
    }

    RecordStore reopened(dir.path());
    const auto history = reopened.history(id);
    BOOST_TEST_REQUIRE(history.size() == 2u);
    BOOST_TEST(history[0].title == "الأصل");
    BOOST_TEST(history[0].author == "secretary");
    BOOST_TEST(history[0].files.empty());
    BOOST_TEST(history[1].title == "المعدل");
    BOOST_TEST(history[1].reason == "تصحيح العنوان");
    BOOST_TEST(history[1].author == "archivist");
    BOOST_TEST_REQUIRE(history[1].files.size() == 1u);
    BOOST_TEST(history[1].files[0].name == "محضر.txt");
    BOOST_TEST(reopened.version(id, 1).title == "الأصل");
}

BOOST_AUTO_TEST_CASE(update_without_reason_is_rejected)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto id = store.create(decision("قرار"), "tester").id;
    RecordChange change;
    change.title = "جديد";
    BOOST_CHECK_THROW(store.update(id, change, "tester"), Error);
    BOOST_TEST(store.history(id).size() == 1u);
}

BOOST_AUTO_TEST_CASE(invalid_metadata_stores_nothing)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    NewRecord empty = decision("   ");
    BOOST_CHECK_THROW(store.create(empty, "tester"), Error);
    NewRecord badUtf8 = decision("\xFF\xFE");
    BOOST_CHECK_THROW(store.create(badUtf8, "tester"), Error);
    NewRecord badField = decision("قرار");
    badField.fields["Bad Name"] = std::string("x");
    BOOST_CHECK_THROW(store.create(badField, "tester"), Error);

    bool any = false;
    store.forEachRecord([&](const RecordVersion&) { return any = true, false; });
    BOOST_TEST(!any);
    BOOST_TEST(store.verify().ok());
}

BOOST_AUTO_TEST_CASE(unknown_id_is_not_found)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    try {
        store.current("R99999999");
        BOOST_FAIL("expected not_found");
    } catch (const Error& error) {
        BOOST_TEST(error.code() == ErrorCode::not_found);
        BOOST_TEST(std::string(error.what()).find("R99999999") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(attachments_are_stored_once_by_sha256)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const FileRef first = storeText(store, "same bytes", "أ.txt");
    const FileRef second = storeText(store, "same bytes", "ب.txt");
    BOOST_TEST(first.sha256 == second.sha256);
    BOOST_TEST(first.sha256 == Sha256::hex("same bytes"));
    BOOST_TEST(store.pathOf(first).filename() == first.sha256);
    BOOST_TEST(store.pathOf(first).parent_path().filename() == first.sha256.substr(0, 2));
    std::size_t blobCount = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "blobs"))
        blobCount += entry.is_regular_file();
    BOOST_TEST(blobCount == 1u);
}

BOOST_AUTO_TEST_CASE(file_names_keep_quotes_and_lose_folders)
{
    struct Case {
        std::string given;
        std::string kept;
    };
    const Case cases[] = {
        {"محضر \"نهائي\"; نسخة.pdf", "محضر \"نهائي\"; نسخة.pdf"},
        {"محضر; رقم=5.pdf", "محضر; رقم=5.pdf"},
        {"../../etc/passwd", "passwd"},
        {"C:\\scans\\قرار.pdf", "قرار.pdf"},
    };
    for (const auto& c : cases)
        BOOST_TEST(cleanFileName(c.given) == c.kept);
    BOOST_CHECK_THROW(cleanFileName("a\r\nb.pdf"), Error);
    BOOST_CHECK_THROW(cleanFileName("../"), Error);
    BOOST_CHECK_THROW(cleanFileName("\xC0\xAF.pdf"), Error);
}

BOOST_AUTO_TEST_CASE(media_type_comes_from_content)
{
    BOOST_TEST(sniffMediaType("%PDF-1.4 x", true) == "application/pdf");
    BOOST_TEST(sniffMediaType("\x89PNG\r\n\x1a\n....", true) == "image/png");
    BOOST_TEST(sniffMediaType(std::string_view("II*\0rest", 8), true) == "image/tiff");
    BOOST_TEST(sniffMediaType("نص عربي", true) == "text/plain");
    BOOST_TEST(sniffMediaType(std::string_view("\0\1\2", 3), true) == "application/octet-stream");
}

BOOST_AUTO_TEST_CASE(every_version_queues_its_work)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto plain = store.create(decision("بلا ملفات"), "tester");
    NewRecord withFile = decision("بملف");
    withFile.files.push_back(storeText(store, "%PDF-1.4", "scan.pdf"));
    const auto attached = store.create(withFile, "tester");

    store.environment().read([&](LmdbTransaction& txn) {
        const auto index = store.outbox().peek(txn, "index", 10);
        const auto extract = store.outbox().peek(txn, "extract", 10);
        BOOST_TEST_REQUIRE(index.size() == 2u);
        BOOST_TEST(index[0].record == plain.id);
        BOOST_TEST(index[1].record == attached.id);
        BOOST_TEST_REQUIRE(extract.size() == 1u);
        BOOST_TEST(extract[0].record == attached.id);
    });
}

BOOST_AUTO_TEST_CASE(completed_jobs_leave_the_queue)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    store.create(decision("1"), "tester");
    store.create(decision("2"), "tester");

    std::vector<OutboxJob> jobs;
    store.environment().read([&](LmdbTransaction& txn) { jobs = store.outbox().peek(txn, "index", 1); });
    BOOST_TEST_REQUIRE(jobs.size() == 1u);
    store.environment().write([&](LmdbTransaction& txn) { store.outbox().complete(txn, jobs[0]); });

    store.environment().read([&](LmdbTransaction& txn) {
        BOOST_TEST(store.outbox().size(txn, "index") == 1u);
        BOOST_TEST(store.outbox().peek(txn, "index", 5)[0].record == "R00000002");
    });
}

BOOST_AUTO_TEST_CASE(extraction_result_queues_indexing)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    NewRecord withFile = decision("بملف");
    withFile.files.push_back(storeText(store, "نص", "a.txt"));
    const auto record = store.create(withFile, "tester");
    store.completeJobs(store.pendingJobs("index", 10));

    const auto extract = store.pendingJobs("extract", 10);
    BOOST_TEST_REQUIRE(extract.size() == 1u);
    const std::string sha = record.files[0].sha256;
    BOOST_TEST(extract[0].payload["files"][0] == sha);
    store.completeExtraction(extract[0], {{sha, {{"pages", {{{"text", "نص"}}}}}}});

    BOOST_TEST(store.queueLength("extract") == 0u);
    BOOST_TEST(store.queueLength("index") == 1u);
    const auto text = store.derivedText(sha);
    BOOST_TEST_REQUIRE(text.has_value());
    BOOST_TEST((*text)["pages"][0]["text"] == "نص");
    BOOST_TEST((*text)["record"] == record.id);
}

BOOST_AUTO_TEST_CASE(known_files_are_not_extracted_again)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    NewRecord withFile = decision("بملف");
    withFile.files.push_back(storeText(store, "نص", "a.txt"));
    const auto record = store.create(withFile, "tester");
    store.completeExtraction(store.pendingJobs("extract", 1).at(0), {{record.files[0].sha256, {{"pages", nlohmann::json::array()}}}});

    RecordChange change;
    change.title = "عنوان جديد";
    change.reason = "تعديل";
    store.update(record.id, change, "tester");
    BOOST_TEST(store.queueLength("extract") == 0u);
}

BOOST_AUTO_TEST_CASE(failed_attempts_are_counted)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    NewRecord withFile = decision("بملف تالف");
    withFile.files.push_back(storeText(store, "%PDF-broken", "bad.pdf"));
    store.create(withFile, "tester");
    const auto job = store.pendingJobs("extract", 1).at(0);

    store.recordFailedAttempt(job, "timed out");
    const auto retried = store.pendingJobs("extract", 1).at(0);
    BOOST_TEST(retried.attempts == 1u);
    BOOST_TEST(retried.lastError == "timed out");
}

BOOST_AUTO_TEST_CASE(audit_lists_changed_records)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    store.create(decision("1"), "tester");
    const auto mark = store.auditSequence();
    const auto second = store.create(decision("2"), "tester");
    BOOST_TEST(mark == 1u);
    BOOST_TEST(store.recordsChangedAfter(mark) == std::vector<std::string>{second.id});
    BOOST_TEST(store.recordsChangedAfter(store.auditSequence()).empty());
}

BOOST_AUTO_TEST_CASE(update_checks_expected_version)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto first = store.create(decision("قرار"), "tester");
    RecordChange change;
    change.title = "قرار معدل";
    change.reason = "تصحيح";
    change.expectedVersion = first.version;
    BOOST_TEST(store.update(first.id, change, "tester").version == 2u);
    try {
        store.update(first.id, change, "tester");
        BOOST_FAIL("an update based on a replaced version was stored");
    } catch (const Error& error) {
        BOOST_TEST(error.code() == ErrorCode::conflict);
    }
    BOOST_TEST(store.history(first.id).size() == 2u);
}

BOOST_AUTO_TEST_CASE(write_hook_commits_or_rolls_back_with_the_version)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const MDB_dbi extra = store.environment().openDatabase("extra");
    auto readExtra = [&](const std::string& key) {
        std::optional<std::string> value;
        store.environment().read([&](LmdbTransaction& txn) {
            if (const auto found = txn.get(extra, key))
                value = std::string(*found);
        });
        return value;
    };

    const auto created = store.create(decision("قرار"), "tester", "created",
        [&](LmdbTransaction& txn, const RecordVersion& version) { txn.put(extra, "code", version.id); });
    BOOST_TEST(readExtra("code").value_or("") == created.id);

    BOOST_CHECK_THROW(store.create(decision("آخر"), "tester", "created",
                          [&](LmdbTransaction& txn, const RecordVersion&) {
                              txn.put(extra, "second", "x");
                              throw Error(ErrorCode::conflict, "error.test", "taken");
                          }),
        Error);
    BOOST_TEST(!readExtra("second").has_value());
    BOOST_TEST(!store.find("R00000002").has_value());
    BOOST_TEST(store.create(decision("ثالث"), "tester").id == "R00000002");

    RecordChange change;
    change.reason = "تعديل";
    change.title = "قرار معدل";
    BOOST_CHECK_THROW(store.update(created.id, change, "tester",
                          [](LmdbTransaction&, const RecordVersion&) { throw Error(ErrorCode::conflict, "error.test", "no"); }),
        Error);
    BOOST_TEST(store.current(created.id).version == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
