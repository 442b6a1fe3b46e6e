#pragma once

#include "affairs/AffairsRecords.h"
#include "affairs/AffairsSnapshot.h"
#include "affairs/Indicators.h"
#include "records/RecordStore.h"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace majlis::affairs {

// The author and reason of a change, stored with the new version it makes.
struct ChangeAuthor {
    std::string author;
    std::string reason;
};

// The council affairs on top of the record store: the councils, terms,
// members, meetings and decisions, their checks, and the indicators. Reads
// take the caller's ReadFilter and return only what it lets through; a
// record it hides is reported as not found. Writes check their input and
// leave the caller's permission to the web layer.
class Affairs {
public:
    explicit Affairs(records::RecordStore& store);

    // Creates the council and term records of the shipped data file whose
    // code has no record yet, in one transaction, and returns how many.
    // Existing records are never changed: after the first start
    // administrators own them.
    std::size_t seed(const std::string& author = "system:reference-data");

    std::shared_ptr<const AffairsSnapshot> snapshot() const { return cache_.current(); }
    records::RecordStore& store() { return store_; }

    // Reads.
    std::vector<Council> councils(const ReadFilter& canRead, const std::optional<std::string>& region = {}) const;
    Council council(const std::string& code, const ReadFilter& canRead) const;
    std::vector<Term> terms(const ReadFilter& canRead) const;
    Term term(const std::string& code, const ReadFilter& canRead) const;
    // The term containing today, else the latest one; throws not_found when there is none.
    Term currentTerm(const ReadFilter& canRead) const;
    // `term` empty: every term.
    std::vector<Member> members(const std::string& council, const std::string& term, const ReadFilter& canRead) const;
    Member member(const std::string& id, const ReadFilter& canRead) const;
    // The confidential contact record of a member, when `canRead` lets it through.
    std::optional<MemberContact> contact(const std::string& memberId, const ReadFilter& canRead) const;
    // The member files linked to a member that `canRead` lets through.
    std::vector<MemberFile> memberFiles(const std::string& memberId, const ReadFilter& canRead) const;
    std::vector<Meeting> meetings(const std::string& council, const ReadFilter& canRead) const;
    Meeting meeting(const std::string& id, const ReadFilter& canRead) const;
    // `hijriYear` 0: every year. Newest first.
    std::vector<Decision> decisions(const std::string& council, int hijriYear, const ReadFilter& canRead) const;
    // The full decision, with its text.
    Decision decision(const std::string& id, const ReadFilter& canRead) const;
    // The minutes and decisions linked to a meeting.
    std::vector<Minutes> minutesOf(const std::string& meetingId, const ReadFilter& canRead) const;
    std::vector<Decision> decisionsOf(const std::string& meetingId, const ReadFilter& canRead) const;

    CouncilIndicators indicators(const std::string& council, const std::string& term, const ReadFilter& canRead) const;
    // The secretariat overview by region. Computing it reads every council,
    // so with a `visibilityKey` (callers with the same key must see the
    // same records, such as "public") the result is kept until the next write.
    std::vector<RegionIndicators> overview(
        const std::string& term, const ReadFilter& canRead, const std::string& visibilityKey = {}) const;

    // Writes. Each checks its input, stores a version and returns the result
    // as stored.
    Council createCouncil(Council council, const ChangeAuthor& by);
    Council updateCouncil(const std::string& code, Council council, const ChangeAuthor& by);
    Term createTerm(Term term, const ChangeAuthor& by);
    Term updateTerm(const std::string& code, Term term, const ChangeAuthor& by);
    // Stores the member and, when given, its contact record in one transaction.
    Member createMember(Member member, const std::optional<MemberContact>& contact, const ChangeAuthor& by);
    Member updateMember(const std::string& id, Member member, const ChangeAuthor& by);
    MemberContact updateContact(const std::string& memberId, MemberContact contact, const ChangeAuthor& by);
    Meeting createMeeting(Meeting meeting, const ChangeAuthor& by);
    Meeting updateMeeting(const std::string& id, Meeting meeting, const ChangeAuthor& by);
    // Sets the attendance of the members given and keeps the others.
    Meeting recordAttendance(const std::string& id, const std::map<std::string, Attendance>& attendance,
        const ChangeAuthor& by);
    Decision createDecision(Decision decision, const ChangeAuthor& by);
    Decision updateDecision(const std::string& id, Decision decision, const ChangeAuthor& by);
    // Moves a decision to `status` as of `on`, keeping the earlier dates.
    Decision changeDecisionStatus(const std::string& id, DecisionStatus status, const CalendarDate& on,
        const ChangeAuthor& by);

    // Checks shared with the demo builder; each throws invalid_argument naming the value.
    void validate(const Council& council) const;
    void validate(const Term& term) const;
    void validate(const Member& member, const AffairsSnapshot& snapshot) const;
    void validate(const MemberContact& contact) const;
    void validate(const Meeting& meeting, const AffairsSnapshot& snapshot) const;
    void validate(const Decision& decision, const AffairsSnapshot& snapshot) const;

private:
    records::RecordVersion storeEdit(const std::string& id, const records::NewRecord& desired, const ChangeAuthor& by);
    records::RecordVersion readable(const std::string& id, records::RecordType type, const ReadFilter& canRead) const;

    records::RecordStore& store_;
    SnapshotCache cache_;

    struct CachedOverview {
        std::uint64_t auditSequence = 0;
        std::vector<RegionIndicators> rows;
    };
    mutable std::mutex overviewMutex_;
    mutable std::map<std::string, CachedOverview> overviews_; // by visibility key and term
};

// Every record readable by anyone: a ReadFilter for tools that see all.
bool readAll(const records::RecordVersion& version);

} // namespace majlis::affairs
