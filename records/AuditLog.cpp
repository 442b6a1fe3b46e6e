#include "records/AuditLog.h"

#include "core/Sha256.h"

namespace majlis::records {

namespace {
constexpr std::string_view kHeadKey = "audit_head";
}

nlohmann::json AuditLog::toJson(const AuditEntry& entry)
{
    nlohmann::json json = {
        {"sequence", entry.sequence},
        {"time", entry.time},
        {"actor", entry.actor},
        {"action", entry.action},
        {"record", entry.record},
        {"version", entry.version},
        {"content_sha256", entry.contentSha256},
        {"previous", entry.previous},
        {"hash", entry.hash},
    };
    if (!entry.subject.empty())
        json["subject"] = entry.subject;
    if (!entry.reason.empty())
        json["reason"] = entry.reason;
    return json;
}

AuditEntry AuditLog::fromJson(const nlohmann::json& json)
{
    AuditEntry entry;
    entry.sequence = json.at("sequence").get<std::uint64_t>();
    entry.time = json.at("time").get<std::string>();
    entry.actor = json.at("actor").get<std::string>();
    entry.action = json.at("action").get<std::string>();
    entry.record = json.at("record").get<std::string>();
    entry.version = json.at("version").get<std::uint32_t>();
    entry.contentSha256 = json.at("content_sha256").get<std::string>();
    entry.previous = json.at("previous").get<std::string>();
    entry.hash = json.at("hash").get<std::string>();
    entry.subject = json.value("subject", std::string());
    entry.reason = json.value("reason", std::string());
    return entry;
}

std::string AuditLog::computeHash(const AuditEntry& entry)
{
    nlohmann::json canonical = toJson(entry);
    canonical.erase("hash");
    // nlohmann::json keeps object keys sorted, so dump() is canonical.
    return Sha256::hex(canonical.dump());
}

AuditEntry AuditLog::append(LmdbTransaction& txn, AuditEntry entry) const
{
    const auto last = txn.last(entries_);
    entry.sequence = last ? decodeBigEndian64(last->first) + 1 : 1;
    entry.previous = headHash(txn);
    entry.hash = computeHash(entry);

    txn.put(entries_, encodeBigEndian64(entry.sequence), toJson(entry).dump());
    txn.put(meta_, kHeadKey, entry.hash);
    return entry;
}

void AuditLog::forEach(const LmdbTransaction& txn, const std::function<bool(const AuditEntry&)>& visit) const
{
    txn.scan(entries_, {}, [&](std::string_view, std::string_view value) {
        return visit(fromJson(nlohmann::json::parse(value)));
    });
}

void AuditLog::forEachFrom(const LmdbTransaction& txn, std::uint64_t sequence,
    const std::function<bool(const AuditEntry&)>& visit) const
{
    txn.scan(entries_, encodeBigEndian64(sequence), [&](std::string_view, std::string_view value) {
        return visit(fromJson(nlohmann::json::parse(value)));
    });
}

std::string AuditLog::headHash(const LmdbTransaction& txn) const
{
    const auto head = txn.get(meta_, kHeadKey);
    return head ? std::string(*head) : std::string(kGenesisHash);
}

} // namespace majlis::records
