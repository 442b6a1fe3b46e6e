// The member, meeting and decision pages of the council affairs.

#include "core/Error.h"
#include "web/AffairsView.h"
#include "web/CouncilPagesSupport.h"
#include "web/RecordView.h"

namespace majlis::web::council {

namespace {

using nlohmann::json;

// The council's link, or its bare code when the caller may not read the council record.
json councilOrCode(const PageRequest& page, const Context& context, const std::string& code,
    const affairs::ReadFilter& canRead)
{
    try {
        return councilLinkView(page.language, context.affairs.council(code, canRead));
    } catch (const Error& error) {
        if (error.code() != ErrorCode::not_found)
            throw;
        return {{"name", code}, {"name_lang", "en"}, {"code", code}, {"url", nullptr}};
    }
}

json termNameOrCode(const PageRequest& page, const Context& context, const std::string& code,
    const affairs::ReadFilter& canRead)
{
    if (code.empty())
        return nullptr;
    try {
        const affairs::Term term = context.affairs.term(code, canRead);
        return nameView(page.language, term.nameAr, term.nameEn);
    } catch (const Error& error) {
        if (error.code() != ErrorCode::not_found)
            throw;
        return nameView(page.language, code, "");
    }
}

json memberFactsView(const PageRequest& page, const Context& context, const affairs::Member& member,
    const affairs::ReadFilter& canRead)
{
    const Catalogue& catalogue = context.renderer.catalogue();
    json view = memberRowView(page.language, catalogue, member);
    view["title"] = view["name"];
    const std::string& otherName = page.language.code == "en" ? member.nameAr : member.nameEn;
    view["other_name"] = optionalText(otherName == view["name"].get<std::string>() ? "" : otherName);
    view["other_name_lang"] = textLanguage(otherName);
    view["council"] = councilOrCode(page, context, member.council, canRead);
    view["term"] = termNameOrCode(page, context, member.term, canRead);
    view["starts_on"] = dateView(page.language, member.startsOn);
    view["committees"] = member.committees;
    view["has_committees"] = !member.committees.empty();
    if (!member.replaces.empty()) {
        try {
            const affairs::Member replaced = context.affairs.member(member.replaces, canRead);
            view["replaces"] = memberRowView(page.language, catalogue, replaced);
        } catch (const Error& error) {
            if (error.code() != ErrorCode::not_found)
                throw;
        }
    }
    return view;
}

// GET /members/{id}: the public facts of a membership, its attendance, its
// votes and the member files the caller may read. Contact details are a
// separate confidential record that this page never reads.
void showMember(PageRequest& page, const Context& context)
{
    const Catalogue& catalogue = context.renderer.catalogue();
    const affairs::ReadFilter canRead = readFilterOf(page);
    const affairs::Member member = context.affairs.member(page.exchange.param("id"), canRead);
    json data = memberFactsView(page, context, member, canRead);

    // The summary row comes from the council's indicators for the member's
    // term, so the page and the council's table always agree.
    try {
        const auto indicators = context.affairs.indicators(member.council, member.term, canRead);
        for (const affairs::MemberAttendance& row : indicators.attendance)
            if (row.member == member.record.id)
                data["summary"] = attendanceRowView(page.language, catalogue, row, &member);
    } catch (const Error& error) {
        if (error.code() != ErrorCode::not_found)
            throw;
    }

    json attendance = json::array();
    for (const affairs::Meeting& meeting : context.affairs.meetings(member.council, canRead)) {
        const auto value = meeting.attendance.find(member.record.id);
        if (value == meeting.attendance.end())
            continue;
        json row = meetingRowView(page.language, catalogue, meeting);
        setEnumValue(row, "attendance", page.language, catalogue, value->second);
        attendance.push_back(std::move(row));
    }
    data["has_attendance"] = !attendance.empty();
    data["attendance"] = std::move(attendance);

    json files = json::array();
    for (const affairs::MemberFile& file : context.affairs.memberFiles(member.record.id, canRead))
        files.push_back({
            {"title", file.title},
            {"title_lang", textLanguage(file.title)},
            {"url", publicRecordUrl(file.record)},
            {"date", dateView(page.language, file.date)},
            {"access_label", catalogue.text(page.language, "access_" + std::string(records::toString(file.record.access)))},
        });
    data["has_files"] = !files.empty();
    data["files"] = std::move(files);

    json votes = json::array();
    for (const affairs::Decision& decision : context.affairs.decisions(member.council, 0, canRead)) {
        const auto vote = decision.memberVotes.find(member.record.id);
        if (vote == decision.memberVotes.end())
            continue;
        json row = decisionRowView(page.language, catalogue, decision);
        setEnumValue(row, "vote", page.language, catalogue, vote->second);
        votes.push_back(std::move(row));
    }
    data["has_votes"] = !votes.empty();
    data["votes"] = std::move(votes);
    context.renderer.send(page, 200, "member", data);
}

// The agenda items, each with the readable decisions taken on it.
json agendaView(const PageRequest& page, const Catalogue& catalogue, const affairs::Meeting& meeting,
    const std::vector<affairs::Decision>& decisions)
{
    json items = json::array();
    for (std::size_t i = 0; i < meeting.agenda.size(); ++i) {
        json linked = json::array();
        for (const affairs::Decision& decision : decisions)
            if (decision.agendaItem == static_cast<int>(i + 1))
                linked.push_back(decisionRowView(page.language, catalogue, decision));
        items.push_back({
            {"number", formatNumber(page.language, static_cast<std::int64_t>(i + 1))},
            {"text", meeting.agenda[i]},
            {"text_lang", textLanguage(meeting.agenda[i])},
            {"has_decisions", !linked.empty()},
            {"decisions", std::move(linked)},
        });
    }
    return items;
}

// GET /meetings/{id}: agenda, attendance of the readable members, linked minutes and decisions.
void showMeeting(PageRequest& page, const Context& context)
{
    const Catalogue& catalogue = context.renderer.catalogue();
    const affairs::ReadFilter canRead = readFilterOf(page);
    const affairs::Meeting meeting = context.affairs.meeting(page.exchange.param("id"), canRead);
    const std::vector<affairs::Decision> decisions = context.affairs.decisionsOf(meeting.record.id, canRead);

    json data = meetingRowView(page.language, catalogue, meeting);
    data["council"] = councilOrCode(page, context, meeting.council, canRead);
    data["term"] = termNameOrCode(page, context, meeting.term, canRead);
    data["agenda"] = agendaView(page, catalogue, meeting, decisions);
    data["has_agenda"] = !meeting.agenda.empty();

    json attendance = json::array();
    for (const affairs::Member& member : context.affairs.members(meeting.council, meeting.term, canRead)) {
        const auto value = meeting.attendance.find(member.record.id);
        if (value == meeting.attendance.end())
            continue;
        json row = memberRowView(page.language, catalogue, member);
        setEnumValue(row, "attendance", page.language, catalogue, value->second);
        attendance.push_back(std::move(row));
    }
    data["has_attendance"] = !attendance.empty();
    data["attendance"] = std::move(attendance);

    json minutes = json::array();
    for (const affairs::Minutes& entry : context.affairs.minutesOf(meeting.record.id, canRead))
        minutes.push_back({
            {"title", entry.title},
            {"title_lang", textLanguage(entry.title)},
            {"url", publicRecordUrl(entry.record)},
            {"date", dateView(page.language, entry.date)},
            {"files_text", filesText(page.language, catalogue, entry)},
        });
    data["has_minutes"] = !minutes.empty();
    data["minutes"] = std::move(minutes);

    json decisionRows = json::array();
    for (const affairs::Decision& decision : decisions)
        decisionRows.push_back(decisionRowView(page.language, catalogue, decision));
    data["has_decisions"] = !decisionRows.empty();
    data["decisions"] = std::move(decisionRows);
    context.renderer.send(page, 200, "meeting", data);
}

json statusHistoryView(const PageRequest& page, const Catalogue& catalogue, const affairs::Decision& decision)
{
    json history = json::array();
    for (const affairs::StatusChange& change : decision.statusHistory)
        history.push_back({
            {"status", std::string(affairs::toString(change.status))},
            {"label", enumLabel(page.language, catalogue, "decision_status_", change.status)},
            {"date", dateView(page.language, change.on)},
        });
    return history;
}

// The meeting a decision was taken at and its agenda item, when the caller may read the meeting.
json decisionMeetingView(const PageRequest& page, const Context& context, const affairs::Decision& decision,
    const affairs::ReadFilter& canRead)
{
    if (decision.meeting.empty())
        return nullptr;
    try {
        const affairs::Meeting meeting = context.affairs.meeting(decision.meeting, canRead);
        json view = meetingRowView(page.language, context.renderer.catalogue(), meeting);
        if (decision.agendaItem && *decision.agendaItem >= 1
            && static_cast<std::size_t>(*decision.agendaItem) <= meeting.agenda.size()) {
            const std::string& item = meeting.agenda[static_cast<std::size_t>(*decision.agendaItem - 1)];
            view["agenda_item"] = {{"number", formatNumber(page.language, *decision.agendaItem)}, {"text", item},
                {"text_lang", textLanguage(item)}};
        }
        return view;
    } catch (const Error& error) {
        if (error.code() != ErrorCode::not_found)
            throw;
        return nullptr;
    }
}

json memberVotesView(const PageRequest& page, const Context& context, const affairs::Decision& decision,
    const affairs::ReadFilter& canRead)
{
    const Catalogue& catalogue = context.renderer.catalogue();
    json votes = json::array();
    for (const affairs::Member& member : context.affairs.members(decision.council, decision.term, canRead)) {
        const auto vote = decision.memberVotes.find(member.record.id);
        if (vote == decision.memberVotes.end())
            continue;
        json row = memberRowView(page.language, catalogue, member);
        setEnumValue(row, "vote", page.language, catalogue, vote->second);
        votes.push_back(std::move(row));
    }
    return votes;
}

// GET /decisions/{id}: text, votes, status history with dates, and links to
// its meeting, agenda item and the citizen submission it answers.
void showDecision(PageRequest& page, const Context& context)
{
    const Catalogue& catalogue = context.renderer.catalogue();
    const affairs::ReadFilter canRead = readFilterOf(page);
    const affairs::Decision decision = context.affairs.decision(page.exchange.param("id"), canRead);

    json data = decisionRowView(page.language, catalogue, decision);
    data["council"] = councilOrCode(page, context, decision.council, canRead);
    data["term"] = termNameOrCode(page, context, decision.term, canRead);
    data["text"] = optionalText(decision.text);
    data["text_lang"] = textLanguage(decision.text);
    data["meeting"] = decisionMeetingView(page, context, decision, canRead);
    data["record_url"] = publicRecordUrl(decision.record);
    if (decision.votes)
        data["votes"] = {
            {"in_favour", formatNumber(page.language, decision.votes->inFavour)},
            {"against", formatNumber(page.language, decision.votes->against)},
            {"abstain", formatNumber(page.language, decision.votes->abstain)},
        };
    json memberVotes = memberVotesView(page, context, decision, canRead);
    data["has_member_votes"] = !memberVotes.empty();
    data["member_votes"] = std::move(memberVotes);
    data["status_history"] = statusHistoryView(page, catalogue, decision);

    // The submission it answers is linked only for a caller who may read it.
    if (!decision.answers.empty())
        if (const auto submission = context.store.find(decision.answers); submission && canRead(*submission))
            data["answers"] = {{"title", submission->title}, {"title_lang", textLanguage(submission->title)},
                {"url", publicRecordUrl({submission->id, submission->version, submission->access})}};
    context.renderer.send(page, 200, "decision", data);
}

using ShowPage = void (*)(PageRequest&, const Context&);

// Runs `show`. A readable record that the affairs mapping cannot parse, such
// as a decision uploaded without a date, is sent to its record page instead.
void showOrRedirect(PageRequest& page, const Context& context, ShowPage show)
{
    try {
        show(page, context);
    } catch (const Error& error) {
        if (error.code() != ErrorCode::invalid_argument || page.exchange.response.sent())
            throw;
        context.renderer.redirect(page, "/records/" + encodeUrlComponent(page.exchange.param("id")));
    }
}

} // namespace

void addRecordPages(Router& router, std::shared_ptr<const Context> context)
{
    const PageRenderer& renderer = context->renderer;
    const std::vector<std::pair<std::string, ShowPage>> routes = {
        {"/members/{id}", showMember},
        {"/meetings/{id}", showMeeting},
        {"/decisions/{id}", showDecision},
    };
    for (const auto& [pattern, show] : routes)
        router.add("GET", pattern, renderer.page([context, show](PageRequest& page) {
            showOrRedirect(page, *context, show);
        }));
}

} // namespace majlis::web::council
