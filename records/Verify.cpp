// RecordStore::verify, backup and restore: the integrity checks and copies.
#include "records/RecordStore.h"

#include "core/Error.h"
#include "core/Log.h"
#include "core/Sha256.h"

#include <map>
#include <set>

namespace majlis::records {

namespace {

void checkAuditChain(const AuditLog& audit, const LmdbTransaction& txn, MDB_dbi versions,
    std::set<std::pair<std::string, std::uint32_t>>& audited, VerifyReport& report)
{
    std::string expectedPrevious = AuditLog::kGenesisHash;
    std::uint64_t expectedSequence = 1;
    audit.forEach(txn, [&](const AuditEntry& entry) {
        ++report.auditEntries;
        const std::string where = "audit entry " + std::to_string(entry.sequence);
        if (entry.sequence != expectedSequence)
            report.problems.push_back(where + ": expected sequence " + std::to_string(expectedSequence));
        if (entry.previous != expectedPrevious)
            report.problems.push_back(where + ": its previous hash does not match the entry before it");
        if (AuditLog::computeHash(entry) != entry.hash)
            report.problems.push_back(where + ": its content does not match its hash (changed after writing)");

        if (!entry.record.empty() && entry.version > 0) {
            audited.emplace(entry.record, entry.version);
            const auto bytes = txn.get(versions, entry.record + '\0' + encodeBigEndian32(entry.version));
            if (!bytes)
                report.problems.push_back(where + ": version " + std::to_string(entry.version) + " of "
                    + entry.record + " is missing");
            else if (Sha256::hex(*bytes) != entry.contentSha256)
                report.problems.push_back("record " + entry.record + " version " + std::to_string(entry.version)
                    + ": its content does not match the audit log (changed after writing)");
        }
        expectedPrevious = entry.hash;
        expectedSequence = entry.sequence + 1;
        return true;
    });
    if (audit.headHash(txn) != expectedPrevious)
        report.problems.push_back("the audit log's last entry is not the one recorded as its head (entries removed)");
}

void checkFile(const BlobStore& blobs, const FileRef& file, const std::string& where,
    std::map<std::string, bool>& checked, VerifyReport& report)
{
    if (const auto seen = checked.find(file.sha256); seen != checked.end())
        return;
    ++report.files;
    bool intact = false;
    try {
        const auto path = blobs.pathOf(file.sha256);
        const auto size = std::filesystem::file_size(path);
        if (size != file.size)
            report.problems.push_back(where + ": file '" + file.name + "' has " + std::to_string(size)
                + " bytes, expected " + std::to_string(file.size));
        else if (Sha256::hexOfFile(path) != file.sha256)
            report.problems.push_back(where + ": file '" + file.name + "' (" + file.sha256
                + ") no longer matches its SHA-256 (changed on disk)");
        else
            intact = true;
    } catch (const Error& error) {
        report.problems.push_back(where + ": file '" + file.name + "': " + error.what());
    }
    checked[file.sha256] = intact;
}

} // namespace

VerifyReport RecordStore::verify() const
{
    VerifyReport report;
    std::set<std::pair<std::string, std::uint32_t>> audited;
    std::map<std::string, bool> checkedFiles;

    env_->read([&](LmdbTransaction& txn) {
        checkAuditChain(audit_, txn, db_.versions, audited, report);

        txn.scan(db_.versions, {}, [&](std::string_view key, std::string_view value) {
            ++report.versions;
            const RecordVersion version = versionFromJson(nlohmann::json::parse(value));
            const std::string where = "record " + version.id + " version " + std::to_string(version.version);
            if (key != version.id + '\0' + encodeBigEndian32(version.version))
                report.problems.push_back(where + ": stored under the wrong key");
            if (!audited.contains({version.id, version.version}))
                report.problems.push_back(where + ": has no audit entry (written outside the record store)");
            for (const FileRef& file : version.files)
                checkFile(blobs_, file, where, checkedFiles, report);
            return true;
        });
    });
    return report;
}

void RecordStore::backup(const std::filesystem::path& destination) const
{
    if (std::filesystem::exists(destination) && !std::filesystem::is_empty(destination))
        throw Error(ErrorCode::invalid_argument, "error.backup_target_not_empty",
            "backup folder " + destination.string() + " is not empty; choose a new folder",
            {{"path", destination.string()}});

    // The LMDB copy is one snapshot; every blob it references was durable
    // before the snapshot's transactions committed, so copying the blob
    // folder afterwards includes them all.
    env_->copyTo(destination / "db");
    std::filesystem::create_directories(destination / "blobs");
    for (const auto& entry : std::filesystem::directory_iterator(blobs_.root())) {
        if (!entry.is_directory() || entry.path().filename() == "tmp")
            continue;
        std::filesystem::copy(entry.path(), destination / "blobs" / entry.path().filename(),
            std::filesystem::copy_options::recursive | std::filesystem::copy_options::skip_existing);
    }
    logger("records").information("wrote backup of %s to %s", dataDirectory_.string(), destination.string());
}

VerifyReport restoreBackup(const std::filesystem::path& backup, const std::filesystem::path& dataDirectory)
{
    if (!std::filesystem::exists(backup / "db" / "data.mdb"))
        throw Error(ErrorCode::invalid_argument, "error.not_a_backup",
            backup.string() + " is not a Majlis backup (no db/data.mdb); give the folder 'majlis backup' wrote",
            {{"path", backup.string()}});
    if (std::filesystem::exists(dataDirectory) && !std::filesystem::is_empty(dataDirectory))
        throw Error(ErrorCode::invalid_argument, "error.restore_target_not_empty",
            "data folder " + dataDirectory.string() + " is not empty; restore into a new folder",
            {{"path", dataDirectory.string()}});

    std::filesystem::create_directories(dataDirectory);
    std::filesystem::copy(backup / "db", dataDirectory / "db", std::filesystem::copy_options::recursive);
    if (std::filesystem::exists(backup / "blobs"))
        std::filesystem::copy(backup / "blobs", dataDirectory / "blobs", std::filesystem::copy_options::recursive);

    RecordStore store(dataDirectory);
    logger("records").information("restored backup %s into %s", backup.string(), dataDirectory.string());
    return store.verify();
}

} // namespace majlis::records
