#include "tests/affairs/AffairsFixture.h"

#include "affairs/ReferenceData.h"
#include "core/Error.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;
using namespace majlis::affairs;
using majlis::test::AffairsFixture;

BOOST_FIXTURE_TEST_SUITE(AffairsStore, AffairsFixture)

BOOST_AUTO_TEST_CASE(seed_creates_councils_once)
{
    BOOST_TEST(affairs.councils(readAll).size() == 17u);
    BOOST_TEST(affairs.terms(readAll).size() == referenceData().terms.size());
    BOOST_TEST(affairs.seed() == 0u);
    BOOST_TEST(affairs.councils(readAll).size() == 17u);
    BOOST_TEST(affairs.councils(readAll, std::string("MQ")).size() == 3u);
    BOOST_CHECK_THROW(affairs.councils(readAll, std::string("ZZ")), Error);
}

BOOST_AUTO_TEST_CASE(council_edit_is_a_new_version)
{
    Council council = affairs.council("RD-01", readAll);
    council.seats = 20;
    const Council edited = affairs.updateCouncil("RD-01", council, {"admin", "seats changed by ministerial decision"});
    BOOST_TEST(edited.seats == 20);
    BOOST_TEST(edited.record.version == 2u);
    BOOST_TEST(affairs.council("RD-01", readAll).seats == 20);
    const auto history = store.history(edited.record.id);
    BOOST_REQUIRE_EQUAL(history.size(), 2u);
    BOOST_TEST(history[1].reason == "seats changed by ministerial decision");

    council.seats = 31;
    BOOST_CHECK_THROW(affairs.updateCouncil("RD-01", council, by), Error);
    council.seats = 12;
    council.code = "RD-02";
    BOOST_CHECK_THROW(affairs.updateCouncil("RD-01", council, by), Error);
}

BOOST_AUTO_TEST_CASE(create_council_checks_input)
{
    Council council;
    council.code = "RD-02";
    council.nameAr = "المجلس البلدي بمحافظة الخرج";
    council.region = "RD";
    council.category = "a";
    council.seats = 10;
    BOOST_TEST(affairs.createCouncil(council, by).code == "RD-02");
    BOOST_CHECK_THROW(affairs.createCouncil(council, by), Error); // exists
    council.code = "MQ-09";
    BOOST_CHECK_THROW(affairs.createCouncil(council, by), Error); // code of another region
    council.code = "rd 3";
    BOOST_CHECK_THROW(affairs.createCouncil(council, by), Error);
}

BOOST_AUTO_TEST_CASE(decisions_numbered_per_council_and_hijri_year)
{
    const Decision first = addDecision("RD-01", "1445-02-01");
    const Decision second = addDecision("RD-01", "1445-11-20");
    const Decision otherCouncil = addDecision("MQ-02", "1445-03-01");
    const Decision nextYear = addDecision("RD-01", "1446-01-05");
    const Decision third = addDecision("RD-01", "1445-12-01");
    BOOST_TEST(first.number == 1);
    BOOST_TEST(second.number == 2);
    BOOST_TEST(third.number == 3);
    BOOST_TEST(otherCouncil.number == 1);
    BOOST_TEST(nextYear.number == 1);
    BOOST_TEST(first.reference == "RD-01/1445/1");
    BOOST_TEST(third.reference == "RD-01/1445/3");
    BOOST_TEST(nextYear.reference == "RD-01/1446/1");
    BOOST_TEST(otherCouncil.reference == "MQ-02/1445/1");
    BOOST_TEST(affairs.decisions("RD-01", 1445, readAll).size() == 3u);
    BOOST_TEST(affairs.decisions("RD-01", 0, readAll).size() == 4u);
}

BOOST_AUTO_TEST_CASE(decision_status_history)
{
    const Decision decision = addDecision("RD-01", "1445-02-01");
    BOOST_TEST(decision.status == DecisionStatus::issued);
    changeDecisionStatus(decision.record.id, DecisionStatus::sent, "1445-02-03");
    const Decision done = changeDecisionStatus(decision.record.id, DecisionStatus::implemented, "1445-06-01");
    BOOST_TEST(done.status == DecisionStatus::implemented);
    BOOST_REQUIRE_EQUAL(done.statusHistory.size(), 3u);
    BOOST_TEST(done.statusHistory[2].on.toIsoString() == CalendarDate::parse("1445-06-01").toIsoString());
    BOOST_TEST(done.number == 1); // a new version keeps the register number
    BOOST_TEST(store.history(decision.record.id).size() == 3u);
    BOOST_CHECK_THROW(changeDecisionStatus(decision.record.id, DecisionStatus::cancelled, "1444-01-01"), Error);
}

