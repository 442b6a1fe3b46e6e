#include "records/RecordStore.h"

#include "core/Error.h"
#include "core/Log.h"
#include "core/Sha256.h"
#include "core/Utf8.h"
#include "records/Clock.h"
#include "records/MediaType.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>

namespace majlis::records {

namespace {

constexpr std::string_view kNextRecordKey = "next_record";
// Key prefix of a register sequence. The value is the last number allocated.
constexpr std::string_view kSequencePrefix = "sequence/";

std::string formatRecordId(std::uint64_t number)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "R%08llu", static_cast<unsigned long long>(number));
    return buffer;
}

Error recordNotFound(const std::string& id)
{
    return Error(ErrorCode::not_found, "error.record_not_found",
        "record '" + id + "' not found; check the id (for example R00000001)", {{"id", id}});
}

void requireLength(std::string_view field, std::string_view value, std::size_t maxBytes)
{
    if (value.size() > maxBytes)
        throw Error(ErrorCode::invalid_argument, "error.too_long",
            std::string(field) + " is longer than " + std::to_string(maxBytes) + " bytes; shorten it",
            {{"field", std::string(field)}, {"limit", std::to_string(maxBytes)}});
}

void requireFieldName(const std::string& name)
{
    const bool valid = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!valid)
        throw Error(ErrorCode::invalid_argument, "error.invalid_field_name",
            "invalid field name '" + name + "'; use 1 to 64 lower-case letters, digits or '_'", {{"field", name}});
}

} // namespace

RecordStore::RecordStore(const std::filesystem::path& dataDirectory, const StoreOptions& options)
    : dataDirectory_(dataDirectory)
    , options_(options)
    , env_(std::make_unique<LmdbEnvironment>(dataDirectory / "db", options.lmdb))
    , blobs_(dataDirectory / "blobs")
    , audit_(0, 0)
    , outbox_(0, 0)
{
    db_.records = env_->openDatabase("records");
    db_.versions = env_->openDatabase("versions");
    db_.audit = env_->openDatabase("audit");
    db_.outbox = env_->openDatabase("outbox");
    db_.meta = env_->openDatabase("meta");
    db_.blobs = env_->openDatabase("blobs");
    db_.texts = env_->openDatabase("texts");
    db_.fileRecords = env_->openDatabase("file_records");
    audit_ = AuditLog(db_.audit, db_.meta);
    outbox_ = Outbox(db_.outbox, db_.meta);
}

std::string RecordStore::versionKey(const std::string& id, std::uint32_t number)
{
    return id + '\0' + encodeBigEndian32(number);
}

FileRef RecordStore::storeFile(const std::filesystem::path& source, std::string_view name)
{
    const std::string cleanName = cleanFileName(name);
    std::ifstream in(source, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::not_found, "error.file_not_found",
            "cannot read file " + source.string() + ": " + std::strerror(errno) + "; check the path",
            {{"path", source.string()}});
    return storeStream(in, cleanName);
}

FileRef RecordStore::storeStream(std::istream& in, std::string_view name)
{
    FileRef file;
    file.name = cleanFileName(name);
    const BlobStore::Stored stored = blobs_.put(in, options_.limits.maxFileSize);
    if (stored.size == 0)
        throw Error(ErrorCode::invalid_argument, "error.empty_file",
            "file '" + file.name + "' is empty; attach the file with its content", {{"name", file.name}});
    file.sha256 = stored.sha256;
    file.size = stored.size;
    file.mediaType = sniffMediaType(blobs_.pathOf(stored.sha256));
    return file;
}

