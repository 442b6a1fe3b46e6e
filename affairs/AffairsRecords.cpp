#include "affairs/AffairsRecords.h"

#include "core/Error.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace majlis::affairs {

namespace {

using records::FieldValue;
using records::NewRecord;
using records::RecordType;
using records::RecordVersion;

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

constexpr NameTable<Selection, 2> kSelections = {{{Selection::elected, "elected"}, {Selection::appointed, "appointed"}}};
constexpr NameTable<MemberRole, 3> kRoles
    = {{{MemberRole::chair, "chair"}, {MemberRole::deputy_chair, "deputy_chair"}, {MemberRole::member, "member"}}};
constexpr NameTable<EndReason, 3> kEndReasons = {{{EndReason::resignation, "resignation"},
    {EndReason::replacement, "replacement"}, {EndReason::end_of_term, "end_of_term"}}};
constexpr NameTable<MeetingStatus, 3> kMeetingStatuses = {
    {{MeetingStatus::planned, "planned"}, {MeetingStatus::held, "held"}, {MeetingStatus::cancelled, "cancelled"}}};
constexpr NameTable<Attendance, 3> kAttendances = {{{Attendance::present, "present"},
    {Attendance::absent_excused, "absent_excused"}, {Attendance::absent_unexcused, "absent_unexcused"}}};
constexpr NameTable<Vote, 3> kVotes = {{{Vote::in_favour, "for"}, {Vote::against, "against"}, {Vote::abstain, "abstain"}}};
constexpr NameTable<DecisionStatus, 5> kDecisionStatuses = {{{DecisionStatus::issued, "issued"},
    {DecisionStatus::sent, "sent"}, {DecisionStatus::implemented, "implemented"},
    {DecisionStatus::objected, "objected"}, {DecisionStatus::cancelled, "cancelled"}}};

template <typename Enum, std::size_t N>
std::string_view nameOf(const NameTable<Enum, N>& table, Enum value)
{
    for (const auto& [entry, name] : table)
        if (entry == value)
            return name;
    return table.front().second;
}

template <typename Enum, std::size_t N>
Enum parseName(const NameTable<Enum, N>& table, std::string_view text, const char* what)
{
    std::string names;
    for (const auto& [entry, name] : table) {
        if (name == text)
            return entry;
        if (!names.empty())
            names += ", ";
        names += name;
    }
    throw Error(ErrorCode::invalid_argument, "error.invalid_choice",
        "invalid " + std::string(what) + " '" + std::string(text) + "'; use one of: " + names,
        {{"value", std::string(text)}, {"field", what}, {"choices", names}});
}

Error wrongType(const RecordVersion& version, RecordType expected)
{
    return Error(ErrorCode::invalid_argument, "error.wrong_record_type",
        "record " + version.id + " is a " + std::string(records::toString(version.type)) + ", not a "
            + std::string(records::toString(expected)) + "; give the id of a " + std::string(records::toString(expected)),
        {{"id", version.id}, {"type", std::string(records::toString(version.type))}});
}

Error missingField(const RecordVersion& version, const std::string& name)
{
    return Error(ErrorCode::invalid_argument, "error.missing_record_field",
        "record " + version.id + " lacks the field '" + name + "'; add it with a new version",
        {{"id", version.id}, {"field", name}});
}

void requireType(const RecordVersion& version, RecordType type)
{
    if (version.type != type)
        throw wrongType(version, type);
}

RecordRef refOf(const RecordVersion& version)
{
    return {version.id, version.version, version.access};
}

std::optional<std::string> textOf(const RecordVersion& version, const std::string& name)
{
    const auto found = version.fields.find(name);
    if (found == version.fields.end())
        return std::nullopt;
    if (const auto* text = std::get_if<std::string>(&found->second))
        return *text;
    return records::fieldToJson(found->second).at("value").dump();
}

std::string textOr(const RecordVersion& version, const std::string& name, const std::string& fallback = "")
{
    return textOf(version, name).value_or(fallback);
}

std::string requireText(const RecordVersion& version, const std::string& name)
{
    const auto text = textOf(version, name);
    if (!text)
        throw missingField(version, name);
    return *text;
}

std::optional<std::int64_t> integerOf(const RecordVersion& version, const std::string& name)
{
    const auto found = version.fields.find(name);
    if (found == version.fields.end())
        return std::nullopt;
    if (const auto* number = std::get_if<std::int64_t>(&found->second))
        return *number;
    if (const auto* decimal = std::get_if<double>(&found->second))
        return static_cast<std::int64_t>(*decimal);
    return std::nullopt;
}

std::optional<CalendarDate> dateOf(const RecordVersion& version, const std::string& name)
{
    const auto found = version.fields.find(name);
    if (found == version.fields.end())
        return std::nullopt;
    if (const auto* date = std::get_if<CalendarDate>(&found->second))
        return *date;
    if (const auto* text = std::get_if<std::string>(&found->second))
        return CalendarDate::parse(*text);
    return std::nullopt;
}

CalendarDate requireDate(const RecordVersion& version, const std::string& name)
{
    const auto date = dateOf(version, name);
    if (!date)
        throw missingField(version, name);
    return *date;
}

std::string lowerCase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::string upperCase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
    return text;
}

