#include "affairs/AffairsRecords.h"
#include "affairs/ReferenceData.h"
#include "core/Error.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;
using namespace majlis::affairs;

BOOST_AUTO_TEST_SUITE(Mapping)

// A record as the store returns it: the new record's metadata with an id.
records::RecordVersion stored(const records::NewRecord& record, const std::string& id = "R00000042")
{
    records::RecordVersion version;
    version.id = id;
    version.version = 1;
    version.type = record.type;
    version.council = record.council;
    version.title = record.title;
    version.reference = record.reference;
    version.date = record.date;
    version.access = record.access;
    version.fields = record.fields;
    version.body = record.body;
    if (record.numbering)
        version.fields[record.numbering->field] = std::int64_t(7);
    // Through the storage JSON, as LMDB keeps it.
    return records::versionFromJson(records::toJson(version));
}

BOOST_AUTO_TEST_CASE(council_round_trip)
{
    Council council;
    council.code = "RD-01";
    council.nameAr = "المجلس البلدي لأمانة منطقة الرياض";
    council.nameEn = "Municipal Council of Riyadh Amana";
    council.region = "RD";
    council.municipality = "أمانة منطقة الرياض";
    council.category = "amana";
    council.seats = 14;
    const records::NewRecord record = toNewRecord(council);
    BOOST_TEST(record.council == "RD-01");
    BOOST_TEST(record.access == records::AccessLevel::public_access);
    const Council back = councilFromRecord(stored(record));
    BOOST_TEST(back.code == council.code);
    BOOST_TEST(back.nameAr == council.nameAr);
    BOOST_TEST(back.nameEn == council.nameEn);
    BOOST_TEST(back.region == council.region);
    BOOST_TEST(back.municipality == council.municipality);
    BOOST_TEST(back.category == council.category);
    BOOST_TEST(back.seats == 14);
    BOOST_TEST(back.record.id == "R00000042");
}

BOOST_AUTO_TEST_CASE(member_round_trip)
{
    Member member;
    member.council = "RD-01";
    member.term = "T4";
    member.nameAr = "سعد بن محمد العتيبي";
    member.selection = Selection::appointed;
    member.role = MemberRole::deputy_chair;
    member.committees = {"اللجنة المالية", "لجنة الخدمات"};
    member.startsOn = CalendarDate::parse("1445-01-01");
    member.endsOn = CalendarDate::parse("1446-05-01");
    member.endReason = EndReason::resignation;
    const Member back = memberFromRecord(stored(toNewRecord(member)));
    BOOST_TEST(back.council == "RD-01");
    BOOST_TEST(back.term == "T4");
    BOOST_TEST(back.nameAr == member.nameAr);
    BOOST_TEST(back.selection == Selection::appointed);
    BOOST_TEST(back.role == MemberRole::deputy_chair);
    BOOST_TEST(back.committees == member.committees, boost::test_tools::per_element());
    BOOST_TEST(back.startsOn.toIsoString() == member.startsOn.toIsoString());
    BOOST_REQUIRE(back.endsOn);
    BOOST_TEST(back.endsOn->toIsoString() == member.endsOn->toIsoString());
    BOOST_TEST(back.endReason.value() == EndReason::resignation);
}

BOOST_AUTO_TEST_CASE(member_record_has_no_contact_fields)
{
    Member member;
    member.council = "RD-01";
    member.term = "T4";
    member.nameAr = "سعد";
    member.startsOn = CalendarDate::parse("1445-01-01");
    const records::NewRecord record = toNewRecord(member);
    for (const char* name : {field::phone, field::email, field::address})
        BOOST_TEST(!record.fields.contains(name), name);

    MemberContact contact;
    contact.member = "R00000001";
    contact.council = "RD-01";
    contact.phone = "0500000000";
    const records::NewRecord contactRecord = toNewRecord(contact);
    BOOST_TEST(contactRecord.type == records::RecordType::member_contact);
    BOOST_TEST(contactRecord.access == records::AccessLevel::confidential);
    const MemberContact back = contactFromRecord(stored(contactRecord));
    BOOST_TEST(back.member == "R00000001");
    BOOST_TEST(back.phone == "0500000000");
}

