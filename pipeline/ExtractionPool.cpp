#include "pipeline/ExtractionPool.h"

#include "core/Error.h"
#include "core/Log.h"
#include "ocr/TextExtractor.h"
#include "records/MediaType.h"

#include <algorithm>
#include <chrono>

namespace majlis::pipeline {

namespace {

constexpr std::size_t kClaimWindow = 64;
constexpr auto kIdlePoll = std::chrono::milliseconds(500);
constexpr auto kFirstStoreRetry = std::chrono::seconds(5);
constexpr auto kLastStoreRetry = std::chrono::minutes(5);

std::chrono::steady_clock::duration storeRetryDelay(int failures)
{
    auto delay = std::chrono::duration_cast<std::chrono::steady_clock::duration>(kFirstStoreRetry);
    for (int i = 1; i < failures && delay < kLastStoreRetry; ++i)
        delay *= 2;
    return std::min<std::chrono::steady_clock::duration>(delay, kLastStoreRetry);
}

int defaultWorkers()
{
    const unsigned cores = std::thread::hardware_concurrency();
    return cores == 0 ? 1 : static_cast<int>(cores);
}

// Damaged, encrypted or unsupported files fail the same way every time.
bool isPermanent(const Error& error)
{
    return error.code() == ErrorCode::invalid_argument || error.code() == ErrorCode::unsupported_media_type
        || error.code() == ErrorCode::not_found;
}

std::string fileNameOf(const records::RecordVersion& version, const std::string& sha256)
{
    for (const auto& file : version.files)
        if (file.sha256 == sha256)
            return file.name;
    return sha256;
}

// The child read the blob, so its messages name the SHA-256; the archivist
// identifies the file by its name.
Error renamed(const Error& caught, const std::string& sha256, const std::string& name)
{
    std::string message = caught.what();
    for (auto at = message.find(sha256); at != std::string::npos; at = message.find(sha256, at + name.size()))
        message.replace(at, sha256.size(), name);
    return Error(caught.code(), caught.messageId(), message, caught.params());
}

// The stored text of a file that could not be read.
// The stored text of a file that could not be read. The message id and
// parameters let the pages and the API show the reason in each language.
nlohmann::json failedText(const Error& error, const std::string& name)
{
    nlohmann::json params = error.params();
    params["file"] = name;
    return {{"failed", true}, {"error", error.what()}, {"error_code", std::string(errorCodeName(error.code()))},
        {"error_id", error.messageId()}, {"error_params", params}, {"name", name},
        {"pages", nlohmann::json::array()}};
}

// Returns what `read` takes from a worker's response, and throws a
// majlis::Error naming the file when the response lacks it.
template <typename Read>
auto readResponse(const std::string& name, Read read)
{
    try {
        return read();
    } catch (const nlohmann::json::exception& error) {
        throw Error(ErrorCode::internal, "ocr.child_failed",
            "Text extraction of " + name + " returned an invalid response: " + error.what(), {{"file", name}});
    }
}

void removeQuietly(const std::filesystem::path& path)
{
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
}

} // namespace

// One file of a claimed job while its pages are read. A PDF is read page by
// page; any other file in one request (page 0).
struct ExtractionPool::FileState {
    std::string sha256;
    std::string name;
    std::filesystem::path path;
    std::filesystem::path searchablePdf;
    int pageCount = 0; // 0 for a file read in one request
    int openErrors = 0;
    std::vector<std::optional<nlohmann::json>> pages;
    std::vector<std::filesystem::path> pagePdfs; // empty where a page wrote none
    std::optional<nlohmann::json> whole;
    std::optional<nlohmann::json> result; // set when the file failed or was read in process
    std::size_t tasksLeft = 0;
};

// A claimed outbox job and its files. Guarded by the pool's mutex_.
struct ExtractionPool::JobState {
    records::OutboxJob job;
    std::optional<records::RecordVersion> version;
    std::vector<FileState> files;
    std::size_t tasksLeft = 0;
    std::optional<std::string> retryError; // a failure that retries the whole job later
};

std::filesystem::path currentExecutable()
{
    return std::filesystem::read_symlink("/proc/self/exe");
}

ExtractionPool::ExtractionPool(records::RecordStore& store, const std::filesystem::path& dataDirectory,
    ExtractionOptions options, std::function<void()> onTextStored)
    : store_(store)
    , options_(std::move(options))
    , onTextStored_(std::move(onTextStored))
    , lease_(dataDirectory / "extract.lock")
    , executable_(options_.executable.empty() ? currentExecutable() : options_.executable)
{
    if (options_.workers <= 0)
        options_.workers = defaultWorkers();
}

ExtractionPool::~ExtractionPool()
{
    stop();
}

void ExtractionPool::start()
{
    std::lock_guard lock(mutex_);
    stopping_ = false;
    for (int i = 0; i < options_.workers; ++i)
        threads_.emplace_back([this] { runWorker(); });
    logger("pipeline").information("started %d extraction workers", options_.workers);
}

void ExtractionPool::stop()
{
    // The caller that takes the threads out of threads_ joins them, so
    // stop() from another thread during drain() only signals the workers to end.
    std::vector<std::thread> running;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        running.swap(threads_);
    }
    wake_.notify_all();
    for (auto& thread : running)
        thread.join();
}

