#include "records/Outbox.h"

#include "records/Clock.h"

namespace majlis::records {

namespace {

constexpr std::string_view kSequenceKey = "outbox_sequence";

nlohmann::json jobToJson(const OutboxJob& job)
{
    return {{"queue", job.queue}, {"sequence", job.sequence}, {"record", job.record}, {"version", job.version},
        {"attempts", job.attempts}, {"enqueued", job.enqueued}, {"last_error", job.lastError},
        {"payload", job.payload}};
}

OutboxJob jobFromJson(std::string_view text)
{
    const auto json = nlohmann::json::parse(text);
    OutboxJob job;
    job.queue = json.at("queue").get<std::string>();
    job.sequence = json.at("sequence").get<std::uint64_t>();
    job.record = json.at("record").get<std::string>();
    job.version = json.at("version").get<std::uint32_t>();
    job.attempts = json.at("attempts").get<std::uint32_t>();
    job.enqueued = json.at("enqueued").get<std::string>();
    job.lastError = json.at("last_error").get<std::string>();
    job.payload = json.at("payload");
    return job;
}

} // namespace

// Keys sort by queue, then by sequence, so each queue is one key range.
std::string Outbox::keyOf(const std::string& queue, std::uint64_t sequence)
{
    return queue + '\0' + encodeBigEndian64(sequence);
}

OutboxJob Outbox::enqueue(LmdbTransaction& txn, const std::string& queue, const std::string& record,
    std::uint32_t version, nlohmann::json payload) const
{
    const auto stored = txn.get(meta_, kSequenceKey);
    OutboxJob job;
    job.queue = queue;
    job.sequence = (stored ? decodeBigEndian64(*stored) : 0) + 1;
    job.record = record;
    job.version = version;
    job.enqueued = utcNow();
    job.payload = std::move(payload);

    txn.put(meta_, kSequenceKey, encodeBigEndian64(job.sequence));
    txn.put(jobs_, keyOf(queue, job.sequence), jobToJson(job).dump());
    return job;
}

std::vector<OutboxJob> Outbox::peek(const LmdbTransaction& txn, const std::string& queue, std::size_t limit) const
{
    std::vector<OutboxJob> jobs;
    const std::string prefix = queue + '\0';
    txn.scan(jobs_, prefix, [&](std::string_view key, std::string_view value) {
        if (!key.starts_with(prefix) || jobs.size() >= limit)
            return false;
        jobs.push_back(jobFromJson(value));
        return true;
    });
    return jobs;
}

void Outbox::complete(LmdbTransaction& txn, const OutboxJob& job) const
{
    txn.erase(jobs_, keyOf(job.queue, job.sequence));
}

void Outbox::recordAttempt(LmdbTransaction& txn, const OutboxJob& job, const std::string& error) const
{
    OutboxJob updated = job;
    updated.attempts += 1;
    updated.lastError = error;
    txn.put(jobs_, keyOf(job.queue, job.sequence), jobToJson(updated).dump());
}

std::size_t Outbox::size(const LmdbTransaction& txn, const std::string& queue) const
{
    std::size_t count = 0;
    const std::string prefix = queue + '\0';
    txn.scan(jobs_, prefix, [&](std::string_view key, std::string_view) {
        if (!key.starts_with(prefix))
            return false;
        ++count;
        return true;
    });
    return count;
}

} // namespace majlis::records