// The per-member fields with `prefix`, such as "attendance_", by member id.
std::map<std::string, std::string> perMemberFields(const RecordVersion& version, const std::string& prefix)
{
    std::map<std::string, std::string> values;
    for (auto it = version.fields.lower_bound(prefix); it != version.fields.end() && it->first.starts_with(prefix); ++it)
        if (const auto* text = std::get_if<std::string>(&it->second))
            values.emplace(upperCase(it->first.substr(prefix.size())), *text);
    return values;
}

std::string joinLines(const std::vector<std::string>& lines)
{
    std::string joined;
    for (const std::string& line : lines) {
        if (!joined.empty())
            joined += '\n';
        joined += line;
    }
    return joined;
}

std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        const auto end = text.find('\n', start);
        const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!line.empty())
            lines.push_back(line);
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return lines;
}

std::string agendaBody(const std::vector<std::string>& agenda)
{
    std::string body;
    for (std::size_t i = 0; i < agenda.size(); ++i) {
        if (!body.empty())
            body += '\n';
        body += std::to_string(i + 1) + ". " + agenda[i];
    }
    return body;
}

void setIfNotEmpty(std::map<std::string, FieldValue>& fields, const std::string& name, const std::string& value)
{
    if (!value.empty())
        fields[name] = value;
}

} // namespace

std::string_view toString(Selection value) { return nameOf(kSelections, value); }
std::string_view toString(MemberRole value) { return nameOf(kRoles, value); }
std::string_view toString(EndReason value) { return nameOf(kEndReasons, value); }
std::string_view toString(MeetingStatus value) { return nameOf(kMeetingStatuses, value); }
std::string_view toString(Attendance value) { return nameOf(kAttendances, value); }
std::string_view toString(Vote value) { return nameOf(kVotes, value); }
std::string_view toString(DecisionStatus value) { return nameOf(kDecisionStatuses, value); }

Selection parseSelection(std::string_view text) { return parseName(kSelections, text, "selection"); }
MemberRole parseMemberRole(std::string_view text) { return parseName(kRoles, text, "role"); }
EndReason parseEndReason(std::string_view text) { return parseName(kEndReasons, text, "end reason"); }
MeetingStatus parseMeetingStatus(std::string_view text) { return parseName(kMeetingStatuses, text, "meeting status"); }
Attendance parseAttendance(std::string_view text) { return parseName(kAttendances, text, "attendance"); }
Vote parseVote(std::string_view text) { return parseName(kVotes, text, "vote"); }
DecisionStatus parseDecisionStatus(std::string_view text) { return parseName(kDecisionStatuses, text, "decision status"); }

const std::vector<DecisionStatus>& allDecisionStatuses()
{
    static const std::vector<DecisionStatus> statuses = [] {
        std::vector<DecisionStatus> list;
        for (const auto& entry : kDecisionStatuses)
            list.push_back(entry.first);
        return list;
    }();
    return statuses;
}

