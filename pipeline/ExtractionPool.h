#pragma once

#include "ocr/ExtractionSupervisor.h"
#include "pipeline/ProcessLease.h"
#include "records/RecordStore.h"

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace majlis::pipeline {

struct ExtractionOptions {
    // One single-threaded Tesseract engine per worker, one worker per core.
    int workers = 0; // 0: the number of cores
    // The program run for each file as `EXECUTABLE ocr --json FILE`.
    std::filesystem::path executable;
    ocr::ExtractionLimits limits;
    // A job that crashes or times out this many times is stored as failed.
    std::uint32_t maxAttempts = 2;
};

// Progress of one record's extraction, for the server to report.
struct ExtractionProgress {
    std::size_t filesDone = 0;
    std::size_t filesTotal = 0;
};

// Takes the record store's "extract" jobs and turns each file into text in
// a supervised child process, so a page that hangs or eats memory is cut
// off without harming the server. Only one process runs extraction at a
// time (a lease on <data>/extract.lock); the others leave the queue to it.
// A file that cannot be read is stored as failed with its reason and never
// blocks the others.
class ExtractionPool {
public:
    ExtractionPool(records::RecordStore& store, const std::filesystem::path& dataDirectory,
        ExtractionOptions options, std::function<void()> onTextStored);
    ~ExtractionPool();

    // Starts the workers; they wait for the lease while another process holds it.
    void start();
    void stop();
    void notify();

    bool holdsLease() const;
    std::map<std::string, ExtractionProgress> progress() const;

    // Processes every pending job in the calling thread's workers and
    // returns when the queue is empty. For the CLI when no server runs;
    // returns false at once when another process holds the lease.
    bool drain();

private:
    void runWorker();
    std::optional<records::OutboxJob> claimJob();
    void process(const records::OutboxJob& job);
    nlohmann::json extractFile(const std::string& sha256, const std::string& name);

    records::RecordStore& store_;
    ExtractionOptions options_;
    std::function<void()> onTextStored_;
    ProcessLease lease_;
    std::filesystem::path executable_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::set<std::uint64_t> claimed_;
    std::map<std::string, ExtractionProgress> progress_;
    std::vector<std::thread> threads_;
    bool stopping_ = false;
    bool stopWhenIdle_ = false;
    int busyWorkers_ = 0;
};

// The path of the running program, for starting OCR children.
std::filesystem::path currentExecutable();

} // namespace majlis::pipeline