void RecordStore::validate(const RecordVersion& version) const
{
    requireCleanText("title", version.title);
    if (trimWhitespace(version.title).empty())
        throw Error(ErrorCode::invalid_argument, "error.title_required", "the title is empty; give a title");
    requireLength("title", version.title, options_.limits.maxTitleBytes);
    requireCleanText("council", version.council);
    requireLength("council", version.council, 200);
    requireCleanText("reference", version.reference);
    requireLength("reference", version.reference, 200);
    requireCleanText("body", version.body, true);
    requireLength("body", version.body, options_.limits.maxBodyBytes);
    requireCleanText("reason", version.reason, true);
    requireLength("reason", version.reason, 4000);
    requireCleanText("author", version.author);
    // Contact details must never reach a public page, API answer or
    // version history, so no version of such a record may be readable by all.
    if (version.type == RecordType::member_contact && version.access != AccessLevel::confidential)
        throw Error(ErrorCode::invalid_argument, "error.contact_must_be_confidential",
            "a member_contact record must be confidential, not " + std::string(toString(version.access))
                + "; set access to confidential",
            {{"access", std::string(toString(version.access))}});

    if (version.tags.size() > 100)
        throw Error(ErrorCode::invalid_argument, "error.too_many_tags", "more than 100 tags; keep fewer");
    for (const std::string& tag : version.tags) {
        requireCleanText("tag", tag);
        requireLength("tag", tag, 200);
    }
    for (const auto& [name, value] : version.fields) {
        requireFieldName(name);
        if (const auto* text = std::get_if<std::string>(&value)) {
            requireCleanText("field " + name, *text, true);
            requireLength("field " + name, *text, 100000);
        }
    }
    if (version.files.size() > options_.limits.maxFiles)
        throw Error(ErrorCode::invalid_argument, "error.too_many_files",
            "more than " + std::to_string(options_.limits.maxFiles) + " files on one record; split the record",
            {{"limit", std::to_string(options_.limits.maxFiles)}});
    for (const FileRef& file : version.files)
        if (!blobs_.contains(file.sha256))
            throw Error(ErrorCode::invalid_argument, "error.blob_missing",
                "file '" + file.name + "' was not stored before the record; store it first");
}

RecordVersion RecordStore::appendVersion(LmdbTransaction& txn, RecordVersion version, const std::string& action) const
{
    const std::string bytes = toJson(version).dump();
    txn.put(db_.versions, versionKey(version.id, version.version), bytes);

    const nlohmann::json head = {{"current", version.version}, {"type", toString(version.type)},
        {"council", version.council}, {"access", toString(version.access)}};
    txn.put(db_.records, version.id, head.dump());

    for (const FileRef& file : version.files)
    {
        txn.put(db_.blobs, file.sha256, std::to_string(file.size));
        txn.put(db_.fileRecords, file.sha256 + '\0' + version.id, "");
    }

    AuditEntry entry;
    entry.time = version.time;
    entry.actor = version.author;
    entry.action = action;
    entry.record = version.id;
    entry.version = version.version;
    entry.contentSha256 = Sha256::hex(bytes);
    audit_.append(txn, entry);

    // The metadata is searchable at once; extraction queues a second
    // indexing of the record when the files' text is stored.
    outbox_.enqueue(txn, kIndexQueue, version.id, version.version);
    nlohmann::json unread = nlohmann::json::array();
    for (const FileRef& file : version.files)
        if (!txn.get(db_.texts, file.sha256))
            unread.push_back(file.sha256);
    if (!unread.empty())
        outbox_.enqueue(txn, kExtractQueue, version.id, version.version, {{"files", unread}});
    return version;
}

RecordVersion RecordStore::newVersion(const NewRecord& record, const std::string& author, const std::string& reason) const
{
    RecordVersion version;
    version.version = 1;
    version.type = record.type;
    version.council = record.council;
    version.title = record.title;
    version.reference = record.reference;
    version.date = record.date;
    version.access = record.access;
    version.tags = record.tags;
    version.fields = record.fields;
    version.body = record.body;
    version.files = record.files;
    version.author = author;
    version.reason = reason;
    if (record.numbering) {
        const Numbering& numbering = *record.numbering;
        requireCleanText("sequence", numbering.sequence);
        requireLength("sequence", numbering.sequence, 200);
        if (numbering.sequence.empty())
            throw Error(ErrorCode::invalid_argument, "error.sequence_required",
                "a numbered record needs the name of its register sequence");
        requireFieldName(numbering.field);
        // The final values are set in the transaction; validate their shape now.
        version.fields[numbering.field] = std::int64_t(1);
        if (!numbering.referenceFormat.empty())
            version.reference = numbering.referenceFormat;
    }
    validate(version);
    return version;
}

