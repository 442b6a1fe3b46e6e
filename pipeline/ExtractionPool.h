#pragma once

#include "core/Error.h"
#include "ocr/ExtractionSupervisor.h"
#include "pipeline/ProcessLease.h"
#include "records/RecordStore.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace majlis::pipeline {

struct ExtractionOptions {
    // One single-threaded Tesseract engine per worker, one worker per core.
    int workers = 0; // 0: the number of cores
    // The program each worker runs as `EXECUTABLE ocr --worker`.
    std::filesystem::path executable;
    ocr::ExtractionLimits limits;
    // A job that crashes or times out this many times is stored as failed.
    std::uint32_t maxAttempts = 2;
};

// Progress of one record's extraction, for the server to report.
struct ExtractionProgress {
    std::size_t filesDone = 0;
    std::size_t filesTotal = 0;
    std::size_t pagesDone = 0;
    // Pages known so far: a PDF's pages count once they were counted, and
    // an image file counts as one page until it has been read.
    std::size_t pagesTotal = 0;
};

// Counters of the OCR worker processes since the pool was made.
struct ExtractionStatistics {
    std::size_t processesStarted = 0;
    std::size_t requests = 0; // page counts, pages and whole files sent to the processes
    std::size_t storeFailures = 0; // jobs whose text could not be stored, each time
};

// Takes the record store's "extract" jobs and turns each file into text.
// Each worker thread keeps one supervised `majlis ocr --worker` child, which
// loads Tesseract once and reads one request after another. A page that
// hangs or eats memory is cut off without harming the server, and a fresh
// child takes the next request. PDF pages are shared out one at a time
// across the workers, also across files and records, so every worker stays
// busy until the last page. Only one process runs extraction at a time (a
// lease on <data>/extract.lock); the others leave the queue to it. A file
// that cannot be read is stored as failed with its reason and never blocks
// the others.
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
    ExtractionStatistics statistics() const;

    // Processes every pending job in the calling thread's workers and
    // returns when the queue is empty. For the CLI when no server runs;
    // returns false at once when another process holds the lease.
    // A job whose text cannot be stored (a full disk) is not retried within
    // the same drain: it stays queued and storeFailure() names the cause.
    bool drain();

    // The last failure to store a job's text since the pool was made or
    // drain() was last called, if any.
    std::optional<Error> storeFailure() const;

private:
    struct JobState;
    struct FileState;
    // One request for a worker: page `page` (1-based) of a PDF, or the whole
    // file when `page` is 0.
    struct Task {
        std::shared_ptr<JobState> job;
        std::size_t file = 0;
        int page = 0;
    };

    void runWorker();
    std::optional<records::OutboxJob> claimJob();
    void plan(ocr::ExtractionSupervisor& supervisor, const records::OutboxJob& job);
    void planFile(ocr::ExtractionSupervisor& supervisor, JobState& job, std::size_t index, std::vector<Task>& tasks,
        const std::shared_ptr<JobState>& owner);
    void runTask(ocr::ExtractionSupervisor& supervisor, const Task& task);
    void recordFailure(JobState& job, FileState& file, const Error& caught);
    void finishJob(JobState& job);
    nlohmann::json assembleFile(FileState& file);
    void storeSearchablePdf(FileState& file, nlohmann::json& json);

    records::RecordStore& store_;
    ExtractionOptions options_;
    std::function<void()> onTextStored_;
    ProcessLease lease_;
    std::filesystem::path executable_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::set<std::uint64_t> claimed_;
    // Jobs whose text could not be stored, by outbox sequence: each is left
    // alone until its time, which doubles with every failure, so a full
    // disk does not make the workers read the same pages again and again.
    struct Deferral {
        int failures = 0;
        std::chrono::steady_clock::time_point until;
    };
    std::map<std::uint64_t, Deferral> deferred_;
    std::optional<Error> storeFailure_;
    std::deque<Task> tasks_;
    std::map<std::string, ExtractionProgress> progress_;
    std::vector<std::thread> threads_;
    bool stopping_ = false;
    bool stopWhenIdle_ = false;
    int busyWorkers_ = 0;
    std::atomic<std::size_t> processesStarted_ = 0;
    std::atomic<std::size_t> requests_ = 0;
    std::atomic<std::size_t> storeFailures_ = 0;
};

// The path of the running program, for starting OCR children.
std::filesystem::path currentExecutable();

} // namespace majlis::pipeline