std::string agendaField(std::size_t oneBasedIndex) { return "agenda_" + std::to_string(oneBasedIndex); }
std::string attendanceField(const std::string& memberId) { return "attendance_" + lowerCase(memberId); }
std::string voteField(const std::string& memberId) { return "vote_" + lowerCase(memberId); }
std::string statusDateField(DecisionStatus status) { return "status_" + std::string(toString(status)) + "_on"; }

std::string meetingSequence(const std::string& council, int hijriYear)
{
    return "meeting/" + council + "/" + std::to_string(hijriYear);
}

std::string decisionSequence(const std::string& council, int hijriYear)
{
    return "decision/" + council + "/" + std::to_string(hijriYear);
}

NewRecord toNewRecord(const Council& council)
{
    NewRecord record;
    record.type = RecordType::council;
    record.council = council.code;
    record.title = council.nameAr;
    record.reference = council.code;
    record.access = council.record.access;
    record.fields[field::code] = council.code;
    setIfNotEmpty(record.fields, field::nameEn, council.nameEn);
    record.fields[field::region] = council.region;
    setIfNotEmpty(record.fields, field::municipality, council.municipality);
    setIfNotEmpty(record.fields, field::category, council.category);
    record.fields[field::seats] = std::int64_t(council.seats);
    return record;
}

NewRecord toNewRecord(const Term& term)
{
    NewRecord record;
    record.type = RecordType::term;
    record.title = term.nameAr;
    record.reference = term.code;
    record.date = term.startsOn;
    record.access = term.record.access;
    record.fields[field::code] = term.code;
    setIfNotEmpty(record.fields, field::nameEn, term.nameEn);
    record.fields[field::startsOn] = term.startsOn;
    record.fields[field::endsOn] = term.endsOn;
    return record;
}

NewRecord toNewRecord(const Member& member)
{
    NewRecord record;
    record.type = RecordType::member;
    record.council = member.council;
    record.title = member.nameAr;
    record.date = member.startsOn;
    record.access = member.record.access;
    record.fields[field::term] = member.term;
    setIfNotEmpty(record.fields, field::nameEn, member.nameEn);
    record.fields[field::selection] = std::string(toString(member.selection));
    record.fields[field::role] = std::string(toString(member.role));
    setIfNotEmpty(record.fields, field::committees, joinLines(member.committees));
    record.fields[field::startsOn] = member.startsOn;
    if (member.endsOn)
        record.fields[field::endsOn] = *member.endsOn;
    if (member.endReason)
        record.fields[field::endReason] = std::string(toString(*member.endReason));
    setIfNotEmpty(record.fields, field::replaces, member.replaces);
    return record;
}

NewRecord toNewRecord(const MemberContact& contact)
{
    NewRecord record;
    record.type = RecordType::member_contact;
    record.council = contact.council;
    record.title = "بيانات الاتصال";
    record.access = records::AccessLevel::confidential;
    record.fields[field::member] = contact.member;
    setIfNotEmpty(record.fields, field::phone, contact.phone);
    setIfNotEmpty(record.fields, field::email, contact.email);
    setIfNotEmpty(record.fields, field::address, contact.address);
    return record;
}

NewRecord toNewRecord(const Meeting& meeting)
{
    NewRecord record;
    record.type = RecordType::meeting;
    record.council = meeting.council;
    record.title = meeting.title;
    record.date = meeting.date;
    record.access = meeting.record.access;
    // The agenda is also the body, so its items are searchable; the
    // numbered fields keep each item addressable for decisions.
    record.body = agendaBody(meeting.agenda);
    record.fields[field::term] = meeting.term;
    record.fields[field::status] = std::string(toString(meeting.status));
    record.fields[field::agendaCount] = std::int64_t(meeting.agenda.size());
    for (std::size_t i = 0; i < meeting.agenda.size(); ++i)
        record.fields[agendaField(i + 1)] = meeting.agenda[i];
    for (const auto& [member, attendance] : meeting.attendance)
        record.fields[attendanceField(member)] = std::string(toString(attendance));
    if (meeting.number > 0) {
        record.fields[field::number] = meeting.number;
        record.reference = meeting.reference;
    } else {
        const int year = meeting.date.toHijri().year;
        record.numbering = records::Numbering{meetingSequence(meeting.council, year), field::number,
            meeting.council + "/" + std::to_string(year) + "/M{number}"};
    }
    return record;
}