void RecordStore::insertNew(LmdbTransaction& txn, RecordVersion& version, const std::optional<Numbering>& numbering) const
{
    const auto stored = txn.get(db_.meta, kNextRecordKey);
    const std::uint64_t number = stored ? decodeBigEndian64(*stored) : 1;
    txn.put(db_.meta, kNextRecordKey, encodeBigEndian64(number + 1));
    version.id = formatRecordId(number);
    version.time = utcNow();
    if (numbering) {
        const std::string key = std::string(kSequencePrefix) + numbering->sequence;
        const auto last = txn.get(db_.meta, key);
        const std::uint64_t next = last ? decodeBigEndian64(*last) + 1 : 1;
        txn.put(db_.meta, key, encodeBigEndian64(next));
        version.fields[numbering->field] = static_cast<std::int64_t>(next);
        if (!numbering->referenceFormat.empty()) {
            std::string reference = numbering->referenceFormat;
            const std::string placeholder = "{number}";
            for (auto at = reference.find(placeholder); at != std::string::npos; at = reference.find(placeholder, at))
                reference.replace(at, placeholder.size(), std::to_string(next));
            version.reference = reference;
        }
    }
    appendVersion(txn, version, "record.create");
}

RecordVersion RecordStore::create(const NewRecord& record, const std::string& author, const std::string& reason,
    const WriteHook& alsoWrite)
{
    const RecordVersion prepared = newVersion(record, author, reason);
    RecordVersion version;
    env_->write([&](LmdbTransaction& txn) {
        // A retry after MDB_MAP_FULL starts again from the prepared version.
        version = prepared;
        insertNew(txn, version, record.numbering);
        if (alsoWrite)
            alsoWrite(txn, version);
    });
    logger("records").information("created record %s version 1 by %s", version.id, author);
    return version;
}

std::vector<RecordVersion> RecordStore::createAll(const std::vector<NewRecord>& records, const std::string& author,
    const std::string& reason)
{
    std::vector<RecordVersion> versions;
    versions.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        for (const auto& [name, index] : records[i].batchLinks)
            if (index >= i)
                throw Error(ErrorCode::invalid_argument, "error.invalid_batch_link",
                    "field '" + name + "' of batch record " + std::to_string(i) + " links to record "
                        + std::to_string(index) + ", which is not before it; link to an earlier record",
                    {{"field", name}});
        versions.push_back(newVersion(records[i], author, reason));
    }
    env_->write([&](LmdbTransaction& txn) {
        for (std::size_t i = 0; i < versions.size(); ++i) {
            for (const auto& [name, index] : records[i].batchLinks)
                versions[i].fields[name] = versions[index].id;
            insertNew(txn, versions[i], records[i].numbering);
        }
    });
    if (!versions.empty())
        logger("records").information("created records %s to %s by %s", versions.front().id, versions.back().id, author);
    return versions;
}

std::uint64_t RecordStore::nextInSequence(const std::string& sequence) const
{
    std::uint64_t next = 1;
    env_->read([&](LmdbTransaction& txn) {
        if (const auto last = txn.get(db_.meta, std::string(kSequencePrefix) + sequence))
            next = decodeBigEndian64(*last) + 1;
    });
    return next;
}

