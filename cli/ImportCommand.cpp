#include "cli/Arguments.h"
#include "cli/CommandLineAuthor.h"
#include "cli/Commands.h"
#include "affairs/CouncilCodes.h"

#include "core/Error.h"
#include "pipeline/ExtractionPool.h"
#include "pipeline/ImportManifest.h"
#include "pipeline/Importer.h"
#include "pipeline/IndexFeeder.h"
#include "ocr/OcrCommand.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <unistd.h>

namespace majlis::cli {

namespace {

using Clock = std::chrono::steady_clock;

const CommandSpec kImportSpec = {"import",
    "Stores one record per file (folders are read recursively) and, unless --no-wait is given, returns when "
    "every file's text is stored and searchable. Files that fail are reported; the others are finished.",
    "PATH...", 1, 100000,
    {dataOption(), {"council", "COUNCIL", "council of every record: its code (such as RD-01) or exact name"},
        {"type", "TYPE", "record type of every record (default document)"},
        {"access", "LEVEL", "public, internal or confidential (default internal)"},
        {"manifest", "FILE", "JSON-lines or CSV file with per-file metadata"},
        {"exclude", "PATTERN", "skip files whose name matches, such as '*.gt.txt'", true},
        authorOption("the imported records"), {"json", "", "print a JSON summary"},
        {"no-wait", "", "return once the records are stored, before their text is extracted"}}};

const CommandSpec kOcrSpec = {"ocr", "Prints the text of one PDF or image through the extraction pipeline, storing "
                                     "nothing.",
    "FILE", 0, 1, {{"json", "", "print pages, methods, confidences and review flags as JSON"},
                      {"searchable-pdf", "OUT", "also write OUT, the scan with an invisible text layer"},
                      {"worker", "", "read JSON requests a line on standard input and answer each on standard "
                                     "output with one engine for all, as the server's OCR workers do"}}};

// The state of one imported file once its work has finished.
struct FileOutcome {
    bool done = false;
    bool failed = false;
    std::string error;
    std::size_t pages = 0;
};

FileOutcome outcomeOf(const records::RecordStore& store, const pipeline::ImportedFile& file)
{
    FileOutcome outcome;
    if (!file.error.empty()) {
        outcome.done = outcome.failed = true;
        outcome.error = file.error;
        return outcome;
    }
    outcome.done = true;
    for (const std::string& sha : file.sha256s) {
        const auto text = store.derivedText(sha);
        if (!text) {
            outcome.done = false;
            continue;
        }
        if (text->value("failed", false)) {
            outcome.failed = true;
            outcome.error = text->value("error", std::string("extraction failed"));
        }
        outcome.pages += text->value("pages", nlohmann::json::array()).size();
    }
    return outcome;
}

// Draws "files 12/40  pages 31  2.1 pages/s  about 1m 10s left" on one
// terminal line. The rates count only the files and pages done since the
// wait began (`filesBefore`, `pagesBefore`), not those an earlier run stored.
void drawProgress(std::size_t filesDone, std::size_t files, std::size_t pages, double seconds, std::size_t filesBefore,
    std::size_t pagesBefore)
{
    const double rate = seconds > 0 ? (pages - std::min(pages, pagesBefore)) / seconds : 0;
    const double filesRate = seconds > 0 ? (filesDone - std::min(filesDone, filesBefore)) / seconds : 0;
    const double left = filesRate > 0 ? (files - filesDone) / filesRate : 0;
    const int width = 24;
    const int filled = files ? static_cast<int>(width * filesDone / files) : width;
    std::fprintf(stderr, "\r[%s%s] files %zu/%zu  pages %zu  %.1f pages/min  %s   ", std::string(filled, '#').c_str(),
        std::string(width - filled, '.').c_str(), filesDone, files, pages, rate * 60,
        filesDone < files && filesRate > 0
            ? ("about " + std::to_string(static_cast<int>(left / 60)) + "m " + std::to_string(static_cast<int>(left) % 60)
                  + "s left")
                  .c_str()
            : "");
    std::fflush(stderr);
}

bool allDone(const records::RecordStore& store, const std::vector<pipeline::ImportedFile>& files,
    std::size_t& filesDone, std::size_t& pages)
{
    filesDone = 0;
    pages = 0;
    for (const auto& file : files) {
        const FileOutcome outcome = outcomeOf(store, file);
        filesDone += outcome.done;
        pages += outcome.pages;
    }
    return filesDone == files.size() && store.queueLength(records::kIndexQueue) == 0;
}

// Redraws the import's progress line every half second until destroyed,
// also when the wait ends with an exception, and then ends the line.
class ProgressLine {
public:
    ProgressLine(const records::RecordStore& store, const std::vector<pipeline::ImportedFile>& files)
        : store_(store)
        , files_(files)
        , before_(count())
        , thread_([this] {
            while (!finished_) {
                draw();
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
            }
        })
    {
    }

