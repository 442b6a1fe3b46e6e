// The `majlis` command: one executable for the server and every tool.
#include "cli/Commands.h"

#include "core/Error.h"
#include "core/Log.h"
#include "ocr/OcrEngine.h"

#include <Poco/Exception.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>

namespace {

using Runner = std::function<int(const std::vector<std::string>&)>;

const std::map<std::string, std::pair<Runner, std::string>>& commands()
{
    using namespace majlis::cli;
    static const std::map<std::string, std::pair<Runner, std::string>> table = {
        {"serve", {runServe, "run the web server and background workers"}},
        {"record add", {runRecordAdd, "store a new record"}},
        {"record update", {runRecordUpdate, "store a new version of a record"}},
        {"record show", {runRecordShow, "print a record"}},
        {"record history", {runRecordHistory, "list a record's versions"}},
        {"record get-file", {runRecordGetFile, "write an attached file"}},
        {"import", {runImport, "store files as records and wait until their text is searchable"}},
        {"demo", {runDemo, "store a generated demo data set of councils, members, meetings and decisions"}},
        {"ocr", {runOcr, "print the text of one PDF or image"}},
        {"search", {runSearch, "search the records"}},
        {"reindex", {runReindex, "rebuild the search index from the records"}},
        {"verify", {runVerify, "check the audit chain and every attachment"}},
        {"backup", {runBackup, "write a consistent copy of the data folder"}},
        {"restore", {runRestore, "restore a backup into an empty data folder"}},
        {"account add", {runAccountAdd, "create an account"}},
        {"account list", {runAccountList, "list the accounts"}},
        {"account update", {runAccountUpdate, "change an account's role, council or name"}},
        {"account disable", {runAccountDisable, "disable an account and end its sessions"}},
        {"account enable", {runAccountEnable, "enable a disabled account"}},
        {"account passwd", {runAccountPasswd, "set an account's password and end its sessions"}},
    };
    return table;
}

void printUsage(std::ostream& out)
{
    out << "Usage: majlis COMMAND [options]\n\nCommands:\n";
    for (const auto& [name, entry] : commands()) {
        std::string left = "  " + name;
        left.resize(22, ' ');
        out << left << entry.second << '\n';
    }
    out << "\nEvery command takes --data DIR (default ./data) and --help.\n";
}

} // namespace

int main(int argc, char** argv)
{
    // Tesseract's OpenMP threads spin against each other on small machines;
    // one thread per engine with one engine per worker is faster. libgomp
    // reads the limit at load time, so this restarts the program with it set.
    majlis::ocr::limitOpenMpThreads(argv);

    std::vector<std::string> words(argv + 1, argv + argc);

    // The server logs its starts, stops and errors for the operator; the
    // other commands print their own results and log only warnings.
    const char* level = std::getenv("MAJLIS_LOG_LEVEL");
    std::string defaultLevel = "warning";
    if (!words.empty() && words[0] == "serve")
        defaultLevel = "information";
    majlis::configureLogging(level ? level : defaultLevel);
    if (words.empty() || words[0] == "--help" || words[0] == "help") {
        printUsage(words.empty() ? std::cerr : std::cout);
        return words.empty() ? 2 : 0;
    }

    std::string name = words[0];
    std::size_t used = 1;
    if (!commands().contains(name) && words.size() > 1 && commands().contains(name + " " + words[1])) {
        name += " " + words[1];
        used = 2;
    }
    const auto command = commands().find(name);
    if (command == commands().end() && used == 1) {
        // "majlis record" alone, or with --help: list its sub-commands.
        bool group = false;
        for (const auto& [known, entry] : commands())
            group = group || known.starts_with(name + " ");
        if (group) {
            std::ostream& out = words.size() > 1 && words[1] == "--help" ? std::cout : std::cerr;
            out << "Usage: majlis " << name << " SUB-COMMAND [options]\n\nSub-commands:\n";
            for (const auto& [known, entry] : commands())
                if (known.starts_with(name + " ")) {
                    std::string left = "  " + known;
                    left.resize(22, ' ');
                    out << left << entry.second << '\n';
                }
            return &out == &std::cout ? 0 : 2;
        }
    }
    if (command == commands().end()) {
        std::cerr << "majlis: unknown command '" << name << "'; run 'majlis --help' for the list\n";
        return 2;
    }

    try {
        return command->second.first(std::vector<std::string>(words.begin() + used, words.end()));
    } catch (const majlis::Error& error) {
        std::cerr << "majlis " << name << ": " << error.what() << '\n';
        return error.code() == majlis::ErrorCode::invalid_argument ? 2 : 1;
    } catch (const Poco::Exception& error) {
        std::cerr << "majlis " << name << ": " << error.displayText() << '\n';
        return 1;
    } catch (const std::exception& error) {
        std::cerr << "majlis " << name << ": " << error.what() << '\n';
        return 1;
    }
}