RecordVersion RecordStore::update(const std::string& id, const RecordChange& change, const std::string& author,
    const WriteHook& alsoWrite)
{
    if (trimWhitespace(change.reason).empty())
        throw Error(ErrorCode::invalid_argument, "error.reason_required",
            "a reason is required for every change; give one (the CLI's --reason, the API's 'reason' field)", {{"id", id}});

    RecordVersion next;
    env_->write([&](LmdbTransaction& txn) {
        const auto previous = readCurrent(txn, id);
        if (!previous)
            throw recordNotFound(id);
        if (change.expectedVersion && *change.expectedVersion != previous->version)
            throw Error(ErrorCode::conflict, "error.version_conflict",
                "record " + id + " is at version " + std::to_string(previous->version) + ", not "
                    + std::to_string(*change.expectedVersion) + "; reload the record and try again",
                {{"id", id}, {"version", std::to_string(previous->version)}});
        next = *previous;
        next.version = previous->version + 1;
        // A contact record stays one, so its earlier versions can never
        // become readable through a change of type and access.
        if (change.type && previous->type == RecordType::member_contact && *change.type != RecordType::member_contact)
            throw Error(ErrorCode::invalid_argument, "error.contact_type_fixed",
                "record " + id + " holds contact details and must stay of type member_contact; create a new record instead",
                {{"id", id}});
        if (change.type) next.type = *change.type;
        if (change.council) next.council = *change.council;
        if (change.title) next.title = *change.title;
        if (change.reference) next.reference = *change.reference;
        if (change.date) next.date = *change.date;
        if (change.access) next.access = *change.access;
        if (change.tags) next.tags = *change.tags;
        if (change.body) next.body = *change.body;
        for (const auto& [name, value] : change.setFields)
            next.fields[name] = value;
        for (const std::string& name : change.removeFields)
            next.fields.erase(name);
        for (const std::string& name : change.removeFiles) {
            const auto before = next.files.size();
            std::erase_if(next.files, [&](const FileRef& file) { return file.name == name; });
            if (next.files.size() == before)
                throw Error(ErrorCode::invalid_argument, "error.file_not_on_record",
                    "record " + id + " has no file named '" + name + "' (names are compared exactly); check the record's file list",
                    {{"id", id}, {"name", name}});
        }
        next.files.insert(next.files.end(), change.addFiles.begin(), change.addFiles.end());
        next.author = author;
        next.time = utcNow();
        next.reason = change.reason;
        validate(next);
        appendVersion(txn, next, "record.update");
        if (alsoWrite)
            alsoWrite(txn, next);
    });
    logger("records").information("stored record %s version %u by %s", id, next.version, author);
    return next;
}

std::optional<RecordVersion> RecordStore::readCurrent(const LmdbTransaction& txn, const std::string& id) const
{
    const auto head = txn.get(db_.records, id);
    if (!head)
        return std::nullopt;
    const auto current = nlohmann::json::parse(*head).at("current").get<std::uint32_t>();
    const auto bytes = txn.get(db_.versions, versionKey(id, current));
    if (!bytes)
        throw Error(ErrorCode::integrity_failure, "error.integrity",
            "record " + id + " names version " + std::to_string(current) + " that is missing; run 'majlis verify'");
    return versionFromJson(nlohmann::json::parse(*bytes));
}

std::optional<RecordVersion> RecordStore::find(const std::string& id) const
{
    std::optional<RecordVersion> found;
    env_->read([&](LmdbTransaction& txn) { found = readCurrent(txn, id); });
    return found;
}

RecordVersion RecordStore::current(const std::string& id) const
{
    auto found = find(id);
    if (!found)
        throw recordNotFound(id);
    return *found;
}

RecordVersion RecordStore::version(const std::string& id, std::uint32_t number) const
{
    std::optional<RecordVersion> found;
    env_->read([&](LmdbTransaction& txn) {
        if (const auto bytes = txn.get(db_.versions, versionKey(id, number)))
            found = versionFromJson(nlohmann::json::parse(*bytes));
    });
    if (!found) {
        if (!this->find(id))
            throw recordNotFound(id);
        throw Error(ErrorCode::not_found, "error.version_not_found",
            "record " + id + " has no version " + std::to_string(number) + "; check the record's version history",
            {{"id", id}, {"version", std::to_string(number)}});
    }
    return *found;
}

std::vector<RecordVersion> RecordStore::history(const std::string& id) const
{
    std::vector<RecordVersion> versions;
    const std::string prefix = id + '\0';
    env_->read([&](LmdbTransaction& txn) {
        txn.scan(db_.versions, prefix, [&](std::string_view key, std::string_view value) {
            if (!key.starts_with(prefix))
                return false;
            versions.push_back(versionFromJson(nlohmann::json::parse(value)));
            return true;
        });
    });
    if (versions.empty())
        throw recordNotFound(id);
    return versions;
}

void RecordStore::forEachRecord(const std::function<bool(const RecordVersion&)>& visit) const
{
    env_->read([&](LmdbTransaction& txn) {
        txn.scan(db_.records, {}, [&](std::string_view key, std::string_view) {
            const auto version = readCurrent(txn, std::string(key));
            return !version || visit(*version);
        });
    });
}

} // namespace majlis::records

