#pragma once

#include "affairs/AffairsSnapshot.h"

#include <optional>
#include <string>
#include <vector>

namespace majlis::affairs {

// One member's attendance at the held meetings of their council in a term,
// counted over the meetings held while they were a member.
struct MemberAttendance {
    std::string member; // record id
    std::string name;
    int meetings = 0;
    int present = 0;
    int absentExcused = 0;
    int absentUnexcused = 0;

    // present / meetings, or nothing before the first meeting
    std::optional<double> rate() const;
};

// Time from citizen submissions to their answers, in days.
struct AnswerTimes {
    int submitted = 0;
    int answered = 0;
    std::optional<double> meanDays;
    std::optional<double> medianDays;
};

// The indicators of one council (or, summed, of a region) in one term,
// computed from the records the caller may read.
struct Indicators {
    std::string term;
    int councils = 0;
    int meetingsPlanned = 0; // every meeting dated in the term, held or not
    int meetingsHeld = 0;
    int meetingsCancelled = 0;
    int decisionsIssued = 0; // decisions dated in the term, cancelled ones included
    int decisionsImplemented = 0;
    int decisionsCancelled = 0;
    int attendanceRecorded = 0; // member places at held meetings
    int attendancePresent = 0;
    AnswerTimes answers;

    std::optional<double> attendanceRate() const;
};

struct CouncilIndicators {
    std::string council;
    Indicators totals;
    std::vector<MemberAttendance> attendance; // one per member of the term, in name order
};

struct RegionIndicators {
    std::string region;
    Indicators totals;
};

CouncilIndicators councilIndicators(
    const AffairsSnapshot& snapshot, const std::string& council, const Term& term, const ReadFilter& canRead);

// The secretariat overview: one row per region (all 13, councils or not).
std::vector<RegionIndicators> regionIndicators(const AffairsSnapshot& snapshot, const Term& term, const ReadFilter& canRead);

} // namespace majlis::affairs