NewRecord toNewRecord(const Decision& decision)
{
    NewRecord record;
    record.type = RecordType::decision;
    record.council = decision.council;
    record.title = decision.title;
    record.body = decision.text;
    record.date = decision.date;
    record.access = decision.record.access;
    record.fields[field::term] = decision.term;
    record.fields[field::hijriYear] = std::int64_t(decision.hijriYear());
    setIfNotEmpty(record.fields, field::meeting, decision.meeting);
    if (decision.agendaItem)
        record.fields[field::agendaItem] = std::int64_t(*decision.agendaItem);
    setIfNotEmpty(record.fields, field::answers, decision.answers);
    if (decision.votes) {
        record.fields[field::votesInFavour] = std::int64_t(decision.votes->inFavour);
        record.fields[field::votesAgainst] = std::int64_t(decision.votes->against);
        record.fields[field::votesAbstain] = std::int64_t(decision.votes->abstain);
    }
    for (const auto& [member, vote] : decision.memberVotes)
        record.fields[voteField(member)] = std::string(toString(vote));
    record.fields[field::status] = std::string(toString(decision.status));
    for (const StatusChange& change : decision.statusHistory)
        record.fields[statusDateField(change.status)] = change.on;
    if (decision.number > 0) {
        record.fields[field::number] = decision.number;
        record.reference = decision.reference;
    } else {
        const int year = decision.hijriYear();
        record.numbering = records::Numbering{
            decisionSequence(decision.council, year), field::number, decision.council + "/" + std::to_string(year) + "/{number}"};
    }
    return record;
}

Council councilFromRecord(const RecordVersion& version)
{
    requireType(version, RecordType::council);
    Council council;
    council.record = refOf(version);
    council.code = requireText(version, field::code);
    council.nameAr = version.title;
    council.nameEn = textOr(version, field::nameEn);
    council.region = requireText(version, field::region);
    council.municipality = textOr(version, field::municipality);
    council.category = textOr(version, field::category);
    council.seats = static_cast<int>(integerOf(version, field::seats).value_or(0));
    return council;
}

Term termFromRecord(const RecordVersion& version)
{
    requireType(version, RecordType::term);
    Term term;
    term.record = refOf(version);
    term.code = requireText(version, field::code);
    term.nameAr = version.title;
    term.nameEn = textOr(version, field::nameEn);
    term.startsOn = requireDate(version, field::startsOn);
    term.endsOn = requireDate(version, field::endsOn);
    return term;
}

Member memberFromRecord(const RecordVersion& version)
{
    requireType(version, RecordType::member);
    Member member;
    member.record = refOf(version);
    member.council = version.council;
    member.term = requireText(version, field::term);
    member.nameAr = version.title;
    member.nameEn = textOr(version, field::nameEn);
    member.selection = parseSelection(textOr(version, field::selection, "elected"));
    member.role = parseMemberRole(textOr(version, field::role, "member"));
    member.committees = splitLines(textOr(version, field::committees));
    member.startsOn = requireDate(version, field::startsOn);
    member.endsOn = dateOf(version, field::endsOn);
    if (const auto reason = textOf(version, field::endReason))
        member.endReason = parseEndReason(*reason);
    member.replaces = textOr(version, field::replaces);
    return member;
}

MemberContact contactFromRecord(const RecordVersion& version)
{
    requireType(version, RecordType::member_contact);
    MemberContact contact;
    contact.record = refOf(version);
    contact.member = requireText(version, field::member);
    contact.council = version.council;
    contact.phone = textOr(version, field::phone);
    contact.email = textOr(version, field::email);
    contact.address = textOr(version, field::address);
    return contact;
}

Meeting meetingFromRecord(const RecordVersion& version)
{
    requireType(version, RecordType::meeting);
    Meeting meeting;
    meeting.record = refOf(version);
    meeting.council = version.council;
    meeting.term = textOr(version, field::term);
    meeting.number = integerOf(version, field::number).value_or(0);
    meeting.reference = version.reference;
    meeting.title = version.title;
    if (!version.date)
        throw missingField(version, "date");
    meeting.date = *version.date;
    meeting.status = parseMeetingStatus(textOr(version, field::status, "planned"));
    const auto count = integerOf(version, field::agendaCount).value_or(0);
    for (std::int64_t i = 1; i <= count && i <= std::int64_t(kMaxAgendaItems); ++i)
        meeting.agenda.push_back(textOr(version, agendaField(static_cast<std::size_t>(i))));
    for (const auto& [member, value] : perMemberFields(version, "attendance_"))
        meeting.attendance.emplace(member, parseAttendance(value));
    return meeting;
}

