#pragma once

#include "tests/support/HttpClient.h"
#include "tests/web/PortalFixture.h"

namespace majlis::test {

// A portal over a small council, the Riyadh amana council RD-01 in term T4.
// It has two public members, one with confidential contact details. A held
// and a planned public meeting come with minutes and a public decision voted
// on per member. An internal meeting and decision must stay hidden from
// anonymous callers.
struct CouncilAffairsFixture : PortalFixture {
    affairs::ChangeAuthor by{"test", "test data"};
    affairs::Member chair;
    affairs::Member member;
    affairs::Meeting held; // public, with minutes and the public decision
    affairs::Meeting planned;
    affairs::Meeting internalMeeting;
    affairs::Decision decision;
    affairs::Decision internalDecision;
    records::RecordVersion minutes;

    static constexpr const char* kCouncil = "RD-01";
    static constexpr const char* kPhone = "0551234567";
    static constexpr const char* kEmail = "chair@example.org";
    static constexpr const char* kAddress = "حي الملقا، شارع التخصصي";
    static constexpr const char* kInternalMeetingTitle = "جلسة مغلقة لمناقشة العقود";
    static constexpr const char* kInternalDecisionTitle = "قرار داخلي بشأن نزع الملكية";
    static constexpr const char* kScriptTitle = "قرار <script>alert(1)</script> & \"الحدائق\"";

    CouncilAffairsFixture()
    {
        chair = addMember("سعد بن عبدالله القحطاني", "Saad Alqahtani", affairs::MemberRole::chair, true);
        member = addMember("نورة بنت فهد الشمري", "Noura Alshammari", affairs::MemberRole::member, false);

        held = addMeeting("الجلسة العادية الأولى", "1446-02-10", affairs::MeetingStatus::held,
            records::AccessLevel::public_access,
            {{chair.record.id, affairs::Attendance::present}, {member.record.id, affairs::Attendance::absent_excused}});
        planned = addMeeting("الجلسة العادية الثانية", "1446-09-10", affairs::MeetingStatus::planned,
            records::AccessLevel::public_access, {});
        internalMeeting = addMeeting(kInternalMeetingTitle, "1446-03-10", affairs::MeetingStatus::held,
            records::AccessLevel::internal,
            {{chair.record.id, affairs::Attendance::absent_unexcused}, {member.record.id, affairs::Attendance::present}});

        decision = addDecision(kScriptTitle, held.record.id, records::AccessLevel::public_access,
            {{chair.record.id, affairs::Vote::in_favour}, {member.record.id, affairs::Vote::against}});
        decision = service->affairs().changeDecisionStatus(decision.record.id, affairs::DecisionStatus::implemented,
            CalendarDate::parse("1446-04-01"), by);
        internalDecision = addDecision(kInternalDecisionTitle, internalMeeting.record.id, records::AccessLevel::internal,
            {{chair.record.id, affairs::Vote::abstain}});

        records::NewRecord record;
        record.type = records::RecordType::minutes;
        record.council = kCouncil;
        record.title = "محضر الجلسة العادية الأولى";
        record.date = held.date;
        record.access = records::AccessLevel::public_access;
        record.body = "افتتح الرئيس الجلسة.";
        record.fields[affairs::field::meeting] = held.record.id;
        record.fields[affairs::field::term] = std::string("T4");
        minutes = service->store().create(record, "test");
    }

    affairs::Member addMember(const std::string& nameAr, const std::string& nameEn, affairs::MemberRole role,
        bool withContact)
    {
        affairs::Member value;
        value.council = kCouncil;
        value.term = "T4";
        value.nameAr = nameAr;
        value.nameEn = nameEn;
        value.role = role;
        value.committees = {"لجنة الخدمات"};
        value.startsOn = CalendarDate::parse("1445-01-01");
        std::optional<affairs::MemberContact> contact;
        if (withContact) {
            contact.emplace();
            contact->council = kCouncil;
            contact->phone = kPhone;
            contact->email = kEmail;
            contact->address = kAddress;
        }
        return service->affairs().createMember(value, contact, by);
    }

    affairs::Meeting addMeeting(const std::string& title, const std::string& date, affairs::MeetingStatus status,
        records::AccessLevel access, const std::map<std::string, affairs::Attendance>& attendance)
    {
        affairs::Meeting value;
        value.record.access = access;
        value.council = kCouncil;
        value.term = "T4";
        value.title = title;
        value.date = CalendarDate::parse(date);
        value.status = status;
        value.agenda = {"مشروع تطوير الحدائق", "تسمية الشوارع"};
        value.attendance = attendance;
        return service->affairs().createMeeting(value, by);
    }

    affairs::Decision addDecision(const std::string& title, const std::string& meeting, records::AccessLevel access,
        const std::map<std::string, affairs::Vote>& votes)
    {
        affairs::Decision value;
        value.record.access = access;
        value.council = kCouncil;
        value.term = "T4";
        value.title = title;
        value.text = "قرر المجلس الموافقة على المشروع.";
        value.date = CalendarDate::parse("1446-02-10");
        value.meeting = meeting;
        value.agendaItem = 1;
        value.votes = affairs::VoteCount{static_cast<int>(votes.size()) - 1, 1, 0};
        value.memberVotes = votes;
        return service->affairs().createDecision(value, by);
    }

    HttpReply get(const std::string& path, bool asAdministrator = false)
    {
        std::map<std::string, std::string> headers;
        if (asAdministrator)
            headers["Authorization"] = basicAuthorization("admin", adminPassword());
        return httpRequest(port(), "GET", path, headers);
    }
};

} // namespace majlis::test