    ~ProgressLine()
    {
        finished_ = true;
        thread_.join();
        draw();
        std::fputc('\n', stderr);
    }

private:
    // Files and pages done so far.
    std::pair<std::size_t, std::size_t> count() const
    {
        std::size_t done = 0, pages = 0;
        allDone(store_, files_, done, pages);
        return {done, pages};
    }

    void draw() const
    {
        const auto [done, pages] = count();
        drawProgress(done, files_.size(), pages, std::chrono::duration<double>(Clock::now() - start_).count(),
            before_.first, before_.second);
    }

    const records::RecordStore& store_;
    const std::vector<pipeline::ImportedFile>& files_;
    const std::pair<std::size_t, std::size_t> before_; // files and pages an earlier run stored
    const Clock::time_point start_ = Clock::now();
    std::atomic<bool> finished_ = false;
    std::thread thread_;
};

// Extracts and indexes in this process when no server does, or waits for
// the server to, until every imported file is done.
void waitUntilSearchable(records::RecordStore& store, const std::filesystem::path& data,
    const std::vector<pipeline::ImportedFile>& files, bool showProgress)
{
    pipeline::ExtractionPool pool(store, data, {}, {});
    std::optional<ProgressLine> progress;
    if (showProgress)
        progress.emplace(store, files);

    bool reportedDamage = false;
    for (;;) {
        // drain() returns false when another process, a server, holds the
        // extraction lease; that server is also the index's writer.
        const bool serverRuns = !pool.drain();
        if (const auto failure = pool.storeFailure()) {
            // The records and their files are stored and their jobs stay
            // queued; draining again at once would read the same pages again.
            throw Error(failure->code(), failure->messageId(),
                std::string(failure->what())
                    + ". The imported records are kept; run the import again, or start the server, to store their text",
                failure->params());
        }
        try {
            pipeline::drainIndexIfIdle(store, data);
        } catch (const Error& error) {
            // The records are stored; only the derived index is damaged, and
            // its writer rebuilds it. Without a server the user must.
            if (error.code() != ErrorCode::integrity_failure || !serverRuns)
                throw;
            if (!reportedDamage)
                std::cerr << "majlis import: " << error.what() << "; waiting for the server to rebuild it\n";
            reportedDamage = true;
        }
        std::size_t done = 0, pages = 0;
        if (allDone(store, files, done, pages))
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

int report(const records::RecordStore& store, const std::vector<pipeline::ImportedFile>& files, bool json, bool waited,
    double seconds)
{
    nlohmann::json list = nlohmann::json::array();
    std::size_t failed = 0, pages = 0, before = 0;
    for (const auto& file : files) {
        before += file.alreadyImported;
        const FileOutcome outcome = waited ? outcomeOf(store, file) : FileOutcome{true, !file.error.empty(), file.error, 0};
        failed += outcome.failed;
        pages += outcome.pages;
        nlohmann::json entry = {{"file", file.file.string()}, {"status", outcome.failed ? "failed" : "ok"}};
        entry["id"] = file.id.empty() ? nlohmann::json() : nlohmann::json(file.id);
        entry["error"] = outcome.failed ? nlohmann::json(outcome.error) : nlohmann::json();
        if (file.alreadyImported)
            entry["already_imported"] = true;
        if (waited)
            entry["pages"] = outcome.pages;
        list.push_back(entry);
        if (!json && outcome.failed)
            std::cerr << "failed: " << file.file.string() << ": " << outcome.error << '\n';
    }
    if (json)
        std::cout << nlohmann::json{{"records", list}, {"files", files.size()}, {"failed", failed}, {"pages", pages},
                         {"seconds", seconds}}
                         .dump()
                  << '\n';
    else {
        std::cout << "imported " << files.size() - failed << " of " << files.size() << " files (" << pages
                  << " pages) in " << static_cast<int>(seconds) << " s";
        // A repeated import finds the same files in the store and keeps their records.
        if (before == 1)
            std::cout << "; 1 of them was imported before and kept as it was";
        else if (before > 1)
            std::cout << "; " << before << " of them were imported before and kept as they were";
        std::cout << '\n';
    }
    return failed == 0 ? 0 : 1;
}

} // namespace

int runImport(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kImportSpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kImportSpec);
        return 0;
    }
    const auto start = Clock::now();
    const std::filesystem::path data = arguments.valueOr("data", "./data");

