#include "affairs/Indicators.h"

#include "affairs/ReferenceData.h"

#include <algorithm>

namespace majlis::affairs {

namespace {

struct DaysAccumulator {
    std::vector<int> days;

    void finish(AnswerTimes& times) const
    {
        if (days.empty())
            return;
        std::vector<int> sorted = days;
        std::sort(sorted.begin(), sorted.end());
        double sum = 0;
        for (int value : sorted)
            sum += value;
        times.meanDays = sum / static_cast<double>(sorted.size());
        const std::size_t middle = sorted.size() / 2;
        times.medianDays = sorted.size() % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
};

bool servedOn(const Member& member, const CalendarDate& date)
{
    return date >= member.startsOn && (!member.endsOn || date <= *member.endsOn);
}

// Adds one council's records of `term` to `totals`, and its members'
// attendance to `attendance` when given.
void addCouncil(const AffairsSnapshot& snapshot, const std::string& council, const Term& term, const ReadFilter& canRead,
    Indicators& totals, DaysAccumulator& days, std::vector<MemberAttendance>* attendance)
{
    totals.councils += 1;
    std::vector<const Member*> members;
    snapshot.forEachOfCouncil<Member>(council, canRead, [&](const Member& member) {
        if (member.term == term.code)
            members.push_back(&member);
    });
    std::map<std::string, MemberAttendance> byMember;
    for (const Member* member : members)
        byMember[member->record.id] = {member->record.id, member->nameAr};

    snapshot.forEachOfCouncil<Meeting>(council, canRead, [&](const Meeting& meeting) {
        if (!term.contains(meeting.date))
            return;
        totals.meetingsPlanned += 1;
        totals.meetingsCancelled += meeting.status == MeetingStatus::cancelled;
        if (meeting.status != MeetingStatus::held)
            return;
        totals.meetingsHeld += 1;
        for (const Member* member : members) {
            if (!servedOn(*member, meeting.date))
                continue;
            const auto found = meeting.attendance.find(member->record.id);
            if (found == meeting.attendance.end())
                continue;
            MemberAttendance& row = byMember[member->record.id];
            row.meetings += 1;
            row.present += found->second == Attendance::present;
            row.absentExcused += found->second == Attendance::absent_excused;
            row.absentUnexcused += found->second == Attendance::absent_unexcused;
            totals.attendanceRecorded += 1;
            totals.attendancePresent += found->second == Attendance::present;
        }
    });

    snapshot.forEachOfCouncil<Decision>(council, canRead, [&](const Decision& decision) {
        if (!term.contains(decision.date))
            return;
        totals.decisionsIssued += 1;
        totals.decisionsImplemented += decision.status == DecisionStatus::implemented;
        totals.decisionsCancelled += decision.status == DecisionStatus::cancelled;
    });

    snapshot.forEachOfCouncil<Submission>(council, canRead, [&](const Submission& submission) {
        if (!submission.submittedOn || !term.contains(*submission.submittedOn))
            return;
        totals.answers.submitted += 1;
        if (!submission.answeredOn || *submission.answeredOn < *submission.submittedOn)
            return;
        totals.answers.answered += 1;
        days.days.push_back(submission.answeredOn->daysSinceEpoch() - submission.submittedOn->daysSinceEpoch());
    });

    if (attendance) {
        for (auto& [id, row] : byMember)
            attendance->push_back(row);
        std::sort(attendance->begin(), attendance->end(),
            [](const MemberAttendance& a, const MemberAttendance& b) { return a.name < b.name; });
    }
}

} // namespace

std::optional<double> MemberAttendance::rate() const
{
    if (meetings == 0)
        return std::nullopt;
    return static_cast<double>(present) / meetings;
}

std::optional<double> Indicators::attendanceRate() const
{
    if (attendanceRecorded == 0)
        return std::nullopt;
    return static_cast<double>(attendancePresent) / attendanceRecorded;
}

CouncilIndicators councilIndicators(
    const AffairsSnapshot& snapshot, const std::string& council, const Term& term, const ReadFilter& canRead)
{
    CouncilIndicators result;
    result.council = council;
    result.totals.term = term.code;
    DaysAccumulator days;
    addCouncil(snapshot, council, term, canRead, result.totals, days, &result.attendance);
    days.finish(result.totals.answers);
    return result;
}

std::vector<RegionIndicators> regionIndicators(const AffairsSnapshot& snapshot, const Term& term, const ReadFilter& canRead)
{
    std::vector<RegionIndicators> rows;
    std::map<std::string, DaysAccumulator> days;
    for (const Region& region : referenceData().regions) {
        rows.push_back({region.code, {}});
        rows.back().totals.term = term.code;
    }
    for (const Council& council : snapshot.all<Council>(canRead)) {
        const auto row = std::find_if(
            rows.begin(), rows.end(), [&](const RegionIndicators& r) { return r.region == council.region; });
        if (row == rows.end())
            continue;
        addCouncil(snapshot, council.code, term, canRead, row->totals, days[council.region], nullptr);
    }
    for (RegionIndicators& row : rows)
        days[row.region].finish(row.totals.answers);
    return rows;
}

} // namespace majlis::affairs