namespace majlis::records {

void RecordStore::completeExtraction(const OutboxJob& job, const std::map<std::string, nlohmann::json>& texts)
{
    env_->write([&](LmdbTransaction& txn) {
        for (const auto& [sha256, text] : texts) {
            nlohmann::json stored = text;
            stored["record"] = job.record;
            stored["version"] = job.version;
            txn.put(db_.texts, sha256, stored.dump());
        }
        AuditEntry entry;
        entry.time = utcNow();
        entry.actor = "extraction";
        entry.action = "text.extract";
        entry.record = job.record;
        entry.contentSha256 = Sha256::hex(nlohmann::json(texts).dump());
        audit_.append(txn, entry);

        outbox_.enqueue(txn, kIndexQueue, job.record, job.version);
        outbox_.complete(txn, job);
    });
}

void RecordStore::recordFailedAttempt(const OutboxJob& job, const std::string& error)
{
    env_->write([&](LmdbTransaction& txn) { outbox_.recordAttempt(txn, job, error); });
}

std::optional<nlohmann::json> RecordStore::derivedText(const std::string& sha256) const
{
    std::optional<nlohmann::json> text;
    env_->read([&](LmdbTransaction& txn) {
        if (const auto bytes = txn.get(db_.texts, sha256))
            text = nlohmann::json::parse(*bytes);
    });
    return text;
}

std::vector<OutboxJob> RecordStore::pendingJobs(const std::string& queue, std::size_t limit) const
{
    std::vector<OutboxJob> jobs;
    env_->read([&](LmdbTransaction& txn) { jobs = outbox_.peek(txn, queue, limit); });
    return jobs;
}

std::size_t RecordStore::queueLength(const std::string& queue) const
{
    std::size_t length = 0;
    env_->read([&](LmdbTransaction& txn) { length = outbox_.size(txn, queue); });
    return length;
}

void RecordStore::completeJobs(const std::vector<OutboxJob>& jobs)
{
    env_->write([&](LmdbTransaction& txn) {
        for (const OutboxJob& job : jobs)
            outbox_.complete(txn, job);
    });
}

void RecordStore::enqueue(const std::string& queue, const std::vector<std::string>& ids)
{
    env_->write([&](LmdbTransaction& txn) {
        for (const std::string& id : ids)
            if (const auto version = readCurrent(txn, id))
                outbox_.enqueue(txn, queue, id, version->version);
    });
}

std::uint64_t RecordStore::auditSequence() const
{
    std::uint64_t sequence = 0;
    env_->read([&](LmdbTransaction& txn) {
        if (const auto last = txn.last(db_.audit))
            sequence = decodeBigEndian64(last->first);
    });
    return sequence;
}

std::vector<std::string> RecordStore::recordsChangedAfter(std::uint64_t sequence) const
{
    std::set<std::string> ids;
    env_->read([&](LmdbTransaction& txn) {
        audit_.forEachFrom(txn, sequence + 1, [&](const AuditEntry& entry) {
            if (!entry.record.empty())
                ids.insert(entry.record);
            return true;
        });
    });
    return {ids.begin(), ids.end()};
}

} // namespace majlis::records

namespace majlis::records {

std::vector<std::string> RecordStore::recordsWithFile(const std::string& sha256) const
{
    std::vector<std::string> ids;
    const std::string prefix = sha256 + '\0';
    env_->read([&](LmdbTransaction& txn) {
        txn.scan(db_.fileRecords, prefix, [&](std::string_view key, std::string_view) {
            if (!key.starts_with(prefix))
                return false;
            ids.emplace_back(key.substr(prefix.size()));
            return true;
        });
    });
    return ids;
}

} // namespace majlis::records

namespace majlis::records {

AuditEntry RecordStore::appendAuditEvent(LmdbTransaction& txn, const std::string& actor, const std::string& action,
    const std::string& subject, const std::string& contentSha256, const std::string& reason) const
{
    AuditEntry entry;
    entry.time = utcNow();
    entry.actor = actor;
    entry.action = action;
    entry.subject = subject;
    entry.contentSha256 = contentSha256;
    entry.reason = reason;
    return audit_.append(txn, entry);
}

void RecordStore::forEachAuditEntry(std::uint64_t sequence, const std::function<bool(const AuditEntry&)>& visit) const
{
    env_->read([&](LmdbTransaction& txn) { audit_.forEachFrom(txn, sequence, visit); });
}

} // namespace majlis::records
