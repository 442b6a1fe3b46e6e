#pragma once

#include "affairs/Affairs.h"
#include "tests/support/TempDir.h"

#include <memory>

namespace majlis::test {

// A fresh record store with the shipped councils and terms seeded, and
// helpers that add members, meetings and decisions to one council.
struct AffairsFixture {
    TempDir dir;
    records::RecordStore store{dir.path()};
    affairs::Affairs affairs{store};
    affairs::ChangeAuthor by{"test", "test change"};

    AffairsFixture() { affairs.seed(); }

    affairs::Member addMember(const std::string& council, const std::string& name,
        affairs::MemberRole role = affairs::MemberRole::member, const std::string& phone = "")
    {
        affairs::Member member;
        member.council = council;
        member.term = "T4";
        member.nameAr = name;
        member.role = role;
        member.startsOn = CalendarDate::parse("1445-01-01");
        std::optional<affairs::MemberContact> contact;
        if (!phone.empty()) {
            contact.emplace();
            contact->phone = phone;
            contact->email = "member@example.org";
            contact->address = "حي العليا";
        }
        return affairs.createMember(member, contact, by);
    }

    affairs::Meeting addMeeting(const std::string& council, const std::string& date,
        affairs::MeetingStatus status = affairs::MeetingStatus::held,
        const std::map<std::string, affairs::Attendance>& attendance = {})
    {
        affairs::Meeting meeting;
        meeting.council = council;
        meeting.term = "T4";
        meeting.title = "جلسة عادية";
        meeting.date = CalendarDate::parse(date);
        meeting.status = status;
        meeting.agenda = {"مناقشة الميزانية", "تسمية الشوارع"};
        meeting.attendance = attendance;
        return affairs.createMeeting(meeting, by);
    }

    affairs::Decision addDecision(const std::string& council, const std::string& date, const std::string& meeting = "")
    {
        affairs::Decision decision;
        decision.council = council;
        decision.term = "T4";
        decision.title = "قرار بشأن الميزانية";
        decision.text = "قرر المجلس الموافقة على مشروع الميزانية.";
        decision.date = CalendarDate::parse(date);
        decision.meeting = meeting;
        if (!meeting.empty())
            decision.agendaItem = 1;
        return affairs.createDecision(decision, by);
    }

    affairs::Decision changeDecisionStatus(const std::string& id, affairs::DecisionStatus status, const std::string& on)
    {
        return affairs.changeDecisionStatus(id, status, CalendarDate::parse(on), by);
    }
};

} // namespace majlis::test