void ExtractionPool::notify()
{
    wake_.notify_all();
}

bool ExtractionPool::holdsLease() const
{
    std::lock_guard lock(mutex_);
    return lease_.held();
}

std::map<std::string, ExtractionProgress> ExtractionPool::progress() const
{
    std::lock_guard lock(mutex_);
    return progress_;
}

ExtractionStatistics ExtractionPool::statistics() const
{
    return {processesStarted_.load(), requests_.load(), storeFailures_.load()};
}

bool ExtractionPool::drain()
{
    {
        std::lock_guard lock(mutex_);
        if (!lease_.tryAcquire())
            return false;
        stopWhenIdle_ = true;
        storeFailure_.reset();
    }
    start();
    std::vector<std::thread> running;
    {
        std::lock_guard lock(mutex_);
        running.swap(threads_);
    }
    for (auto& thread : running)
        thread.join();
    std::lock_guard lock(mutex_);
    stopWhenIdle_ = false;
    lease_.release();
    return true;
}

std::optional<Error> ExtractionPool::storeFailure() const
{
    std::lock_guard lock(mutex_);
    return storeFailure_;
}

std::optional<records::OutboxJob> ExtractionPool::claimJob()
{
    // Called with mutex_ held.
    if (!lease_.held() && !lease_.tryAcquire())
        return std::nullopt;
    const auto now = std::chrono::steady_clock::now();
    for (const auto& job : store_.pendingJobs(records::kExtractQueue, kClaimWindow)) {
        if (const auto deferral = deferred_.find(job.sequence); deferral != deferred_.end()) {
            // A drain leaves it to the next run, which the caller reports.
            if (stopWhenIdle_ || now < deferral->second.until)
                continue;
        }
        if (claimed_.insert(job.sequence).second)
            return job;
    }
    return std::nullopt;
}

void ExtractionPool::runWorker()
{
    ocr::ExtractionSupervisor supervisor(executable_, {"ocr", "--worker"}, options_.limits);
    std::size_t processesSeen = 0;
    const auto count = [&] {
        processesStarted_ += supervisor.childrenStarted() - processesSeen;
        processesSeen = supervisor.childrenStarted();
    };

    std::unique_lock lock(mutex_);
    while (!stopping_) {
        // Pages of jobs already claimed go first, so records finish in order.
        if (!tasks_.empty()) {
            const Task task = std::move(tasks_.front());
            tasks_.pop_front();
            ++busyWorkers_;
            lock.unlock();
            runTask(supervisor, task);
            count();
            lock.lock();
            --busyWorkers_;
            wake_.notify_all();
            continue;
        }

        std::optional<records::OutboxJob> job;
        try {
            job = claimJob();
        } catch (const std::exception& error) {
            logger("pipeline").error("cannot read the extraction queue: %s", std::string(error.what()));
        }
        if (!job) {
            if (stopWhenIdle_ && busyWorkers_ == 0)
                break;
            wake_.wait_for(lock, kIdlePoll);
            continue;
        }

        ++busyWorkers_;
        lock.unlock();
        plan(supervisor, *job);
        count();
        lock.lock();
        --busyWorkers_;
        wake_.notify_all();
    }
    wake_.notify_all();
}

void ExtractionPool::plan(ocr::ExtractionSupervisor& supervisor, const records::OutboxJob& job)
{
    auto state = std::make_shared<JobState>();
    state->job = job;
    try {
        state->version = store_.version(job.record, job.version);
    } catch (const Error&) {
        // The record is gone or unreadable; nothing remains to extract.
    }
    for (const auto& sha : job.payload.value("files", nlohmann::json::array())) {
        FileState file;
        file.sha256 = sha.get<std::string>();
        file.name = state->version ? fileNameOf(*state->version, file.sha256) : file.sha256;
        file.path = store_.blobs().pathOf(file.sha256);
        state->files.push_back(std::move(file));
    }
    {
        std::lock_guard lock(mutex_);
        progress_[job.record] = {0, state->files.size(), 0, 0};
    }

    std::vector<Task> tasks;
    for (std::size_t i = 0; i < state->files.size(); ++i) {
        planFile(supervisor, *state, i, tasks, state);
        std::lock_guard lock(mutex_);
        if (state->retryError)
            break;
    }

    bool finished = false;
    {
        std::lock_guard lock(mutex_);
        if (state->retryError)
            tasks.clear();
        state->tasksLeft = tasks.size();
        finished = tasks.empty();
        for (auto& task : tasks)
            tasks_.push_back(std::move(task));
    }
    wake_.notify_all();
    if (finished)
        finishJob(*state);
}

