#include "tests/affairs/AffairsFixture.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;
using namespace majlis::affairs;
using majlis::test::AffairsFixture;

namespace {

struct IndicatorsFixture : AffairsFixture {
    void addSubmission(const std::string& council, const std::string& submitted, const std::string& answered)
    {
        records::NewRecord record;
        record.type = records::RecordType::citizen_submission;
        record.council = council;
        record.title = "طلب رصف طريق";
        record.fields[field::submittedOn] = CalendarDate::parse(submitted);
        if (!answered.empty())
            record.fields[field::answeredOn] = CalendarDate::parse(answered);
        store.create(record, "test");
    }
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(IndicatorsFromRecords, IndicatorsFixture)

BOOST_AUTO_TEST_CASE(council_indicators_count_records)
{
    const Member a = addMember("RD-01", "أحمد");
    const Member b = addMember("RD-01", "بندر");
    addMember("MQ-02", "ماجد"); // another council: never counted here

    const Meeting first = addMeeting("RD-01", "1445-02-01", MeetingStatus::held,
        {{a.record.id, Attendance::present}, {b.record.id, Attendance::absent_excused}});
    addMeeting("RD-01", "1445-03-01", MeetingStatus::held,
        {{a.record.id, Attendance::present}, {b.record.id, Attendance::present}});
    addMeeting("RD-01", "1445-04-01", MeetingStatus::planned);
    addMeeting("RD-01", "1445-05-01", MeetingStatus::cancelled);

    const Decision d1 = addDecision("RD-01", "1445-02-01", first.record.id);
    addDecision("RD-01", "1445-02-02");
    const Decision d3 = addDecision("RD-01", "1445-02-03");
    changeDecisionStatus(d1.record.id, DecisionStatus::implemented, "1445-05-01");
    changeDecisionStatus(d3.record.id, DecisionStatus::cancelled, "1445-05-01");
    addDecision("MQ-02", "1445-02-01");

    addSubmission("RD-01", "2023-08-01", "2023-08-11"); // 10 days
    addSubmission("RD-01", "2023-08-01", "2023-08-31"); // 30 days
    addSubmission("RD-01", "2023-08-01", "2023-08-05"); // 4 days
    addSubmission("RD-01", "2023-09-01", "");           // open
    addSubmission("RD-01", "2010-01-01", "2010-01-02"); // before the term

    const CouncilIndicators result = affairs.indicators("RD-01", "T4", readAll);
    const Indicators& totals = result.totals;
    BOOST_TEST(totals.meetingsPlanned == 4);
    BOOST_TEST(totals.meetingsHeld == 2);
    BOOST_TEST(totals.meetingsCancelled == 1);
    BOOST_TEST(totals.decisionsIssued == 3);
    BOOST_TEST(totals.decisionsImplemented == 1);
    BOOST_TEST(totals.decisionsCancelled == 1);
    BOOST_TEST(totals.attendanceRecorded == 4);
    BOOST_TEST(totals.attendancePresent == 3);
    BOOST_TEST(*totals.attendanceRate() == 0.75);
    BOOST_TEST(totals.answers.submitted == 4);
    BOOST_TEST(totals.answers.answered == 3);
    BOOST_TEST(*totals.answers.medianDays == 10.0);
    BOOST_TEST(*totals.answers.meanDays == 44.0 / 3);

    BOOST_REQUIRE_EQUAL(result.attendance.size(), 2u);
    BOOST_TEST(result.attendance[0].name == "أحمد");
    BOOST_TEST(*result.attendance[0].rate() == 1.0);
    BOOST_TEST(result.attendance[1].absentExcused == 1);
    BOOST_TEST(*result.attendance[1].rate() == 0.5);
}

BOOST_AUTO_TEST_CASE(indicators_follow_new_records)
{
    BOOST_TEST(affairs.indicators("RD-01", "T4", readAll).totals.decisionsIssued == 0);
    addDecision("RD-01", "1445-02-01");
    BOOST_TEST(affairs.indicators("RD-01", "T4", readAll).totals.decisionsIssued == 1);
    const Decision second = addDecision("RD-01", "1445-02-02");
    changeDecisionStatus(second.record.id, DecisionStatus::implemented, "1445-03-01");
    const auto totals = affairs.indicators("RD-01", "T4", readAll).totals;
    BOOST_TEST(totals.decisionsIssued == 2);
    BOOST_TEST(totals.decisionsImplemented == 1);
}

BOOST_AUTO_TEST_CASE(indicators_count_only_readable_records)
{
    Decision hidden = addDecision("RD-01", "1445-02-01");
    hidden.record.access = records::AccessLevel::internal;
    affairs.updateDecision(hidden.record.id, hidden, by);
    addDecision("RD-01", "1445-02-02");
    const auto publicOnly = [](const records::RecordVersion& version) {
        return version.access == records::AccessLevel::public_access;
    };
    BOOST_TEST(affairs.indicators("RD-01", "T4", publicOnly).totals.decisionsIssued == 1);
    BOOST_TEST(affairs.indicators("RD-01", "T4", readAll).totals.decisionsIssued == 2);
}

BOOST_AUTO_TEST_CASE(overview_sums_regions)
{
    addMeeting("MQ-01", "1445-02-01");
    addMeeting("MQ-02", "1445-02-01");
    addMeeting("MQ-03", "1445-02-01", MeetingStatus::planned);
    addMeeting("RD-01", "1445-02-01");
    const auto rows = affairs.overview("T4", readAll);
    BOOST_REQUIRE_EQUAL(rows.size(), 13u);
    for (const RegionIndicators& row : rows) {
        if (row.region == "MQ") {
            BOOST_TEST(row.totals.councils == 3);
            BOOST_TEST(row.totals.meetingsPlanned == 3);
            BOOST_TEST(row.totals.meetingsHeld == 2);
        } else if (row.region == "RD") {
            BOOST_TEST(row.totals.meetingsHeld == 1);
        } else {
            BOOST_TEST(row.totals.meetingsPlanned == 0, row.region);
        }
    }
}

BOOST_AUTO_TEST_CASE(cached_overview_follows_writes)
{
    const auto heldIn = [](const std::vector<RegionIndicators>& rows, const std::string& region) {
        for (const RegionIndicators& row : rows)
            if (row.region == region)
                return row.totals.meetingsHeld;
        return -1;
    };
    const auto publicOnly = [](const records::RecordVersion& version) {
        return version.access == records::AccessLevel::public_access;
    };
    addMeeting("RD-01", "1445-02-01");
    BOOST_TEST(heldIn(affairs.overview("T4", readAll, "all"), "RD") == 1);
    addMeeting("RD-01", "1445-03-01");
    BOOST_TEST(heldIn(affairs.overview("T4", readAll, "all"), "RD") == 2);

    Meeting hidden = addMeeting("RD-01", "1445-04-01");
    hidden.record.access = records::AccessLevel::internal;
    affairs.updateMeeting(hidden.record.id, hidden, by);
    BOOST_TEST(heldIn(affairs.overview("T4", publicOnly, "public"), "RD") == 2);
    BOOST_TEST(heldIn(affairs.overview("T4", readAll, "all"), "RD") == 3);
    BOOST_TEST(heldIn(affairs.overview("T4", publicOnly, "public"), "RD") == 2);
}

BOOST_AUTO_TEST_SUITE_END()