BOOST_AUTO_TEST_CASE(meeting_round_trip_with_attendance)
{
    Meeting meeting;
    meeting.council = "MQ-02";
    meeting.term = "T4";
    meeting.title = "الجلسة الأولى";
    meeting.date = CalendarDate::parse("1445-02-10");
    meeting.status = MeetingStatus::held;
    meeting.agenda = {"بند أول", "بند ثان", "بند ثالث"};
    meeting.attendance = {{"R00000005", Attendance::present}, {"R00000006", Attendance::absent_excused},
        {"R00000007", Attendance::absent_unexcused}};
    const records::NewRecord record = toNewRecord(meeting);
    BOOST_REQUIRE(record.numbering);
    BOOST_TEST(record.numbering->sequence == "meeting/MQ-02/1445");
    BOOST_TEST(record.fields.contains("attendance_r00000006"));
    BOOST_TEST(record.body.find("2. بند ثان") != std::string::npos);

    const Meeting back = meetingFromRecord(stored(record));
    BOOST_TEST(back.number == 7);
    BOOST_TEST(back.status == MeetingStatus::held);
    BOOST_TEST(back.agenda == meeting.agenda, boost::test_tools::per_element());
    BOOST_TEST(back.attendance.size() == 3u);
    BOOST_TEST(back.attendance.at("R00000005") == Attendance::present);
    BOOST_TEST(back.attendance.at("R00000006") == Attendance::absent_excused);
    BOOST_TEST(back.attendance.at("R00000007") == Attendance::absent_unexcused);
}

BOOST_AUTO_TEST_CASE(decision_round_trip_with_votes_and_status)
{
    Decision decision;
    decision.council = "RD-01";
    decision.term = "T4";
    decision.title = "قرار";
    decision.text = "نص القرار";
    decision.date = CalendarDate::parse("1446-03-01");
    decision.meeting = "R00000010";
    decision.agendaItem = 2;
    decision.answers = "R00000011";
    decision.votes = VoteCount{8, 2, 1};
    decision.memberVotes = {{"R00000005", Vote::in_favour}, {"R00000006", Vote::against}};
    decision.status = DecisionStatus::implemented;
    decision.statusHistory = {{DecisionStatus::issued, CalendarDate::parse("1446-03-01")},
        {DecisionStatus::sent, CalendarDate::parse("1446-03-05")},
        {DecisionStatus::implemented, CalendarDate::parse("1446-06-01")}};
    const records::NewRecord record = toNewRecord(decision);
    BOOST_REQUIRE(record.numbering);
    BOOST_TEST(record.numbering->sequence == "decision/RD-01/1446");
    BOOST_TEST(record.numbering->referenceFormat == "RD-01/1446/{number}");
    BOOST_TEST(record.fields.contains("status_sent_on"));
    BOOST_TEST(record.fields.contains("vote_r00000006"));

    const Decision back = decisionFromRecord(stored(record));
    BOOST_TEST(back.text == "نص القرار");
    BOOST_TEST(back.meeting == "R00000010");
    BOOST_TEST(back.agendaItem.value() == 2);
    BOOST_TEST(back.answers == "R00000011");
    BOOST_REQUIRE(back.votes);
    BOOST_TEST(back.votes->inFavour == 8);
    BOOST_TEST(back.votes->against == 2);
    BOOST_TEST(back.votes->abstain == 1);
    BOOST_TEST(back.memberVotes.at("R00000006") == Vote::against);
    BOOST_TEST(back.status == DecisionStatus::implemented);
    BOOST_REQUIRE_EQUAL(back.statusHistory.size(), 3u);
    BOOST_TEST(back.statusHistory[1].status == DecisionStatus::sent);
    BOOST_TEST(back.hijriYear() == 1446);
}

BOOST_AUTO_TEST_CASE(wrong_type_is_rejected)
{
    records::RecordVersion version;
    version.id = "R00000001";
    version.type = records::RecordType::document;
    BOOST_CHECK_THROW(councilFromRecord(version), Error);
    BOOST_CHECK_THROW(decisionFromRecord(version), Error);
}

BOOST_AUTO_TEST_CASE(change_between_sets_and_removes_fields)
{
    Member member;
    member.council = "RD-01";
    member.term = "T4";
    member.nameAr = "سعد";
    member.startsOn = CalendarDate::parse("1445-01-01");
    member.endsOn = CalendarDate::parse("1446-01-01");
    member.endReason = EndReason::replacement;
    const records::RecordVersion current = stored(toNewRecord(member));

    Member edited = member;
    edited.endsOn.reset();
    edited.endReason.reset();
    edited.role = MemberRole::chair;
    const records::RecordChange change = changeBetween(current, toNewRecord(edited), "reinstated");
    BOOST_TEST(change.setFields.size() == 1u);
    BOOST_TEST(change.setFields.contains(field::role));
    BOOST_TEST(change.removeFields.size() == 2u);
    BOOST_TEST(!change.title);
    BOOST_TEST(change.reason == "reinstated");
}

BOOST_AUTO_TEST_CASE(reference_data_is_complete)
{
    const ReferenceData& data = referenceData();
    BOOST_TEST(data.regions.size() == 13u);
    BOOST_TEST(data.amanat.size() == 17u);
    BOOST_TEST(data.councils.size() == 17u);
    BOOST_TEST(!data.terms.empty());
    BOOST_TEST(data.statuteArticles.size() >= 20u);
    for (const CouncilSeed& council : data.councils)
        BOOST_TEST(data.findRegion(council.region) != nullptr, council.code);
    BOOST_CHECK_THROW(requireRegion("XX"), Error);
}

BOOST_AUTO_TEST_SUITE_END()
