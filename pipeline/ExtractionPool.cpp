#include "pipeline/ExtractionPool.h"

#include "core/Error.h"
#include "core/Log.h"
#include "ocr/TextExtractor.h"
#include "records/MediaType.h"

#include <chrono>

namespace majlis::pipeline {

namespace {

constexpr std::size_t kClaimWindow = 64;
constexpr auto kIdlePoll = std::chrono::milliseconds(500);

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

} // namespace

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
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_)
        if (thread.joinable())
            thread.join();
    threads_.clear();
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

bool ExtractionPool::drain()
{
    {
        std::lock_guard lock(mutex_);
        if (!lease_.tryAcquire())
            return false;
        stopWhenIdle_ = true;
    }
    start();
    for (auto& thread : threads_)
        thread.join();
    threads_.clear();
    std::lock_guard lock(mutex_);
    stopWhenIdle_ = false;
    lease_.release();
    return true;
}

std::optional<records::OutboxJob> ExtractionPool::claimJob()
{
    // Called with mutex_ held.
    if (!lease_.held() && !lease_.tryAcquire())
        return std::nullopt;
    for (const auto& job : store_.pendingJobs(records::kExtractQueue, kClaimWindow)) {
        if (claimed_.insert(job.sequence).second)
            return job;
    }
    return std::nullopt;
}

void ExtractionPool::runWorker()
{
    std::unique_lock lock(mutex_);
    while (!stopping_) {
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
        process(*job);
        lock.lock();
        --busyWorkers_;
        claimed_.erase(job->sequence);
        progress_.erase(job->record);
        wake_.notify_all();
    }
    wake_.notify_all();
}

nlohmann::json ExtractionPool::extractFile(const std::string& sha256, const std::string& name)
{
    const auto path = store_.blobs().pathOf(sha256);
    // UTF-8 text needs neither Poppler nor Tesseract, so nothing can hang or
    // blow up: it is read here, without the cost of a child process.
    if (records::sniffMediaType(path) == "text/plain") {
        ocr::TextExtractor reader;
        nlohmann::json json = reader.extract(path, "text/plain");
        json["name"] = name;
        return json;
    }

    // A scan also yields a searchable PDF from the same recognition; it is
    // kept beside the original as a blob of its own.
    const auto searchable = store_.blobs().root() / "tmp" / ("searchable-" + sha256 + ".pdf");
    const ocr::ExtractionSupervisor supervisor(
        executable_, {"ocr", "--json", "--searchable-pdf", searchable.string()}, options_.limits);
    const ocr::DocumentText text = supervisor.extract(path);

    nlohmann::json json = text;
    json["name"] = name;
    if (std::filesystem::exists(searchable)) {
        const std::filesystem::path stem = std::filesystem::path(name).stem();
        const auto pdf = store_.storeFile(searchable, stem.string() + " (searchable).pdf");
        json["searchable_pdf"] = {{"sha256", pdf.sha256}, {"size", pdf.size}, {"name", pdf.name}};
        std::error_code ignored;
        std::filesystem::remove(searchable, ignored);
    }
    return json;
}

void ExtractionPool::process(const records::OutboxJob& job)
{
    std::optional<records::RecordVersion> version;
    try {
        version = store_.version(job.record, job.version);
    } catch (const Error&) {
        // The record is gone or unreadable; nothing remains to extract.
    }
    std::vector<std::string> files;
    for (const auto& sha : job.payload.value("files", nlohmann::json::array()))
        files.push_back(sha.get<std::string>());

    {
        std::lock_guard lock(mutex_);
        progress_[job.record] = {0, files.size()};
    }

    std::map<std::string, nlohmann::json> texts;
    for (const std::string& sha : files) {
        const std::string name = version ? fileNameOf(*version, sha) : sha;
        try {
            texts[sha] = extractFile(sha, name);
        } catch (const Error& caught) {
            // The child read the blob, so its message names the SHA-256;
            // the archivist identifies the file by its name.
            std::string message = caught.what();
            for (auto at = message.find(sha); at != std::string::npos; at = message.find(sha, at + name.size()))
                message.replace(at, sha.size(), name);
            const Error error(caught.code(), caught.messageId(), message, caught.params());
            const bool lastAttempt = job.attempts + 1 >= options_.maxAttempts;
            if (!isPermanent(error) && !lastAttempt) {
                logger("pipeline").warning("extraction of a file of %s failed, will retry: %s", job.record,
                    std::string(error.what()));
                store_.recordFailedAttempt(job, error.what());
                return;
            }
            logger("pipeline").warning("extraction of a file of %s failed: %s", job.record, std::string(error.what()));
            texts[sha] = {{"failed", true}, {"error", error.what()}, {"error_code", std::string(errorCodeName(error.code()))},
                {"name", name}, {"pages", nlohmann::json::array()}};
        }
        std::lock_guard lock(mutex_);
        progress_[job.record].filesDone += 1;
    }

    store_.completeExtraction(job, texts);
    if (onTextStored_)
        onTextStored_();
}

} // namespace majlis::pipeline