void ExtractionPool::planFile(ocr::ExtractionSupervisor& supervisor, JobState& job, std::size_t index,
    std::vector<Task>& tasks, const std::shared_ptr<JobState>& owner)
{
    FileState& file = job.files[index];
    const auto finishedInProcess = [&](nlohmann::json result) {
        std::lock_guard lock(mutex_);
        file.result = std::move(result);
        auto& progress = progress_[job.job.record];
        progress.filesDone += 1;
        progress.pagesDone += 1;
        progress.pagesTotal += 1;
    };

    try {
        const std::string mediaType = records::sniffMediaType(file.path);
        // UTF-8 text needs neither Poppler nor Tesseract, so nothing can hang
        // or blow up: it is read here, without a request to a child.
        if (mediaType == "text/plain") {
            ocr::TextExtractor reader;
            nlohmann::json json = reader.extract(file.path, "text/plain");
            json["name"] = file.name;
            finishedInProcess(std::move(json));
            return;
        }

        // A scan also yields a searchable PDF from the same recognition; it
        // is kept beside the original as a blob of its own.
        file.searchablePdf = store_.blobs().root() / "tmp" / ("searchable-" + file.sha256 + ".pdf");
        if (mediaType == "application/pdf") {
            ++requests_;
            const auto counted = supervisor.request({{"file", file.path.string()}, {"count_pages", true}});
            file.pageCount = readResponse(file.name, [&] { return counted.at("page_count").get<int>(); });
            file.openErrors = readResponse(file.name, [&] { return counted.value("repaired_errors", 0); });
        }
    } catch (const Error& error) {
        std::lock_guard lock(mutex_);
        recordFailure(job, file, error);
        if (file.result)
            progress_[job.job.record].filesDone += 1;
        return;
    }

    const int requestCount = std::max(file.pageCount, 1);
    file.pages.resize(static_cast<std::size_t>(file.pageCount));
    file.pagePdfs.resize(static_cast<std::size_t>(file.pageCount));
    file.tasksLeft = static_cast<std::size_t>(requestCount);
    for (int page = file.pageCount > 0 ? 1 : 0; page <= file.pageCount; ++page)
        tasks.push_back({owner, index, page});
    std::lock_guard lock(mutex_);
    progress_[job.job.record].pagesTotal += static_cast<std::size_t>(requestCount);
}

void ExtractionPool::runTask(ocr::ExtractionSupervisor& supervisor, const Task& task)
{
    JobState& job = *task.job;
    FileState& file = job.files[task.file];
    bool skip = false;
    {
        std::lock_guard lock(mutex_);
        skip = job.retryError.has_value() || file.result.has_value();
    }

    if (!skip) {
        nlohmann::json request = {{"file", file.path.string()}};
        std::filesystem::path pagePdf = file.searchablePdf;
        if (task.page > 0) {
            request["page"] = task.page;
            pagePdf = file.searchablePdf.string() + ".p" + std::to_string(task.page) + ".pdf";
        }
        request["searchable_pdf"] = pagePdf.string();
        try {
            ++requests_;
            nlohmann::json response = supervisor.request(request);
            // A response that finishJob could not read would keep the job
            // queued for ever, so it fails the file here.
            const bool written = readResponse(file.name, [&] {
                const auto document = response.get<ocr::DocumentText>();
                if (task.page > 0 && document.pages.size() != 1) {
                    throw Error(ErrorCode::internal, "ocr.child_failed",
                        "Text extraction of " + file.name + " returned " + std::to_string(document.pages.size())
                            + " pages for page " + std::to_string(task.page),
                        {{"file", file.name}});
                }
                return response.value("searchable_pdf_written", false);
            });
            std::lock_guard lock(mutex_);
            if (task.page > 0) {
                file.pages[task.page - 1] = std::move(response);
                if (written)
                    file.pagePdfs[task.page - 1] = pagePdf;
            } else {
                file.whole = std::move(response);
            }
        } catch (const Error& error) {
            removeQuietly(pagePdf);
            std::lock_guard lock(mutex_);
            recordFailure(job, file, error);
        }
    }

    bool jobDone = false;
    {
        std::lock_guard lock(mutex_);
        auto& progress = progress_[job.job.record];
        progress.pagesDone += 1;
        if (task.page == 0 && file.whole) {
            const std::size_t pages = file.whole->value("pages", nlohmann::json::array()).size();
            progress.pagesDone += pages > 0 ? pages - 1 : 0;
            progress.pagesTotal += pages > 0 ? pages - 1 : 0;
        }
        if (--file.tasksLeft == 0)
            progress.filesDone += 1;
        jobDone = --job.tasksLeft == 0;
    }
    if (jobDone)
        finishJob(job);
}

