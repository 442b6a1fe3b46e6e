#include "core/Error.h"
#include "records/RecordStore.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

using namespace majlis;
using namespace majlis::records;

namespace {

std::string storeSample(RecordStore& store, const std::string& title, const std::string& content)
{
    NewRecord record;
    record.type = RecordType::minutes;
    record.title = title;
    std::istringstream in(content);
    record.files.push_back(store.storeStream(in, title + ".txt"));
    return store.create(record, "tester").id;
}

bool mentions(const VerifyReport& report, const std::string& text)
{
    for (const auto& problem : report.problems)
        if (problem.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(verify)

BOOST_AUTO_TEST_CASE(intact_store_passes)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto id = storeSample(store, "محضر", "نص");
    RecordChange change;
    change.title = "محضر معدل";
    change.reason = "تصحيح";
    store.update(id, change, "tester");

    const VerifyReport report = store.verify();
    BOOST_TEST(report.ok());
    BOOST_TEST(report.auditEntries == 2u);
    BOOST_TEST(report.versions == 2u);
    BOOST_TEST(report.files == 1u);
}

BOOST_AUTO_TEST_CASE(changed_attachment_byte_detected)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto id = storeSample(store, "محضر", "النص الأصلي");
    const auto path = store.pathOf(store.current(id).files[0]);
    {
        std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(0);
        file.put('X');
    }
    const VerifyReport report = store.verify();
    BOOST_TEST(!report.ok());
    BOOST_TEST(mentions(report, "no longer matches its SHA-256"));
}

BOOST_AUTO_TEST_CASE(missing_attachment_detected)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto id = storeSample(store, "محضر", "نص");
    std::filesystem::remove(store.pathOf(store.current(id).files[0]));
    BOOST_TEST(!store.verify().ok());
}

BOOST_AUTO_TEST_CASE(changed_version_detected)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    const auto id = storeSample(store, "محضر", "نص");
    // Rewrite the stored version behind the store's back.
    const MDB_dbi versions = store.environment().openDatabase("versions");
    store.environment().write([&](LmdbTransaction& txn) {
        nlohmann::json json = toJson(store.current(id));
        json["title"] = "عنوان مزور";
        txn.put(versions, id + '\0' + encodeBigEndian32(1), json.dump());
    });
    const VerifyReport report = store.verify();
    BOOST_TEST(!report.ok());
    BOOST_TEST(mentions(report, "does not match the audit log"));
}

BOOST_AUTO_TEST_CASE(changed_audit_entry_detected)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    storeSample(store, "أ", "1");
    storeSample(store, "ب", "2");
    const MDB_dbi audit = store.environment().openDatabase("audit");
    store.environment().write([&](LmdbTransaction& txn) {
        const std::string key = encodeBigEndian64(1);
        auto json = nlohmann::json::parse(*txn.get(audit, key));
        json["actor"] = "someone else";
        txn.put(audit, key, json.dump());
    });
    const VerifyReport report = store.verify();
    BOOST_TEST(!report.ok());
    BOOST_TEST(mentions(report, "audit entry 1"));
}

BOOST_AUTO_TEST_CASE(removed_audit_tail_detected)
{
    test::TempDir dir;
    RecordStore store(dir.path());
    storeSample(store, "أ", "1");
    storeSample(store, "ب", "2");
    const MDB_dbi audit = store.environment().openDatabase("audit");
    store.environment().write([&](LmdbTransaction& txn) { txn.erase(audit, encodeBigEndian64(2)); });
    BOOST_TEST(!store.verify().ok());
}

BOOST_AUTO_TEST_CASE(backup_while_writing_restores_intact)
{
    test::TempDir dir;
    RecordStore store(dir / "data");
    for (int i = 0; i < 20; ++i)
        storeSample(store, "سجل " + std::to_string(i), "محتوى " + std::to_string(i));

    std::atomic<bool> stop = false;
    std::atomic<int> written = 0;
    std::thread writer([&] {
        while (!stop) {
            storeSample(store, "أثناء النسخ " + std::to_string(written), "بيانات " + std::to_string(written));
            ++written;
        }
    });
    store.backup(dir / "backup");
    stop = true;
    writer.join();

    const VerifyReport restored = restoreBackup(dir / "backup", dir / "restored");
    BOOST_TEST(restored.ok());
    BOOST_TEST(restored.versions >= 20u);
    RecordStore copy(dir / "restored");
    BOOST_TEST(copy.current("R00000007").title == "سجل 6");
}

BOOST_AUTO_TEST_CASE(restore_refuses_non_empty_folder)
{
    test::TempDir dir;
    {
        RecordStore store(dir / "data");
        storeSample(store, "أ", "1");
        store.backup(dir / "backup");
    }
    BOOST_CHECK_THROW(restoreBackup(dir / "backup", dir / "data"), Error);
    BOOST_CHECK_THROW(restoreBackup(dir / "nothing", dir / "new"), Error);
}

BOOST_AUTO_TEST_SUITE_END()
