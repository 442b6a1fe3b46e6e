#pragma once

#include <string>
#include <vector>

namespace majlis::cli {

// Each runs one `majlis` command on the words after its name and returns the
// process exit code. Errors escape as majlis::Error for main() to report.
int runRecordAdd(const std::vector<std::string>& words);
int runRecordUpdate(const std::vector<std::string>& words);
int runRecordShow(const std::vector<std::string>& words);
int runRecordHistory(const std::vector<std::string>& words);
int runRecordGetFile(const std::vector<std::string>& words);
int runVerify(const std::vector<std::string>& words);
int runBackup(const std::vector<std::string>& words);
int runRestore(const std::vector<std::string>& words);
int runServe(const std::vector<std::string>& words);
int runSearch(const std::vector<std::string>& words);
int runReindex(const std::vector<std::string>& words);
int runImport(const std::vector<std::string>& words);
int runDemo(const std::vector<std::string>& words);
int runOcr(const std::vector<std::string>& words);
int runAccountAdd(const std::vector<std::string>& words);
int runAccountList(const std::vector<std::string>& words);
int runAccountUpdate(const std::vector<std::string>& words);
int runAccountDisable(const std::vector<std::string>& words);
int runAccountEnable(const std::vector<std::string>& words);
int runAccountPasswd(const std::vector<std::string>& words);

} // namespace majlis::cli
