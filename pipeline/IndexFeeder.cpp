#include "pipeline/IndexFeeder.h"

#include "core/Error.h"
#include "core/Log.h"
#include "indexer/IndexSchema.h"
#include "pipeline/Reindexer.h"

#include <chrono>
#include <set>

namespace majlis::pipeline {

namespace {

constexpr std::size_t kBatchSize = 256;

// Appends the text of every extracted page of a file.
void appendDerivedText(const nlohmann::json& text, std::string& body)
{
    if (!text.contains("pages"))
        return;
    for (const auto& page : text.at("pages")) {
        if (!page.contains("text"))
            continue;
        body += "\n";
        body += page.at("text").get<std::string>();
    }
}

// Returns the region of a council code such as "RD-01", or "" for any other
// council name. A code is two capital letters, a hyphen and two or three
// digits, and the affairs library requires its letters to be the region's.
std::string regionOfCouncil(const std::string& council)
{
    if (council.size() < 5 || council.size() > 6 || council[2] != '-')
        return "";
    for (std::size_t i = 0; i < council.size(); ++i) {
        const char c = council[i];
        const bool valid = i < 2 ? (c >= 'A' && c <= 'Z') : i == 2 || (c >= '0' && c <= '9');
        if (!valid)
            return "";
    }
    return council.substr(0, 2);
}

} // namespace

indexer::IndexedRecord toIndexedRecord(const records::RecordStore& store, const records::RecordVersion& version)
{
    indexer::IndexedRecord record;
    record.id = version.id;
    record.version = version.version;
    record.title = version.title;
    record.body = version.body;
    record.reference = version.reference;
    record.council = version.council;
    record.region = regionOfCouncil(version.council);
    record.type = std::string(records::toString(version.type));
    record.access = std::string(records::toString(version.access));
    if (version.date)
        record.date = version.date->daysSinceEpoch();
    record.tags = version.tags;

    for (const records::FileRef& file : version.files)
        if (const auto text = store.derivedText(file.sha256))
            appendDerivedText(*text, record.body);
    return record;
}

IndexFeeder::IndexFeeder(
    records::RecordStore& store, const std::filesystem::path& dataDirectory, bool rebuildDamagedIndex)
    : store_(store)
    , dataDirectory_(dataDirectory)
    , location_(dataDirectory)
    , rebuildDamagedIndex_(rebuildDamagedIndex)
{
}

IndexFeeder::~IndexFeeder()
{
    stop();
}

void IndexFeeder::ensureWriter()
{
    // A rebuild may have switched the generation since the writer opened.
    const std::filesystem::path current = location_.current();
    if (writer_ && writerPath_ == current)
        return;
    writer_.reset();
    writer_ = std::make_unique<indexer::SearchIndex>(current);
    writerPath_ = current;

    // The index is derived, so one written by an older version is rebuilt
    // from the records rather than read with the wrong terms.
    if (const int format = writer_->format(); format != indexer::schema::kIndexFormat) {
        logger("pipeline").warning("the search index has format %d, this version writes %d; rebuilding it", format,
            indexer::schema::kIndexFormat);
        writer_.reset();
        rebuildIndex(store_, dataDirectory_);
        writer_ = std::make_unique<indexer::SearchIndex>(location_.current());
        writerPath_ = location_.current();
    }
}

std::size_t IndexFeeder::applyBatch()
{
    const auto jobs = store_.pendingJobs(records::kIndexQueue, kBatchSize);
    if (jobs.empty())
        return 0;

    std::vector<indexer::IndexedRecord> documents;
    std::vector<std::string> removals;
    std::set<std::string> seen;
    for (const auto& job : jobs) {
        if (!seen.insert(job.record).second)
            continue;
        if (const auto version = store_.find(job.record))
            documents.push_back(toIndexedRecord(store_, *version));
        else
            removals.push_back(job.record);
    }
    try {
        ensureWriter();
        writer_->apply(documents, removals);
    } catch (const Error& error) {
        if (error.code() != ErrorCode::integrity_failure || !rebuildDamagedIndex_)
            throw;
        rebuildDamaged(error);
        writer_->apply(documents, removals);
    }
    store_.completeJobs(jobs);
    return jobs.size();
}

// Replaces the damaged generation with one rebuilt from the records. Readers
// switch to it with the link; the damaged folder is removed by the next swap.
void IndexFeeder::rebuildDamaged(const Error& damage)
{
    const std::filesystem::path damaged = location_.current();
    if (damaged != reportedDamage_) {
        logger("pipeline").error("%s; rebuilding the search index from the records", std::string(damage.what()));
        reportedDamage_ = damaged;
    }
    writer_.reset();
    rebuildIndex(store_, dataDirectory_);
    writerPath_ = location_.current();
    writer_ = std::make_unique<indexer::SearchIndex>(writerPath_);
}

std::size_t IndexFeeder::drain()
{
    std::size_t total = 0;
    while (const std::size_t applied = applyBatch())
        total += applied;
    return total;
}

void IndexFeeder::start(int pollMilliseconds)
{
    stopping_ = false;
    thread_ = std::thread([this, pollMilliseconds] { run(pollMilliseconds); });
}

void IndexFeeder::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
    writer_.reset();
}

void IndexFeeder::notify()
{
    {
        std::lock_guard lock(mutex_);
        notified_ = true;
    }
    wake_.notify_all();
}

void IndexFeeder::run(int pollMilliseconds)
{
    logger("pipeline").information("index writer started");
    bool reportedBusy = false;
    for (;;) {
        try {
            const std::size_t applied = drain();
            if (applied > 0)
                logger("pipeline").debug("indexed %z queued changes", applied);
            reportedBusy = false;
        } catch (const Error& error) {
            // Another process has the writer's lock (a rebuild or an import
            // without a server); its work reaches the index through it.
            writer_.reset();
            if (!reportedBusy)
                logger("pipeline").warning("index update postponed: %s", std::string(error.what()));
            reportedBusy = true;
        } catch (const std::exception& error) {
            writer_.reset();
            logger("pipeline").error("index update failed, retrying: %s", std::string(error.what()));
        }

        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, std::chrono::milliseconds(pollMilliseconds), [this] { return stopping_ || notified_; });
        notified_ = false;
        if (stopping_)
            break;
    }
    logger("pipeline").information("index writer stopped");
}

bool drainIndexIfIdle(records::RecordStore& store, const std::filesystem::path& dataDirectory)
{
    try {
        IndexFeeder feeder(store, dataDirectory);
        feeder.drain();
        return true;
    } catch (const Error& error) {
        if (error.code() == ErrorCode::unavailable)
            return false;
        throw;
    }
}

} // namespace majlis::pipeline
