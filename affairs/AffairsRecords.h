#pragma once

#include "core/CalendarDate.h"
#include "records/Record.h"
#include "records/RecordStore.h"

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <type_traits>
#include <string>
#include <string_view>
#include <vector>

// The council affairs as records. Each type below maps to one record type;
// docs/ARCHITECTURE.md ("Council affairs") lists the field names. Links
// between records are fields holding the linked record's id.
namespace majlis::affairs {

enum class Selection { elected, appointed };
enum class MemberRole { chair, deputy_chair, member };
enum class EndReason { resignation, replacement, end_of_term };
enum class MeetingStatus { planned, held, cancelled };
enum class Attendance { present, absent_excused, absent_unexcused };
enum class Vote { in_favour, against, abstain };
enum class DecisionStatus { issued, sent, implemented, objected, cancelled };

std::string_view toString(Selection value);
std::string_view toString(MemberRole value);
std::string_view toString(EndReason value);
std::string_view toString(MeetingStatus value);
std::string_view toString(Attendance value);
std::string_view toString(Vote value);
std::string_view toString(DecisionStatus value);

// Each throws invalid_argument naming the value and listing the accepted ones.
Selection parseSelection(std::string_view text);
MemberRole parseMemberRole(std::string_view text);
EndReason parseEndReason(std::string_view text);
MeetingStatus parseMeetingStatus(std::string_view text);
Attendance parseAttendance(std::string_view text);
Vote parseVote(std::string_view text);
DecisionStatus parseDecisionStatus(std::string_view text);
const std::vector<DecisionStatus>& allDecisionStatuses();

// Prints the names above, for logs and test failures.
template <typename Enum>
    requires std::is_enum_v<Enum> && requires(Enum value) { affairs::toString(value); }
std::ostream& operator<<(std::ostream& out, Enum value)
{
    return out << toString(value);
}

// Limits on the inputs of the affairs records.
inline constexpr std::size_t kMaxNameBytes = 300;
inline constexpr std::size_t kMaxAgendaItems = 50;
inline constexpr std::size_t kMaxAgendaItemBytes = 4000;
inline constexpr std::size_t kMaxCommittees = 20;
inline constexpr std::size_t kMaxCommitteeBytes = 200;
inline constexpr std::size_t kMaxContactBytes = 500;
// The Municipal Councils Law (1435 H, article 12) caps a council at 30 members.
inline constexpr int kMaxSeats = 30;

// The id of the record and the version it was read from; empty for a new one.
struct RecordRef {
    std::string id;
    std::uint32_t version = 0;
    records::AccessLevel access = records::AccessLevel::public_access;
};

struct Council {
    RecordRef record;
    std::string code; // stable ASCII code: region code, "-", two or three digits, such as "RD-01"
    std::string nameAr;
    std::string nameEn;
    std::string region;
    std::string municipality;
    std::string category; // "amana" or a municipality category such as "a", "b", "c"
    int seats = 0;
};

struct Term {
    RecordRef record;
    std::string code; // such as "T4"
    std::string nameAr;
    std::string nameEn;
    CalendarDate startsOn = CalendarDate::fromDaysSinceEpoch(0);
    CalendarDate endsOn = CalendarDate::fromDaysSinceEpoch(0);

    bool contains(const CalendarDate& date) const { return date >= startsOn && date <= endsOn; }
};

// One membership: a person in one council for one term. Public facts only;
// contact details live in a separate confidential MemberContact record.
struct Member {
    RecordRef record;
    std::string council;
    std::string term;
    std::string nameAr;
    std::string nameEn;
    Selection selection = Selection::elected;
    MemberRole role = MemberRole::member;
    std::vector<std::string> committees;
    CalendarDate startsOn = CalendarDate::fromDaysSinceEpoch(0);
    std::optional<CalendarDate> endsOn;
    std::optional<EndReason> endReason;
    std::string replaces; // id of the member this one replaced, if any
};

struct MemberContact {
    RecordRef record; // always confidential
    std::string member; // id of the member record
    std::string council;
    std::string phone;
    std::string email;
    std::string address;
};

struct Meeting {
    RecordRef record;
    std::string council;
    std::string term;
    std::int64_t number = 0; // per council per Hijri year, allocated by the store
    std::string reference;
    std::string title;
    CalendarDate date = CalendarDate::fromDaysSinceEpoch(0);
    MeetingStatus status = MeetingStatus::planned;
    std::vector<std::string> agenda;
    std::map<std::string, Attendance> attendance; // member id to attendance
};

struct StatusChange {
    DecisionStatus status = DecisionStatus::issued;
    CalendarDate on = CalendarDate::fromDaysSinceEpoch(0);
};

struct VoteCount {
    int inFavour = 0;
    int against = 0;
    int abstain = 0;
};

struct Decision {
    RecordRef record;
    std::string council;
    std::string term;
    std::int64_t number = 0; // per council per Hijri year, allocated by the store
    std::string reference;   // "RD-01/1446/12"
    std::string title;
    std::string text;
    CalendarDate date = CalendarDate::fromDaysSinceEpoch(0);
    std::string meeting;          // id of the meeting record, if any
    std::optional<int> agendaItem; // 1-based item of that meeting's agenda
    std::string answers;          // id of the citizen submission it answers, if any
    std::optional<VoteCount> votes;
    std::map<std::string, Vote> memberVotes; // member id to vote, where recorded
    DecisionStatus status = DecisionStatus::issued;
    std::vector<StatusChange> statusHistory; // in status order, one date per status reached