Decision decisionFromRecord(const RecordVersion& version)
{
    requireType(version, RecordType::decision);
    Decision decision;
    decision.record = refOf(version);
    decision.council = version.council;
    decision.term = textOr(version, field::term);
    decision.number = integerOf(version, field::number).value_or(0);
    decision.reference = version.reference;
    decision.title = version.title;
    decision.text = version.body;
    if (!version.date)
        throw missingField(version, "date");
    decision.date = *version.date;
    decision.meeting = textOr(version, field::meeting);
    if (const auto item = integerOf(version, field::agendaItem))
        decision.agendaItem = static_cast<int>(*item);
    decision.answers = textOr(version, field::answers);
    const auto inFavour = integerOf(version, field::votesInFavour);
    const auto against = integerOf(version, field::votesAgainst);
    const auto abstain = integerOf(version, field::votesAbstain);
    if (inFavour || against || abstain)
        decision.votes = VoteCount{static_cast<int>(inFavour.value_or(0)), static_cast<int>(against.value_or(0)),
            static_cast<int>(abstain.value_or(0))};
    for (const auto& [member, value] : perMemberFields(version, "vote_"))
        decision.memberVotes.emplace(member, parseVote(value));
    decision.status = parseDecisionStatus(textOr(version, field::status, "issued"));
    for (const DecisionStatus status : allDecisionStatuses())
        if (const auto on = dateOf(version, statusDateField(status)))
            decision.statusHistory.push_back({status, *on});
    return decision;
}

Submission submissionFromRecord(const RecordVersion& version)
{
    requireType(version, RecordType::citizen_submission);
    Submission submission;
    submission.record = refOf(version);
    submission.council = version.council;
    submission.submittedOn = dateOf(version, field::submittedOn);
    submission.answeredOn = dateOf(version, field::answeredOn);
    return submission;
}

Minutes minutesFromRecord(const RecordVersion& version)
{
    requireType(version, RecordType::minutes);
    Minutes minutes;
    minutes.record = refOf(version);
    minutes.council = version.council;
    minutes.meeting = textOr(version, field::meeting);
    minutes.title = version.title;
    minutes.date = version.date;
    minutes.files = version.files.size();
    return minutes;
}

MemberFile memberFileFromRecord(const RecordVersion& version)
{
    requireType(version, RecordType::member_file);
    MemberFile file;
    file.record = refOf(version);
    file.council = version.council;
    file.member = textOr(version, field::member);
    file.title = version.title;
    file.date = version.date;
    file.files = version.files.size();
    return file;
}

records::RecordChange changeBetween(const RecordVersion& current, const NewRecord& desired, const std::string& reason)
{
    records::RecordChange change;
    change.reason = reason;
    if (desired.type != current.type)
        change.type = desired.type;
    if (desired.council != current.council)
        change.council = desired.council;
    if (desired.title != current.title)
        change.title = desired.title;
    if (desired.reference != current.reference && !desired.numbering)
        change.reference = desired.reference;
    if (desired.date != current.date)
        change.date = desired.date;
    if (desired.access != current.access)
        change.access = desired.access;
    if (desired.tags != current.tags)
        change.tags = desired.tags;
    if (desired.body != current.body)
        change.body = desired.body;

    const std::string numberField = desired.numbering ? desired.numbering->field : "";
    for (const auto& [name, value] : desired.fields) {
        if (name == numberField)
            continue;
        const auto found = current.fields.find(name);
        if (found == current.fields.end() || !(found->second == value))
            change.setFields[name] = value;
    }
    for (const auto& [name, value] : current.fields)
        if (!desired.fields.contains(name) && name != numberField)
            change.removeFields.push_back(name);
    return change;
}

} // namespace majlis::affairs
