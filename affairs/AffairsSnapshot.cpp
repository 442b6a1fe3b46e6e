#include "affairs/AffairsSnapshot.h"

#include "core/Error.h"
#include "core/Log.h"

namespace majlis::affairs {

namespace {

using records::RecordType;

// Past this many changed records a full read is cheaper than one lookup each.
constexpr std::size_t kMaxIncrementalChanges = 20000;

std::optional<AffairsSnapshot::Item> itemOf(const records::RecordVersion& version)
{
    switch (version.type) {
    case RecordType::council:
        return councilFromRecord(version);
    case RecordType::term:
        return termFromRecord(version);
    case RecordType::member:
        return memberFromRecord(version);
    case RecordType::meeting:
        return meetingFromRecord(version);
    case RecordType::decision: {
        Decision decision = decisionFromRecord(version);
        decision.text.clear();
        return decision;
    }
    case RecordType::citizen_submission:
        return submissionFromRecord(version);
    case RecordType::minutes:
        return minutesFromRecord(version);
    case RecordType::member_file:
        return memberFileFromRecord(version);
    default:
        return std::nullopt;
    }
}

} // namespace

const Council* AffairsSnapshot::findCouncil(const std::string& code) const
{
    const auto id = councilIds.find(code);
    return id == councilIds.end() ? nullptr : std::get_if<Council>(&entries.at(id->second).item);
}

const Term* AffairsSnapshot::findTerm(const std::string& code) const
{
    const auto id = termIds.find(code);
    return id == termIds.end() ? nullptr : std::get_if<Term>(&entries.at(id->second).item);
}

void AffairsSnapshot::apply(const records::RecordVersion& version)
{
    if (version.type == RecordType::member_contact) {
        if (const auto member = version.fields.find(field::member); member != version.fields.end())
            if (const auto* id = std::get_if<std::string>(&member->second))
                contactIds[*id] = version.id;
        return;
    }
    if (const auto old = entries.find(version.id); old != entries.end()) {
        byCouncil[old->second.header.council].erase(version.id);
        if (const auto* council = std::get_if<Council>(&old->second.item))
            councilIds.erase(council->code);
        if (const auto* term = std::get_if<Term>(&old->second.item))
            termIds.erase(term->code);
        entries.erase(old);
    }

    std::optional<Item> item;
    try {
        item = itemOf(version);
    } catch (const Error& error) {
        // A record edited by hand through the record API may lack a field
        // the mapping needs. It stays a plain record and is left out here.
        logger("affairs").warning("record %s left out of council affairs: %s", version.id, std::string(error.what()));
        return;
    }
    if (!item)
        return;

    records::RecordVersion header = version;
    header.fields.clear();
    header.body.clear();
    header.files.clear();
    if (const auto* council = std::get_if<Council>(&*item))
        councilIds[council->code] = version.id;
    if (const auto* term = std::get_if<Term>(&*item))
        termIds[term->code] = version.id;
    byCouncil[version.council].insert(version.id);
    entries.emplace(version.id, Entry{std::move(header), std::move(*item)});
}

SnapshotCache::SnapshotCache(const records::RecordStore& store)
    : store_(store)
{
}

std::shared_ptr<const AffairsSnapshot> SnapshotCache::current() const
{
    std::lock_guard lock(mutex_);
    const std::uint64_t sequence = store_.auditSequence();
    if (snapshot_ && snapshot_->auditSequence == sequence)
        return snapshot_;

    std::vector<std::string> changed;
    if (snapshot_)
        changed = store_.recordsChangedAfter(snapshot_->auditSequence);

    auto next = std::make_shared<AffairsSnapshot>();
    if (snapshot_ && changed.size() <= kMaxIncrementalChanges) {
        *next = *snapshot_;
        for (const std::string& id : changed)
            if (const auto version = store_.find(id))
                next->apply(*version);
    } else {
        store_.forEachRecord([&](const records::RecordVersion& version) {
            next->apply(version);
            return true;
        });
    }
    // Records written while this ran are read again next time, because the
    // sequence is the one from before the reads.
    next->auditSequence = sequence;
    snapshot_ = std::move(next);
    return snapshot_;
}

} // namespace majlis::affairs