void ExtractionPool::recordFailure(JobState& job, FileState& file, const Error& caught)
{
    // Called with mutex_ held.
    const Error error = renamed(caught, file.sha256, file.name);
    const bool lastAttempt = job.job.attempts + 1 >= options_.maxAttempts;
    if (!isPermanent(error) && !lastAttempt) {
        if (!job.retryError) {
            logger("pipeline").warning("extraction of a file of %s failed, will retry: %s", job.job.record,
                std::string(error.what()));
            job.retryError = error.what();
        }
        return;
    }
    if (file.result)
        return;
    logger("pipeline").warning("extraction of a file of %s failed: %s", job.job.record, std::string(error.what()));
    file.result = failedText(error, file.name);
}

nlohmann::json ExtractionPool::assembleFile(FileState& file)
{
    if (file.result)
        return *file.result;

    nlohmann::json json;
    if (file.pageCount == 0) {
        json = std::move(*file.whole);
        json.erase("searchable_pdf_written");
    } else {
        // Poppler reports the errors of opening the document again with
        // each page, so they are counted once.
        ocr::DocumentText document;
        int errors = file.openErrors;
        for (const auto& page : file.pages) {
            document.pages.push_back(page->at("pages").at(0).get<ocr::PageText>());
            errors += std::max(0, page->value("repaired_errors", 0) - file.openErrors);
        }
        try {
            ocr::TextExtractor::flagDamagedPdf(document, file.path, errors);
        } catch (const Error& error) {
            return failedText(renamed(error, file.sha256, file.name), file.name);
        }
        json = document;
    }
    json["name"] = file.name;
    storeSearchablePdf(file, json);
    return json;
}

void ExtractionPool::storeSearchablePdf(FileState& file, nlohmann::json& json)
{
    // A PDF gets a searchable copy only when every page was read by OCR.
    if (file.pageCount > 0) {
        const bool everyPage = std::all_of(
            file.pagePdfs.begin(), file.pagePdfs.end(), [](const std::filesystem::path& pdf) { return !pdf.empty(); });
        if (!everyPage)
            return;
        try {
            if (file.pagePdfs.size() == 1)
                std::filesystem::rename(file.pagePdfs[0], file.searchablePdf);
            else
                ocr::joinPdfPages(file.pagePdfs, file.searchablePdf, options_.limits);
        } catch (const std::exception& error) {
            logger("pipeline").warning("the searchable PDF of %s was not kept: %s", file.name, std::string(error.what()));
            return;
        }
    }
    if (!std::filesystem::exists(file.searchablePdf))
        return;

    const std::filesystem::path stem = std::filesystem::path(file.name).stem();
    const auto pdf = store_.storeFile(file.searchablePdf, stem.string() + " (searchable).pdf");
    json["searchable_pdf"] = {{"sha256", pdf.sha256}, {"size", pdf.size}, {"name", pdf.name}};
}

void ExtractionPool::finishJob(JobState& job)
{
    // Every task of the job has run, so no other thread touches it now.
    bool stored = false;
    try {
        if (job.retryError) {
            store_.recordFailedAttempt(job.job, *job.retryError);
        } else {
            std::map<std::string, nlohmann::json> texts;
            for (auto& file : job.files)
                texts[file.sha256] = assembleFile(file);
            store_.completeExtraction(job.job, texts);
        }
        stored = true;
    } catch (const std::exception& error) {
        // The job stays queued, and is claimed again only after a delay.
        const auto* caught = dynamic_cast<const Error*>(&error);
        std::lock_guard lock(mutex_);
        Deferral& deferral = deferred_[job.job.sequence];
        deferral.failures += 1;
        ++storeFailures_;
        const auto delay = storeRetryDelay(deferral.failures);
        deferral.until = std::chrono::steady_clock::now() + delay;
        storeFailure_ = caught ? *caught : Error(ErrorCode::internal, "error.internal", error.what());
        logger("pipeline").error("cannot store the text of %s (attempt %d), next try in %d s: %s", job.job.record,
            deferral.failures, static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(delay).count()),
            std::string(error.what()));
    }
    for (const auto& file : job.files) {
        for (const auto& pdf : file.pagePdfs)
            if (!pdf.empty())
                removeQuietly(pdf);
        if (!file.searchablePdf.empty())
            removeQuietly(file.searchablePdf);
    }

    {
        std::lock_guard lock(mutex_);
        if (stored)
            deferred_.erase(job.job.sequence);
        claimed_.erase(job.job.sequence);
        progress_.erase(job.job.record);
    }
    wake_.notify_all();
    if (stored && !job.retryError && onTextStored_)
        onTextStored_();
}

} // namespace majlis::pipeline