    std::optional<pipeline::ImportManifest> manifest;
    std::optional<std::filesystem::path> manifestPath;
    if (const auto path = arguments.value("manifest")) {
        manifestPath = *path;
        manifest = pipeline::ImportManifest::load(*path);
    }
    std::vector<std::filesystem::path> paths(arguments.positional().begin(), arguments.positional().end());
    const auto files = pipeline::collectImportFiles(paths, manifestPath, arguments.all("exclude"));

    pipeline::ImportDefaults defaults;
    defaults.type = arguments.valueOr("type", "document");
    defaults.council = arguments.valueOr("council", "");
    defaults.access = arguments.valueOr("access", "internal");
    defaults.author = arguments.valueOr("author", commandLineAuthor());
    // Options are checked once up front, not once per file.
    records::parseRecordType(defaults.type);
    records::parseAccessLevel(defaults.access);

    records::RecordStore store(data);
    auto councils = std::make_shared<affairs::CouncilResolver>(store);
    defaults.councilCode = [councils](const std::string& text) { return councils->resolve(text); };
    defaults.council = defaults.councilCode(defaults.council);
    const auto imported = pipeline::importFiles(store, files, defaults, manifest ? &*manifest : nullptr);
    const bool wait = !arguments.has("no-wait");
    if (wait)
        waitUntilSearchable(store, data, imported, isatty(STDERR_FILENO) && !arguments.has("json"));
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return report(store, imported, arguments.has("json"), wait, seconds);
}

// Returns the words for ocr::runOcrCommand, in the one spelling it reads,
// from arguments that Arguments::parse has checked as it checks every other
// command's. kOcrSpec takes FILE as optional only because --worker has none.
std::vector<std::string> ocrCommandWords(const Arguments& arguments)
{
    if (arguments.has("worker")) {
        if (!arguments.positional().empty() || arguments.has("json") || arguments.has("searchable-pdf"))
            throw usageError(kOcrSpec, "--worker takes no FILE or other option");
        return {"--worker"};
    }
    if (arguments.positional().empty())
        throw usageError(kOcrSpec, "missing FILE");

    std::vector<std::string> words;
    if (arguments.has("json"))
        words.push_back("--json");
    if (const auto searchablePdf = arguments.value("searchable-pdf")) {
        words.push_back("--searchable-pdf");
        words.push_back(*searchablePdf);
    }
    // ocr::runOcrCommand reads any word starting with "--" as an option, so
    // a relative file name such as "--scan.pdf" (given after "--") gets "./".
    const std::string& file = arguments.positional()[0];
    words.push_back(file.starts_with("--") ? "./" + file : file);
    return words;
}

int runOcr(const std::vector<std::string>& words)
{
    const Arguments arguments = Arguments::parse(kOcrSpec, words);
    if (arguments.helpRequested()) {
        std::cout << usageText(kOcrSpec);
        return 0;
    }
    return ocr::runOcrCommand(ocrCommandWords(arguments), std::cout, std::cerr);
}

} // namespace majlis::cli