    int hijriYear() const { return date.toHijri().year; }
};

// A citizen submission as the indicators read it.
struct Submission {
    RecordRef record;
    std::string council;
    std::optional<CalendarDate> submittedOn;
    std::optional<CalendarDate> answeredOn;
};

// Minutes of a meeting: typed in the body or attached as scans.
struct Minutes {
    RecordRef record;
    std::string council;
    std::string meeting; // id of the meeting record
    std::string title;
    std::optional<CalendarDate> date;
    std::size_t files = 0;
};

// A document attached to a member (appointment decision, declaration, CV),
// with its own access level.
struct MemberFile {
    RecordRef record;
    std::string council;
    std::string member; // id of the member record
    std::string title;
    std::optional<CalendarDate> date;
    std::size_t files = 0;
};

// The field names of the mapping, shared with the pages and the tests.
namespace field {
inline constexpr const char* code = "code";
inline constexpr const char* nameEn = "name_en";
inline constexpr const char* region = "region";
inline constexpr const char* municipality = "municipality";
inline constexpr const char* category = "category";
inline constexpr const char* seats = "seats";
inline constexpr const char* term = "term";
inline constexpr const char* startsOn = "starts_on";
inline constexpr const char* endsOn = "ends_on";
inline constexpr const char* endReason = "end_reason";
inline constexpr const char* selection = "selection";
inline constexpr const char* role = "role";
inline constexpr const char* committees = "committees";
inline constexpr const char* replaces = "replaces";
inline constexpr const char* member = "member";
inline constexpr const char* phone = "phone";
inline constexpr const char* email = "email";
inline constexpr const char* address = "address";
inline constexpr const char* number = "number";
inline constexpr const char* status = "status";
inline constexpr const char* agendaCount = "agenda_count";
inline constexpr const char* meeting = "meeting";
inline constexpr const char* agendaItem = "agenda_item";
inline constexpr const char* answers = "answers";
inline constexpr const char* hijriYear = "hijri_year";
inline constexpr const char* votesInFavour = "votes_for";
inline constexpr const char* votesAgainst = "votes_against";
inline constexpr const char* votesAbstain = "votes_abstain";
inline constexpr const char* submittedOn = "submitted_on";
inline constexpr const char* answeredOn = "answered_on";
} // namespace field

// Per-item field names: "agenda_3", "attendance_r00000012", "vote_r00000012",
// "status_implemented_on". Record ids are upper case and field names lower
// case, so the id is lower-cased in the name.
std::string agendaField(std::size_t oneBasedIndex);
std::string attendanceField(const std::string& memberId);
std::string voteField(const std::string& memberId);
std::string statusDateField(DecisionStatus status);

// The register sequences: meetings and decisions are numbered per council
// per Hijri year.
std::string meetingSequence(const std::string& council, int hijriYear);
std::string decisionSequence(const std::string& council, int hijriYear);

// Records from the domain types. A numbered type (meeting, decision) gets
// its Numbering, so the store allocates its number and reference.
records::NewRecord toNewRecord(const Council& council);
records::NewRecord toNewRecord(const Term& term);
records::NewRecord toNewRecord(const Member& member);
records::NewRecord toNewRecord(const MemberContact& contact);
records::NewRecord toNewRecord(const Meeting& meeting);
records::NewRecord toNewRecord(const Decision& decision);

// Domain types from records. Each throws invalid_argument when the record
// has another type or lacks a required field.
Council councilFromRecord(const records::RecordVersion& version);
Term termFromRecord(const records::RecordVersion& version);
Member memberFromRecord(const records::RecordVersion& version);
MemberContact contactFromRecord(const records::RecordVersion& version);
Meeting meetingFromRecord(const records::RecordVersion& version);
Decision decisionFromRecord(const records::RecordVersion& version);
Submission submissionFromRecord(const records::RecordVersion& version);
Minutes minutesFromRecord(const records::RecordVersion& version);
MemberFile memberFileFromRecord(const records::RecordVersion& version);

// The change that turns `current` into `desired`: every metadata member and
// field that differs is set, and fields `desired` lacks are removed. Files
// are left alone. Numbering fields keep their stored values.
records::RecordChange changeBetween(const records::RecordVersion& current, const records::NewRecord& desired,
    const std::string& reason);

} // namespace majlis::affairs
