#include "affairs/Affairs.h"

#include "affairs/ReferenceData.h"
#include "core/Error.h"
#include "core/Log.h"

#include <algorithm>
#include <regex>

namespace majlis::affairs {

namespace {

using records::RecordType;
using records::RecordVersion;

Error invalid(const std::string& id, const std::string& message, Error::Params params = {})
{
    return Error(ErrorCode::invalid_argument, id, message, std::move(params));
}

Error notFound(const std::string& what, const std::string& value, const std::string& fix)
{
    return Error(ErrorCode::not_found, "error." + what + "_not_found", what + " '" + value + "' not found; " + fix,
        {{"value", value}});
}

void requireName(const std::string& what, const std::string& value, bool required)
{
    if (required && value.empty())
        throw invalid("error.missing_field", what + " is empty; give " + what, {{"field", what}});
    if (value.size() > kMaxNameBytes)
        throw invalid("error.too_long",
            what + " is " + std::to_string(value.size()) + " bytes long; keep it to " + std::to_string(kMaxNameBytes),
            {{"field", what}});
    if (value.find('\n') != std::string::npos)
        throw invalid("error.line_break", what + " contains a line break; write it on one line", {{"field", what}});
}

void requireMatch(const std::string& what, const std::string& value, const std::regex& pattern, const std::string& example)
{
    if (value.size() > 32 || !std::regex_match(value, pattern))
        throw invalid("error.invalid_code", "invalid " + what + " '" + value + "'; write it like " + example,
            {{"field", what}, {"value", value}});
}

const Council& requireCouncil(const AffairsSnapshot& snapshot, const std::string& code)
{
    const Council* council = snapshot.findCouncil(code);
    if (!council)
        throw invalid("error.unknown_council_code",
            "unknown council '" + code + "'; use a code listed by GET /api/v1/councils", {{"value", code}});
    return *council;
}

const Term& requireTerm(const AffairsSnapshot& snapshot, const std::string& code)
{
    const Term* term = snapshot.findTerm(code);
    if (!term)
        throw invalid("error.unknown_term", "unknown term '" + code + "'; use a code listed by GET /api/v1/terms",
            {{"value", code}});
    return *term;
}

void requireInTerm(const Term& term, const CalendarDate& date, const std::string& what)
{
    if (!term.contains(date))
        throw invalid("error.date_outside_term",
            what + " " + date.toIsoString() + " is outside term " + term.code + " (" + term.startsOn.toIsoString()
                + " to " + term.endsOn.toIsoString() + "); give a date inside the term or another term",
            {{"value", date.toIsoString()}, {"term", term.code}});
}

// The member ids of `council` in `term`, whatever the caller may read.
std::set<std::string> memberIds(const AffairsSnapshot& snapshot, const std::string& council, const std::string& term)
{
    std::set<std::string> ids;
    for (const Member& member : snapshot.ofCouncil<Member>(council, readAll))
        if (member.term == term)
            ids.insert(member.record.id);
    return ids;
}

void requireMembers(const std::set<std::string>& members, const std::string& id, const std::string& council,
    const std::string& term)
{
    if (!members.contains(id))
        throw invalid("error.not_a_member",
            "record '" + id + "' is not a member of council " + council + " in term " + term
                + "; give the id of one of its members",
            {{"value", id}});
}

} // namespace

bool readAll(const RecordVersion&)
{
    return true;
}

Affairs::Affairs(records::RecordStore& store)
    : store_(store)
    , cache_(store)
{
}

std::size_t Affairs::seed(const std::string& author)
{
    const auto current = snapshot();
    const ReferenceData& data = referenceData();
    std::vector<records::NewRecord> records;
    for (const TermSeed& seed : data.terms) {
        if (current->findTerm(seed.code))
            continue;
        Term term;
        term.code = seed.code;
        term.nameAr = seed.nameAr;
        term.nameEn = seed.nameEn;
        term.startsOn = seed.startsOn;
        term.endsOn = seed.endsOn;
        validate(term);
        records.push_back(toNewRecord(term));
    }
    for (const CouncilSeed& seed : data.councils) {
        if (current->findCouncil(seed.code))
            continue;
        Council council;
        council.code = seed.code;
        council.nameAr = seed.nameAr;
        council.nameEn = seed.nameEn;
        council.region = seed.region;
        council.municipality = seed.municipality;
        council.category = seed.category;
        council.seats = seed.seats;
        validate(council);
        records.push_back(toNewRecord(council));
    }
    if (records.empty())
        return 0;
    store_.createAll(records, author,
        "reference data, councils file version " + std::to_string(data.councilsFileVersion));
    logger("affairs").information("added %z councils and terms from the reference data", records.size());
    return records.size();
}

RecordVersion Affairs::readable(const std::string& id, RecordType type, const ReadFilter& canRead) const
{
    const std::string what(records::toString(type));
    const auto version = id.size() <= 64 ? store_.find(id) : std::nullopt;
    if (!version || version->type != type || !canRead(*version))
        throw notFound(what, id, "check the id");
    return *version;
}

std::vector<Council> Affairs::councils(const ReadFilter& canRead, const std::optional<std::string>& region) const
{
    if (region)
        requireRegion(*region);
    std::vector<Council> list;
    for (const Council& council : snapshot()->all<Council>(canRead))
        if (!region || council.region == *region)
            list.push_back(council);
    std::sort(list.begin(), list.end(), [](const Council& a, const Council& b) { return a.code < b.code; });
    return list;
}

Council Affairs::council(const std::string& code, const ReadFilter& canRead) const
{
    const auto current = snapshot();
    const auto id = current->councilIds.find(code);
    if (id == current->councilIds.end() || !canRead(current->entries.at(id->second).header))
        throw notFound("council", code, "use a code listed by GET /api/v1/councils");
    return std::get<Council>(current->entries.at(id->second).item);
}

std::vector<Term> Affairs::terms(const ReadFilter& canRead) const
{
    std::vector<Term> list = snapshot()->all<Term>(canRead);
    std::sort(list.begin(), list.end(), [](const Term& a, const Term& b) { return a.startsOn < b.startsOn; });
    return list;
}

Term Affairs::term(const std::string& code, const ReadFilter& canRead) const
{
    const auto current = snapshot();
    const auto id = current->termIds.find(code);
    if (id == current->termIds.end() || !canRead(current->entries.at(id->second).header))
        throw notFound("term", code, "use a code listed by GET /api/v1/terms");
    return std::get<Term>(current->entries.at(id->second).item);
}

Term Affairs::currentTerm(const ReadFilter& canRead) const
{
    const std::vector<Term> list = terms(canRead);
    if (list.empty())
        throw notFound("term", "current", "create a term first");
    const CalendarDate today = CalendarDate::today();
    for (const Term& term : list)
        if (term.contains(today))
            return term;
    return list.back();
}

std::vector<Member> Affairs::members(const std::string& council, const std::string& term, const ReadFilter& canRead) const
{
    std::vector<Member> list;
    for (const Member& member : snapshot()->ofCouncil<Member>(council, canRead))
        if (term.empty() || member.term == term)
            list.push_back(member);
    // The chair first, then the deputy, then members by name.
    std::sort(list.begin(), list.end(), [](const Member& a, const Member& b) {
        if (a.role != b.role)
            return a.role < b.role;
        return a.nameAr < b.nameAr;
    });
    return list;
}

Member Affairs::member(const std::string& id, const ReadFilter& canRead) const
{
    return memberFromRecord(readable(id, RecordType::member, canRead));
}

std::optional<MemberContact> Affairs::contact(const std::string& memberId, const ReadFilter& canRead) const
{
    const auto current = snapshot();
    const auto id = current->contactIds.find(memberId);
    if (id == current->contactIds.end())
        return std::nullopt;
    const auto version = store_.find(id->second);
    if (!version || version->type != RecordType::member_contact || !canRead(*version))
        return std::nullopt;
    return contactFromRecord(*version);
}

std::vector<MemberFile> Affairs::memberFiles(const std::string& memberId, const ReadFilter& canRead) const
{
    const Member found = member(memberId, canRead);
    std::vector<MemberFile> list;
    snapshot()->forEachOfCouncil<MemberFile>(found.council, canRead, [&](const MemberFile& file) {
        if (file.member == memberId)
            list.push_back(file);
    });
    return list;
}

std::vector<Meeting> Affairs::meetings(const std::string& council, const ReadFilter& canRead) const
{
    std::vector<Meeting> list = snapshot()->ofCouncil<Meeting>(council, canRead);
    std::sort(list.begin(), list.end(), [](const Meeting& a, const Meeting& b) { return a.date > b.date; });
    return list;
}

Meeting Affairs::meeting(const std::string& id, const ReadFilter& canRead) const
{
    return meetingFromRecord(readable(id, RecordType::meeting, canRead));
}

std::vector<Decision> Affairs::decisions(const std::string& council, int hijriYear, const ReadFilter& canRead) const
{
    std::vector<Decision> list;
    for (const Decision& decision : snapshot()->ofCouncil<Decision>(council, canRead))
        if (hijriYear == 0 || decision.hijriYear() == hijriYear)
            list.push_back(decision);
    std::sort(list.begin(), list.end(), [](const Decision& a, const Decision& b) {
        if (a.date != b.date)
            return a.date > b.date;
        return a.number > b.number;
    });
    return list;
}

Decision Affairs::decision(const std::string& id, const ReadFilter& canRead) const
{
    return decisionFromRecord(readable(id, RecordType::decision, canRead));
}

std::vector<Minutes> Affairs::minutesOf(const std::string& meetingId, const ReadFilter& canRead) const
{
    const Meeting found = meeting(meetingId, canRead);
    std::vector<Minutes> list;
    for (const Minutes& minutes : snapshot()->ofCouncil<Minutes>(found.council, canRead))
        if (minutes.meeting == meetingId)
            list.push_back(minutes);
    return list;
}

std::vector<Decision> Affairs::decisionsOf(const std::string& meetingId, const ReadFilter& canRead) const
{
    const Meeting found = meeting(meetingId, canRead);
    std::vector<Decision> list;
    for (const Decision& decision : snapshot()->ofCouncil<Decision>(found.council, canRead))
        if (decision.meeting == meetingId)
            list.push_back(decision);
    std::sort(list.begin(), list.end(), [](const Decision& a, const Decision& b) {
        return a.agendaItem.value_or(0) < b.agendaItem.value_or(0);
    });
    return list;
}

CouncilIndicators Affairs::indicators(const std::string& code, const std::string& termCode, const ReadFilter& canRead) const
{
    council(code, canRead);
    const Term chosen = termCode.empty() ? currentTerm(canRead) : term(termCode, canRead);
    return councilIndicators(*snapshot(), code, chosen, canRead);
}

std::vector<RegionIndicators> Affairs::overview(
    const std::string& termCode, const ReadFilter& canRead, const std::string& visibilityKey) const
{
    const auto current = snapshot();
    const Term chosen = termCode.empty() ? currentTerm(canRead) : term(termCode, canRead);
    const std::string key = visibilityKey + '\n' + chosen.code;
    if (!visibilityKey.empty()) {
        std::lock_guard lock(overviewMutex_);
        const auto cached = overviews_.find(key);
        if (cached != overviews_.end() && cached->second.auditSequence == current->auditSequence)
            return cached->second.rows;
    }
    std::vector<RegionIndicators> rows = regionIndicators(*current, chosen, canRead);
    if (!visibilityKey.empty()) {
        std::lock_guard lock(overviewMutex_);
        overviews_[key] = {current->auditSequence, rows};
    }
    return rows;
}

void Affairs::validate(const Council& council) const
{
    static const std::regex code("[A-Z]{2}-[0-9]{2,3}");
    requireMatch("council code", council.code, code, "RD-01 (region code, '-', two or three digits)");
    requireRegion(council.region);
    if (!council.code.starts_with(council.region + "-"))
        throw invalid("error.code_region_mismatch",
            "council code '" + council.code + "' does not start with its region '" + council.region
                + "-'; use a code of that region",
            {{"value", council.code}});
    requireName("name_ar", council.nameAr, true);
    requireName("name_en", council.nameEn, false);
    requireName("municipality", council.municipality, false);
    static const std::regex category("[a-z_]{1,32}");
    requireMatch("category", council.category, category, "amana, a, b or c");
    if (council.seats < 1 || council.seats > kMaxSeats)
        throw invalid("error.invalid_seats",
            "invalid seats " + std::to_string(council.seats) + "; give 1 to " + std::to_string(kMaxSeats)
                + " (the Municipal Councils Law caps a council at 30 members)",
            {{"value", std::to_string(council.seats)}});
}

void Affairs::validate(const Term& term) const
{
    static const std::regex code("[A-Z][A-Z0-9-]{0,15}");
    requireMatch("term code", term.code, code, "T4");
    requireName("name_ar", term.nameAr, true);
    requireName("name_en", term.nameEn, false);
    if (!(term.startsOn < term.endsOn))
        throw invalid("error.invalid_period",
            "term " + term.code + " ends (" + term.endsOn.toIsoString() + ") before it starts ("
                + term.startsOn.toIsoString() + "); give an end after the start",
            {{"value", term.endsOn.toIsoString()}});
}

void Affairs::validate(const Member& member, const AffairsSnapshot& snapshot) const
{
    requireCouncil(snapshot, member.council);
    const Term& term = requireTerm(snapshot, member.term);
    requireName("name_ar", member.nameAr, true);
    requireName("name_en", member.nameEn, false);
    if (member.committees.size() > kMaxCommittees)
        throw invalid("error.too_many_items",
            std::to_string(member.committees.size()) + " committees; give at most " + std::to_string(kMaxCommittees),
            {{"field", "committees"}});
    for (const std::string& committee : member.committees) {
        requireName("committee", committee, true);
        if (committee.size() > kMaxCommitteeBytes)
            throw invalid("error.too_long", "committee name longer than " + std::to_string(kMaxCommitteeBytes)
                + " bytes; shorten it", {{"field", "committees"}});
    }
    requireInTerm(term, member.startsOn, "start");
    if (member.endsOn.has_value() != member.endReason.has_value())
        throw invalid("error.end_incomplete",
            "a membership that ends needs both ends_on and end_reason; give both or neither", {{"field", "end_reason"}});
    if (member.endsOn && *member.endsOn < member.startsOn)
        throw invalid("error.invalid_period",
            "membership ends (" + member.endsOn->toIsoString() + ") before it starts (" + member.startsOn.toIsoString()
                + "); give an end after the start",
            {{"value", member.endsOn->toIsoString()}});
    if (!member.replaces.empty())
        requireMembers(memberIds(snapshot, member.council, member.term), member.replaces, member.council, member.term);
}

void Affairs::validate(const MemberContact& contact) const
{
    for (const auto& [what, value] :
        {std::pair{"phone", &contact.phone}, std::pair{"email", &contact.email}, std::pair{"address", &contact.address}}) {
        if (value->size() > kMaxContactBytes)
            throw invalid("error.too_long",
                std::string(what) + " is longer than " + std::to_string(kMaxContactBytes) + " bytes; shorten it",
                {{"field", what}});
    }
}

void Affairs::validate(const Meeting& meeting, const AffairsSnapshot& snapshot) const
{
    requireCouncil(snapshot, meeting.council);
    const Term& term = requireTerm(snapshot, meeting.term);
    requireInTerm(term, meeting.date, "meeting date");
    requireName("title", meeting.title, true);
    if (meeting.agenda.size() > kMaxAgendaItems)
        throw invalid("error.too_many_items",
            std::to_string(meeting.agenda.size()) + " agenda items; give at most " + std::to_string(kMaxAgendaItems),
            {{"field", "agenda"}});
    for (const std::string& item : meeting.agenda)
        if (item.empty() || item.size() > kMaxAgendaItemBytes)
            throw invalid("error.invalid_agenda_item",
                "an agenda item is empty or longer than " + std::to_string(kMaxAgendaItemBytes)
                    + " bytes; give each item as text of that size",
                {{"field", "agenda"}});
    if (!meeting.attendance.empty() && meeting.status != MeetingStatus::held)
        throw invalid("error.attendance_before_meeting",
            "attendance is recorded for held meetings only; set the status to held first", {{"field", "attendance"}});
    const auto members = memberIds(snapshot, meeting.council, meeting.term);
    for (const auto& [member, attendance] : meeting.attendance)
        requireMembers(members, member, meeting.council, meeting.term);
}

void Affairs::validate(const Decision& decision, const AffairsSnapshot& snapshot) const
{
    const Council& council = requireCouncil(snapshot, decision.council);
    const Term& term = requireTerm(snapshot, decision.term);
    requireInTerm(term, decision.date, "decision date");
    requireName("title", decision.title, true);
    if (decision.text.size() > (std::size_t(1) << 20))
        throw invalid("error.too_long", "the decision text is longer than 1 MiB; attach long texts as files",
            {{"field", "text"}});

    if (!decision.meeting.empty()) {
        const auto entry = snapshot.entries.find(decision.meeting);
        const Meeting* meeting = entry == snapshot.entries.end() ? nullptr : std::get_if<Meeting>(&entry->second.item);
        if (!meeting || meeting->council != decision.council)
            throw invalid("error.unknown_meeting",
                "meeting '" + decision.meeting + "' is not a meeting of council " + decision.council
                    + "; give the id of one of its meetings",
                {{"value", decision.meeting}});
        if (decision.agendaItem && (*decision.agendaItem < 1 || *decision.agendaItem > int(meeting->agenda.size())))
            throw invalid("error.unknown_agenda_item",
                "agenda item " + std::to_string(*decision.agendaItem) + " is not on the agenda of meeting "
                    + decision.meeting + " (" + std::to_string(meeting->agenda.size()) + " items); give 1 to "
                    + std::to_string(meeting->agenda.size()),
                {{"value", std::to_string(*decision.agendaItem)}});
    } else if (decision.agendaItem) {
        throw invalid("error.agenda_item_without_meeting", "an agenda item needs its meeting; give 'meeting' too",
            {{"field", "agenda_item"}});
    }
    if (!decision.answers.empty()) {
        const auto entry = snapshot.entries.find(decision.answers);
        if (entry == snapshot.entries.end() || !std::holds_alternative<Submission>(entry->second.item))
            throw invalid("error.unknown_submission",
                "'" + decision.answers + "' is not a citizen submission; give the id of a citizen_submission record",
                {{"value", decision.answers}});
    }
    if (decision.votes) {
        const VoteCount& votes = *decision.votes;
        if (votes.inFavour < 0 || votes.against < 0 || votes.abstain < 0
            || votes.inFavour + votes.against + votes.abstain > council.seats)
            throw invalid("error.invalid_votes",
                "votes " + std::to_string(votes.inFavour) + "/" + std::to_string(votes.against) + "/"
                    + std::to_string(votes.abstain) + " are negative or exceed the council's "
                    + std::to_string(council.seats) + " seats; give counts that fit",
                {{"field", "votes"}});
    }
    const auto members = memberIds(snapshot, decision.council, decision.term);
    for (const auto& [member, vote] : decision.memberVotes)
        requireMembers(members, member, decision.council, decision.term);
    if (std::none_of(decision.statusHistory.begin(), decision.statusHistory.end(),
            [&](const StatusChange& change) { return change.status == decision.status; }))
        throw invalid("error.status_without_date",
            "status " + std::string(toString(decision.status)) + " has no date; give the date it was reached",
            {{"field", "status"}});
}

RecordVersion Affairs::storeEdit(const std::string& id, const records::NewRecord& desired, const ChangeAuthor& by)
{
    return store_.update(id, changeBetween(store_.current(id), desired, by.reason), by.author);
}

Council Affairs::createCouncil(Council council, const ChangeAuthor& by)
{
    validate(council);
    if (snapshot()->findCouncil(council.code))
        throw Error(ErrorCode::conflict, "error.council_exists",
            "council '" + council.code + "' exists; edit it or choose another code", {{"value", council.code}});
    return councilFromRecord(store_.create(toNewRecord(council), by.author, by.reason));
}

Council Affairs::updateCouncil(const std::string& code, Council council, const ChangeAuthor& by)
{
    const Council existing = this->council(code, readAll);
    if (council.code != code)
        throw invalid("error.code_fixed",
            "a council's code cannot change (from '" + code + "' to '" + council.code + "'); create a new council",
            {{"value", council.code}});
    validate(council);
    return councilFromRecord(storeEdit(existing.record.id, toNewRecord(council), by));
}

Term Affairs::createTerm(Term term, const ChangeAuthor& by)
{
    validate(term);
    if (snapshot()->findTerm(term.code))
        throw Error(ErrorCode::conflict, "error.term_exists", "term '" + term.code + "' exists; edit it or choose another code",
            {{"value", term.code}});
    return termFromRecord(store_.create(toNewRecord(term), by.author, by.reason));
}

Term Affairs::updateTerm(const std::string& code, Term term, const ChangeAuthor& by)
{
    const Term existing = this->term(code, readAll);
    if (term.code != code)
        throw invalid("error.code_fixed",
            "a term's code cannot change (from '" + code + "' to '" + term.code + "'); create a new term",
            {{"value", term.code}});
    validate(term);
    return termFromRecord(storeEdit(existing.record.id, toNewRecord(term), by));
}

Member Affairs::createMember(Member member, const std::optional<MemberContact>& contact, const ChangeAuthor& by)
{
    validate(member, *snapshot());
    std::vector<records::NewRecord> records = {toNewRecord(member)};
    if (contact) {
        validate(*contact);
        MemberContact linked = *contact;
        linked.council = member.council;
        records.push_back(toNewRecord(linked));
        records.back().batchLinks[field::member] = 0;
    }
    const std::vector<RecordVersion> stored = store_.createAll(records, by.author, by.reason);
    return memberFromRecord(stored.front());
}

Member Affairs::updateMember(const std::string& id, Member member, const ChangeAuthor& by)
{
    const Member existing = this->member(id, readAll);
    if (member.council != existing.council)
        throw invalid("error.council_fixed",
            "a membership cannot move to another council; end it and create a membership in council " + member.council,
            {{"value", member.council}});
    validate(member, *snapshot());
    return memberFromRecord(storeEdit(id, toNewRecord(member), by));
}

MemberContact Affairs::updateContact(const std::string& memberId, MemberContact contact, const ChangeAuthor& by)
{
    const Member existing = member(memberId, readAll);
    validate(contact);
    contact.member = memberId;
    contact.council = existing.council;
    const auto stored = this->contact(memberId, readAll);
    if (!stored)
        return contactFromRecord(store_.create(toNewRecord(contact), by.author, by.reason));
    return contactFromRecord(storeEdit(stored->record.id, toNewRecord(contact), by));
}

Meeting Affairs::createMeeting(Meeting meeting, const ChangeAuthor& by)
{
    meeting.number = 0;
    validate(meeting, *snapshot());
    return meetingFromRecord(store_.create(toNewRecord(meeting), by.author, by.reason));
}

Meeting Affairs::updateMeeting(const std::string& id, Meeting meeting, const ChangeAuthor& by)
{
    const Meeting existing = this->meeting(id, readAll);
    if (meeting.council != existing.council)
        throw invalid("error.council_fixed", "a meeting cannot move to another council; create it there",
            {{"value", meeting.council}});
    meeting.number = existing.number;
    meeting.reference = existing.reference;
    validate(meeting, *snapshot());
    return meetingFromRecord(storeEdit(id, toNewRecord(meeting), by));
}

Meeting Affairs::recordAttendance(const std::string& id, const std::map<std::string, Attendance>& attendance,
    const ChangeAuthor& by)
{
    Meeting meeting = this->meeting(id, readAll);
    for (const auto& [member, value] : attendance)
        meeting.attendance[member] = value;
    return updateMeeting(id, meeting, by);
}

Decision Affairs::createDecision(Decision decision, const ChangeAuthor& by)
{
    decision.number = 0;
    if (decision.statusHistory.empty())
        decision.statusHistory.push_back({DecisionStatus::issued, decision.date});
    validate(decision, *snapshot());
    return decisionFromRecord(store_.create(toNewRecord(decision), by.author, by.reason));
}

Decision Affairs::updateDecision(const std::string& id, Decision decision, const ChangeAuthor& by)
{
    const Decision existing = this->decision(id, readAll);
    if (decision.council != existing.council)
        throw invalid("error.council_fixed", "a decision cannot move to another council; create it there",
            {{"value", decision.council}});
    // The number and reference belong to the register of the year it was issued in.
    decision.number = existing.number;
    decision.reference = existing.reference;
    validate(decision, *snapshot());
    return decisionFromRecord(storeEdit(id, toNewRecord(decision), by));
}

Decision Affairs::changeDecisionStatus(
    const std::string& id, DecisionStatus status, const CalendarDate& on, const ChangeAuthor& by)
{
    Decision decision = this->decision(id, readAll);
    if (on < decision.date)
        throw invalid("error.status_before_issue",
            "status date " + on.toIsoString() + " is before the decision's date " + decision.date.toIsoString()
                + "; give a later date",
            {{"value", on.toIsoString()}});
    std::erase_if(decision.statusHistory, [&](const StatusChange& change) { return change.status == status; });
    decision.statusHistory.push_back({status, on});
    std::sort(decision.statusHistory.begin(), decision.statusHistory.end(),
        [](const StatusChange& a, const StatusChange& b) { return a.on < b.on; });
    decision.status = status;
    return updateDecision(id, decision, by);
}

} // namespace majlis::affairs
