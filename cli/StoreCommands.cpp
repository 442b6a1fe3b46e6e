#include "cli/Arguments.h"
#include "cli/Commands.h"

#include "pipeline/Reindexer.h"
#include "records/RecordStore.h"

#include <iostream>

namespace majlis::cli {

namespace {

const CommandSpec kVerifySpec = {"verify",
    "Walks the audit chain, checks every version against it and re-hashes every attachment. "
    "Exits 0 only when all of it is intact.",
    "", 0, 0, {dataOption(), {"json", "", "print the report as JSON"}}};
const CommandSpec kBackupSpec = {"backup",
    "Writes a consistent copy of the data folder (compacted LMDB copy plus attachments) into DEST, "
    "which must be new or empty. Safe while the server runs.",
    "DEST", 1, 1, {dataOption()}};
const CommandSpec kRestoreSpec = {"restore",
    "Restores a backup folder into an empty data folder, verifies the result and builds its search index.",
    "BACKUP", 1, 1, {dataOption()}};

int printReport(const records::VerifyReport& report, bool json)
{
    if (json) {
        std::cout << nlohmann::json{{"ok", report.ok()}, {"audit_entries", report.auditEntries},
                         {"versions", report.versions}, {"files", report.files}, {"problems", report.problems}}
                         .dump()
                  << '\n';
    } else {
        for (const std::string& problem : report.problems)
            std::cout << "BROKEN: " << problem << '\n';
        std::cout << (report.ok() ? "OK" : "FAILED") << ": audit entries " << report.auditEntries << ", versions "
                  << report.versions << ", files checked " << report.files << ", problems " << report.problems.size()
                  << '\n';
        if (!report.ok())
            std::cout << "Restore the damaged files or records from a backup ('majlis restore'), "
                         "then run 'majlis verify' again.\n";
    }
    return report.ok() ? 0 : 1;
}

} // namespace

int runVerify(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kVerifySpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kVerifySpec);
        return 0;
    }
    const records::RecordStore store(arguments.valueOr("data", "./data"));
    return printReport(store.verify(), arguments.has("json"));
}

int runBackup(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kBackupSpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kBackupSpec);
        return 0;
    }
    const records::RecordStore store(arguments.valueOr("data", "./data"));
    store.backup(arguments.positional()[0]);
    std::cout << "backup written to " << arguments.positional()[0] << '\n';
    return 0;
}

int runRestore(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kRestoreSpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kRestoreSpec);
        return 0;
    }
    const std::filesystem::path data = arguments.valueOr("data", "./data");
    const auto report = records::restoreBackup(arguments.positional()[0], data);
    const int status = printReport(report, false);
    if (status != 0)
        return status;

    // A backup contains the records, not the index derived from them, so the
    // restored folder gets its index built here rather than at first search.
    records::RecordStore store(data);
    std::cout << "indexed " << pipeline::rebuildIndex(store, data) << " records\n";
    return 0;
}

} // namespace majlis::cli