BOOST_AUTO_TEST_CASE(member_contact_is_a_separate_confidential_record)
{
    const Member member = addMember("RD-01", "فهد بن علي القحطاني", MemberRole::chair, "0551234567");
    const records::RecordVersion memberRecord = store.current(member.record.id);
    BOOST_TEST(memberRecord.access == records::AccessLevel::public_access);
    BOOST_TEST(records::toJson(memberRecord).dump().find("0551234567") == std::string::npos);

    const auto contact = affairs.contact(member.record.id, readAll);
    BOOST_REQUIRE(contact);
    BOOST_TEST(contact->phone == "0551234567");
    BOOST_TEST(contact->member == member.record.id);
    const records::RecordVersion contactRecord = store.current(contact->record.id);
    BOOST_TEST(contactRecord.access == records::AccessLevel::confidential);

    const auto publicOnly = [](const records::RecordVersion& version) {
        return version.access == records::AccessLevel::public_access;
    };
    BOOST_TEST(!affairs.contact(member.record.id, publicOnly));
}

BOOST_AUTO_TEST_CASE(store_keeps_contacts_confidential)
{
    records::NewRecord record;
    record.type = records::RecordType::member_contact;
    record.title = "بيانات الاتصال";
    record.access = records::AccessLevel::public_access;
    BOOST_CHECK_THROW(store.create(record, "test"), Error);

    record.access = records::AccessLevel::confidential;
    const records::RecordVersion stored = store.create(record, "test");
    records::RecordChange toPublic;
    toPublic.access = records::AccessLevel::public_access;
    BOOST_CHECK_THROW(store.update(stored.id, toPublic, "test"), Error);
    records::RecordChange toDocument;
    toDocument.type = records::RecordType::document;
    toDocument.access = records::AccessLevel::public_access;
    BOOST_CHECK_THROW(store.update(stored.id, toDocument, "test"), Error);
}

BOOST_AUTO_TEST_CASE(membership_end_needs_reason)
{
    Member member = addMember("RD-01", "ناصر بن سعد الدوسري");
    member.endsOn = CalendarDate::parse("1446-01-01");
    BOOST_CHECK_THROW(affairs.updateMember(member.record.id, member, by), Error);
    member.endReason = EndReason::resignation;
    const Member ended = affairs.updateMember(member.record.id, member, by);
    BOOST_TEST(ended.endReason.value() == EndReason::resignation);
    BOOST_TEST(ended.record.version == 2u);
}

BOOST_AUTO_TEST_CASE(attendance_only_for_members_of_the_council)
{
    const Member member = addMember("RD-01", "عبدالله بن خالد الشمري");
    const Member elsewhere = addMember("MQ-02", "خالد بن سعد الغامدي");
    const Meeting meeting = addMeeting("RD-01", "1445-03-01");
    const Meeting recorded = affairs.recordAttendance(meeting.record.id, {{member.record.id, Attendance::present}}, by);
    BOOST_TEST(recorded.attendance.at(member.record.id) == Attendance::present);
    BOOST_CHECK_THROW(
        affairs.recordAttendance(meeting.record.id, {{elsewhere.record.id, Attendance::present}}, by), Error);

    const Meeting planned = addMeeting("RD-01", "1445-04-01", MeetingStatus::planned);
    BOOST_CHECK_THROW(affairs.recordAttendance(planned.record.id, {{member.record.id, Attendance::present}}, by), Error);
}

BOOST_AUTO_TEST_CASE(decision_links_are_checked)
{
    const Meeting meeting = addMeeting("RD-01", "1445-03-01");
    const Decision linked = addDecision("RD-01", "1445-03-01", meeting.record.id);
    BOOST_TEST(linked.meeting == meeting.record.id);
    BOOST_TEST(affairs.decisionsOf(meeting.record.id, readAll).size() == 1u);

    Decision decision = linked;
    decision.agendaItem = 9;
    BOOST_CHECK_THROW(affairs.updateDecision(linked.record.id, decision, by), Error);
    decision.agendaItem = 1;
    decision.answers = meeting.record.id; // not a citizen submission
    BOOST_CHECK_THROW(affairs.updateDecision(linked.record.id, decision, by), Error);
    BOOST_CHECK_THROW(addDecision("MQ-02", "1445-03-01", meeting.record.id), Error);
    BOOST_CHECK_THROW(addDecision("RD-01", "1430-01-01"), Error); // outside the term
}

BOOST_AUTO_TEST_CASE(hidden_records_are_not_found)
{
    Meeting meeting = addMeeting("RD-01", "1445-03-01");
    meeting.record.access = records::AccessLevel::internal;
    affairs.updateMeeting(meeting.record.id, meeting, by);
    const auto publicOnly = [](const records::RecordVersion& version) {
        return version.access == records::AccessLevel::public_access;
    };
    BOOST_CHECK_THROW(affairs.meeting(meeting.record.id, publicOnly), Error);
    BOOST_TEST(affairs.meetings("RD-01", publicOnly).empty());
    BOOST_TEST(affairs.meetings("RD-01", readAll).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
