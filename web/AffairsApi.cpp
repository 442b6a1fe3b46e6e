#include "web/AffairsApi.h"

#include "accounts/AccessPolicy.h"

#include "affairs/ReferenceData.h"
#include "core/Error.h"
#include "web/Access.h"
#include "web/AffairsJson.h"
#include "web/JsonBody.h"

namespace majlis::web {

namespace {

using nlohmann::json;

// The parts of a write request every handler needs.
struct WriteRequest {
    json input;
    affairs::ChangeAuthor by;
};

// Checks the write permission. Administrators own the reference data
// (councils and terms, `council` empty). Staff who read every council keep
// the memberships (`secretariatOnly`). A council's meetings and decisions
// take the permission to write that council's records.
WriteRequest readWrite(Exchange& exchange, const ServerLimits& limits, const std::string& defaultReason,
    const std::string& council = {}, bool secretariatOnly = false)
{
    requireSameOrigin(exchange);
    if (council.empty()) {
        requireAdministrator(exchange);
    } else {
        if (secretariatOnly)
            requireReadAll(exchange);
        requireWrite(exchange, council);
    }
    WriteRequest request;
    request.input = readJsonObject(exchange, limits.maxJsonBodyBytes);
    request.by = {exchange.caller.name, reasonInput(request.input, defaultReason)};
    return request;
}

std::string termQuery(const Exchange& exchange)
{
    const std::string term = exchange.query("term").value_or("");
    if (term.size() > 32)
        throw Error(ErrorCode::invalid_argument, "error.invalid_term", "the term code is longer than 32 characters; "
            "use a code listed by GET /api/v1/terms", {{"value", term.substr(0, 32)}});
    return term;
}

int yearQuery(const Exchange& exchange)
{
    const auto text = exchange.query("year");
    if (!text || text->empty())
        return 0;
    if (text->size() != 4 || text->find_first_not_of("0123456789") != std::string::npos)
        throw Error(ErrorCode::invalid_argument, "error.invalid_year",
            "invalid year '" + text->substr(0, 16) + "'; give a Hijri year such as 1446", {{"value", text->substr(0, 16)}});
    return std::stoi(*text);
}

// The term a new meeting or decision belongs to: the one given, else the
// one containing its date.
std::string termFor(const affairs::Affairs& affairs, const std::string& given, const CalendarDate& date)
{
    if (!given.empty())
        return given;
    for (const affairs::Term& term : affairs.terms(affairs::readAll))
        if (term.contains(date))
            return term.code;
    throw Error(ErrorCode::invalid_argument, "error.no_term_for_date",
        "no term contains " + date.toIsoString() + "; give 'term' or create the term first",
        {{"value", date.toIsoString()}});
}

void requireDate(const json& input, const std::string& key)
{
    if (!input.contains(key))
        throw Error(ErrorCode::invalid_argument, "error.missing_field", "'" + key + "' is required; give a date "
            "such as 1446-03-01 (Hijri) or 2024-09-04", {{"field", key}});
}

json optionalDateJson(const std::optional<CalendarDate>& date)
{
    return date ? records::dateToJson(*date) : json(nullptr);
}

json regionsJson(const affairs::Affairs& affairs, const affairs::ReadFilter& canRead)
{
    std::map<std::string, int> councils;
    for (const affairs::Council& council : affairs.councils(canRead))
        councils[council.region] += 1;
    json regions = json::array();
    for (const affairs::Region& region : affairs::referenceData().regions)
        regions.push_back({{"code", region.code}, {"name_ar", region.nameAr}, {"name_en", region.nameEn},
            {"councils", councils[region.code]}});
    return {{"regions", regions}};
}

json councilDetailJson(const affairs::Affairs& affairs, const std::string& code, const affairs::ReadFilter& canRead)
{
    json result = councilToJson(affairs.council(code, canRead));
    json terms = json::array();
    for (const affairs::Term& term : affairs.terms(canRead))
        terms.push_back(termToJson(term));
    result["terms"] = terms;
    const auto current = affairs.terms(canRead).empty() ? std::optional<affairs::Term>() : affairs.currentTerm(canRead);
    result["current_term"] = current ? json(current->code) : json(nullptr);
    result["members"] = current ? affairs.members(code, current->code, canRead).size() : 0;
    result["meetings"] = affairs.meetings(code, canRead).size();
    result["decisions"] = affairs.decisions(code, 0, canRead).size();
    return result;
}

json memberDetailJson(const affairs::Affairs& affairs, const std::string& id, const affairs::ReadFilter& canRead)
{
    const affairs::Member member = affairs.member(id, canRead);
    json result = memberToJson(member);

    // The attendance row of this member in the indicators of its term.
    result["attendance"] = nullptr;
    const affairs::CouncilIndicators indicators = affairs.indicators(member.council, member.term, canRead);
    for (const affairs::MemberAttendance& row : indicators.attendance)
        if (row.member == member.record.id)
            result["attendance"] = attendanceToJson(row);

    json votes = json::array();
    for (const affairs::Decision& decision : affairs.decisions(member.council, 0, canRead))
        if (const auto vote = decision.memberVotes.find(member.record.id); vote != decision.memberVotes.end())
            votes.push_back({{"decision", decision.record.id}, {"reference", decision.reference},
                {"title", decision.title}, {"date", records::dateToJson(decision.date)},
                {"vote", affairs::toString(vote->second)}});
    result["votes"] = votes;

    json files = json::array();
    for (const affairs::MemberFile& file : affairs.memberFiles(member.record.id, canRead))
        files.push_back({{"id", file.record.id}, {"title", file.title}, {"date", optionalDateJson(file.date)},
            {"access", records::toString(file.record.access)}, {"files", file.files},
            {"url", "/api/v1/records/" + file.record.id}});
    result["files"] = files;

    // Only a caller who may read the confidential contact record sees it.
    if (const auto contact = affairs.contact(member.record.id, canRead))
        result["contact"] = contactToJson(*contact);
    return result;
}

json meetingDetailJson(const affairs::Affairs& affairs, const std::string& id, const affairs::ReadFilter& canRead)
{
    const affairs::Meeting meeting = affairs.meeting(id, canRead);
    json result = meetingSummaryToJson(meeting);
    const std::vector<affairs::Decision> decisions = affairs.decisionsOf(id, canRead);

    json agenda = json::array();
    for (std::size_t i = 0; i < meeting.agenda.size(); ++i) {
        json linked = json::array();
        for (const affairs::Decision& decision : decisions)
            if (decision.agendaItem == int(i + 1))
                linked.push_back(decision.record.id);
        agenda.push_back({{"item", i + 1}, {"text", meeting.agenda[i]}, {"decisions", linked}});
    }
    result["agenda"] = agenda;

    std::map<std::string, std::string> names;
    for (const affairs::Member& member : affairs.members(meeting.council, meeting.term, canRead))
        names[member.record.id] = member.nameAr;
    json attendance = json::array();
    for (const auto& [member, value] : meeting.attendance) {
        const auto name = names.find(member);
        // A member the caller cannot read is left out with its name.
        if (name == names.end())
            continue;
        attendance.push_back({{"member", member}, {"name", name->second}, {"attendance", affairs::toString(value)}});
    }
    result["attendance"] = attendance;

    json minutes = json::array();
    for (const affairs::Minutes& entry : affairs.minutesOf(id, canRead))
        minutes.push_back({{"id", entry.record.id}, {"title", entry.title}, {"files", entry.files},
            {"url", "/api/v1/records/" + entry.record.id}});
    result["minutes"] = minutes;

    json decisionList = json::array();
    for (const affairs::Decision& decision : decisions)
        decisionList.push_back(decisionSummaryToJson(decision));
    result["decisions"] = decisionList;
    return result;
}

json decisionDetailJson(affairs::Affairs& affairs, const std::string& id, const affairs::ReadFilter& canRead)
{
    const affairs::Decision decision = affairs.decision(id, canRead);
    json result = decisionSummaryToJson(decision);
    result["text"] = decision.text;

    std::map<std::string, std::string> names;
    for (const affairs::Member& member : affairs.members(decision.council, decision.term, canRead))
        names[member.record.id] = member.nameAr;
    json memberVotes = json::array();
    for (const auto& [member, vote] : decision.memberVotes) {
        const auto name = names.find(member);
        if (name == names.end())
            continue;
        memberVotes.push_back({{"member", member}, {"name", name->second}, {"vote", affairs::toString(vote)}});
    }
    result["member_votes"] = memberVotes;

    // The submission it answers is named only to callers who may read it.
    result["answers"] = nullptr;
    if (!decision.answers.empty())
        if (const auto submission = affairs.store().find(decision.answers); submission && canRead(*submission))
            result["answers"] = decision.answers;
    result["versions"] = decision.record.version;
    return result;
}

void addReadRoutes(Router& router, affairs::Affairs& affairs)
{
    router.add("GET", "/api/v1/regions", [&affairs](Exchange& exchange) {
        exchange.sendJson(200, regionsJson(affairs, readFilterFor(exchange.caller)));
    });
    router.add("GET", "/api/v1/terms", [&affairs](Exchange& exchange) {
        json terms = json::array();
        for (const affairs::Term& term : affairs.terms(readFilterFor(exchange.caller)))
            terms.push_back(termToJson(term));
        exchange.sendJson(200, {{"terms", terms}});
    });
    router.add("GET", "/api/v1/councils", [&affairs](Exchange& exchange) {
        json councils = json::array();
        for (const affairs::Council& council : affairs.councils(readFilterFor(exchange.caller), exchange.query("region")))
            councils.push_back(councilToJson(council));
        exchange.sendJson(200, {{"councils", councils}});
    });
    router.add("GET", "/api/v1/councils/{code}", [&affairs](Exchange& exchange) {
        exchange.sendJson(200, councilDetailJson(affairs, exchange.param("code"), readFilterFor(exchange.caller)));
    });
    router.add("GET", "/api/v1/councils/{code}/members", [&affairs](Exchange& exchange) {
        const auto canRead = readFilterFor(exchange.caller);
        const std::string& code = exchange.param("code");
        affairs.council(code, canRead);
        const std::string term = termQuery(exchange);
        if (!term.empty())
            affairs.term(term, canRead);
        json members = json::array();
        for (const affairs::Member& member : affairs.members(code, term, canRead))
            members.push_back(memberToJson(member));
        exchange.sendJson(200, {{"council", code}, {"term", term.empty() ? json(nullptr) : json(term)}, {"members", members}});
    });
    router.add("GET", "/api/v1/members/{id}", [&affairs](Exchange& exchange) {
        exchange.sendJson(200, memberDetailJson(affairs, exchange.param("id"), readFilterFor(exchange.caller)));
    });
    router.add("GET", "/api/v1/councils/{code}/meetings", [&affairs](Exchange& exchange) {
        const auto canRead = readFilterFor(exchange.caller);
        const std::string& code = exchange.param("code");
        affairs.council(code, canRead);
        json meetings = json::array();
        for (const affairs::Meeting& meeting : affairs.meetings(code, canRead))
            meetings.push_back(meetingSummaryToJson(meeting));
        exchange.sendJson(200, {{"council", code}, {"meetings", meetings}});
    });
    router.add("GET", "/api/v1/meetings/{id}", [&affairs](Exchange& exchange) {
        exchange.sendJson(200, meetingDetailJson(affairs, exchange.param("id"), readFilterFor(exchange.caller)));
    });
    router.add("GET", "/api/v1/councils/{code}/decisions", [&affairs](Exchange& exchange) {
        const auto canRead = readFilterFor(exchange.caller);
        const std::string& code = exchange.param("code");
        affairs.council(code, canRead);
        json decisions = json::array();
        for (const affairs::Decision& decision : affairs.decisions(code, yearQuery(exchange), canRead))
            decisions.push_back(decisionSummaryToJson(decision));
        exchange.sendJson(200, {{"council", code}, {"decisions", decisions}});
    });
    router.add("GET", "/api/v1/decisions/{id}", [&affairs](Exchange& exchange) {
        exchange.sendJson(200, decisionDetailJson(affairs, exchange.param("id"), readFilterFor(exchange.caller)));
    });
    router.add("GET", "/api/v1/councils/{code}/indicators", [&affairs](Exchange& exchange) {
        const auto result = affairs.indicators(exchange.param("code"), termQuery(exchange), readFilterFor(exchange.caller));
        json attendance = json::array();
        for (const affairs::MemberAttendance& row : result.attendance)
            attendance.push_back(attendanceToJson(row));
        json body = indicatorsToJson(result.totals);
        body["council"] = result.council;
        body["members"] = attendance;
        exchange.sendJson(200, body);
    });
    router.add("GET", "/api/v1/indicators", [&affairs](Exchange& exchange) {
        const auto canRead = readFilterFor(exchange.caller);
        const std::string term = termQuery(exchange);
        json regions = json::array();
        for (const affairs::RegionIndicators& row : affairs.overview(term, canRead, visibilityKey(exchange.caller))) {
            json entry = indicatorsToJson(row.totals);
            entry["region"] = row.region;
            if (const affairs::Region* region = affairs::referenceData().findRegion(row.region)) {
                entry["name_ar"] = region->nameAr;
                entry["name_en"] = region->nameEn;
            }
            regions.push_back(entry);
        }
        const std::string shown = term.empty() ? affairs.currentTerm(canRead).code : term;
        exchange.sendJson(200, {{"term", shown}, {"regions", regions}});
    });
}

void addCouncilWriteRoutes(Router& router, affairs::Affairs& affairs, const ServerLimits& limits, WriteListener onWrite)
{
    router.add("POST", "/api/v1/councils", [&affairs, limits, onWrite](Exchange& exchange) {
        const WriteRequest request = readWrite(exchange, limits, "council created");
        affairs::Council council;
        applyCouncilInput(request.input, council);
        const affairs::Council stored = affairs.createCouncil(council, request.by);
        onWrite();
        exchange.response.set("Location", "/api/v1/councils/" + stored.code);
        exchange.sendJson(201, councilToJson(stored));
    });
    router.add("POST", "/api/v1/councils/{code}", [&affairs, limits, onWrite](Exchange& exchange) {
        const WriteRequest request = readWrite(exchange, limits, "council edited");
        affairs::Council council = affairs.council(exchange.param("code"), affairs::readAll);
        applyCouncilInput(request.input, council);
        const affairs::Council stored = affairs.updateCouncil(exchange.param("code"), council, request.by);
        onWrite();
        exchange.sendJson(200, councilToJson(stored));
    });
    router.add("POST", "/api/v1/terms", [&affairs, limits, onWrite](Exchange& exchange) {
        const WriteRequest request = readWrite(exchange, limits, "term created");
        affairs::Term term;
        requireDate(request.input, "starts_on");
        requireDate(request.input, "ends_on");
        applyTermInput(request.input, term);
        const affairs::Term stored = affairs.createTerm(term, request.by);
        onWrite();
        exchange.sendJson(201, termToJson(stored));
    });
    router.add("POST", "/api/v1/terms/{code}", [&affairs, limits, onWrite](Exchange& exchange) {
        const WriteRequest request = readWrite(exchange, limits, "term edited");
        affairs::Term term = affairs.term(exchange.param("code"), affairs::readAll);
        applyTermInput(request.input, term);
        const affairs::Term stored = affairs.updateTerm(exchange.param("code"), term, request.by);
        onWrite();
        exchange.sendJson(200, termToJson(stored));
    });
}

void addMemberWriteRoutes(Router& router, affairs::Affairs& affairs, const ServerLimits& limits, WriteListener onWrite)
{
    router.add("POST", "/api/v1/councils/{code}/members", [&affairs, limits, onWrite](Exchange& exchange) {
        const WriteRequest request = readWrite(exchange, limits, "member added", exchange.param("code"), true);
        affairs::Member member;
        member.council = exchange.param("code");
        requireDate(request.input, "starts_on");
        applyMemberInput(request.input, member);
        std::optional<affairs::MemberContact> contact;
        if (request.input.contains("contact")) {
            contact.emplace();
            applyContactInput(request.input.at("contact"), *contact);
        }
        const affairs::Member stored = affairs.createMember(member, contact, request.by);
        onWrite();
        exchange.response.set("Location", "/api/v1/members/" + stored.record.id);
        exchange.sendJson(201, memberToJson(stored));
    });
    router.add("POST", "/api/v1/members/{id}", [&affairs, limits, onWrite](Exchange& exchange) {
        const std::string council = affairs.member(exchange.param("id"), readFilterFor(exchange.caller)).council;
        const WriteRequest request = readWrite(exchange, limits, "member edited", council, true);
        if (request.input.contains("contact"))
            throw Error(ErrorCode::invalid_argument, "error.contact_separate",
                "contact details are edited with POST /api/v1/members/{id}/contact", {{"field", "contact"}});
        affairs::Member member = affairs.member(exchange.param("id"), affairs::readAll);
        applyMemberInput(request.input, member);
        const affairs::Member stored = affairs.updateMember(exchange.param("id"), member, request.by);
        onWrite();
        exchange.sendJson(200, memberToJson(stored));
    });
    router.add("POST", "/api/v1/members/{id}/contact", [&affairs, limits, onWrite](Exchange& exchange) {
        const std::string council = affairs.member(exchange.param("id"), readFilterFor(exchange.caller)).council;
        const WriteRequest request = readWrite(exchange, limits, "contact details edited", council, true);
        affairs::MemberContact contact
            = affairs.contact(exchange.param("id"), affairs::readAll).value_or(affairs::MemberContact{});
        applyContactInput(request.input, contact);
        const affairs::MemberContact stored = affairs.updateContact(exchange.param("id"), contact, request.by);
        onWrite();
        exchange.sendJson(200, contactToJson(stored));
    });
}

void addMeetingWriteRoutes(Router& router, affairs::Affairs& affairs, const ServerLimits& limits, WriteListener onWrite)
{
    router.add("POST", "/api/v1/councils/{code}/meetings", [&affairs, limits, onWrite](Exchange& exchange) {
        const WriteRequest request = readWrite(exchange, limits, "meeting created", exchange.param("code"));
        affairs::Meeting meeting;
        meeting.council = exchange.param("code");
        requireDate(request.input, "date");
        applyMeetingInput(request.input, meeting);
        meeting.term = termFor(affairs, meeting.term, meeting.date);
        const affairs::Meeting stored = affairs.createMeeting(meeting, request.by);
        onWrite();
        exchange.response.set("Location", "/api/v1/meetings/" + stored.record.id);
        exchange.sendJson(201, meetingSummaryToJson(stored));
    });
    router.add("POST", "/api/v1/meetings/{id}", [&affairs, limits, onWrite](Exchange& exchange) {
        const std::string council = affairs.meeting(exchange.param("id"), readFilterFor(exchange.caller)).council;
        const WriteRequest request = readWrite(exchange, limits, "meeting edited", council);
        affairs::Meeting meeting = affairs.meeting(exchange.param("id"), affairs::readAll);
        applyMeetingInput(request.input, meeting);
        const affairs::Meeting stored = affairs.updateMeeting(exchange.param("id"), meeting, request.by);
        onWrite();
        exchange.sendJson(200, meetingSummaryToJson(stored));
    });
    router.add("POST", "/api/v1/meetings/{id}/attendance", [&affairs, limits, onWrite](Exchange& exchange) {
        const std::string council = affairs.meeting(exchange.param("id"), readFilterFor(exchange.caller)).council;
        const WriteRequest request = readWrite(exchange, limits, "attendance recorded", council);
        if (!request.input.contains("attendance"))
            throw Error(ErrorCode::invalid_argument, "error.missing_field",
                "'attendance' is required, such as {\"attendance\": {\"R00000012\": \"present\"}}",
                {{"field", "attendance"}});
        const affairs::Meeting stored
            = affairs.recordAttendance(exchange.param("id"), attendanceInput(request.input), request.by);
        onWrite();
        json result = meetingSummaryToJson(stored);
        json attendance = json::object();
        for (const auto& [member, value] : stored.attendance)
            attendance[member] = affairs::toString(value);
        result["attendance"] = attendance;
        exchange.sendJson(200, result);
    });
}

void addDecisionWriteRoutes(Router& router, affairs::Affairs& affairs, const ServerLimits& limits, WriteListener onWrite)
{
    router.add("POST", "/api/v1/councils/{code}/decisions", [&affairs, limits, onWrite](Exchange& exchange) {
        const WriteRequest request = readWrite(exchange, limits, "decision issued", exchange.param("code"));
        affairs::Decision decision;
        decision.council = exchange.param("code");
        requireDate(request.input, "date");
        applyDecisionInput(request.input, decision);
        decision.term = termFor(affairs, decision.term, decision.date);
        const affairs::Decision stored = affairs.createDecision(decision, request.by);
        onWrite();
        exchange.response.set("Location", "/api/v1/decisions/" + stored.record.id);
        exchange.sendJson(201, decisionSummaryToJson(stored));
    });
    router.add("POST", "/api/v1/decisions/{id}", [&affairs, limits, onWrite](Exchange& exchange) {
        const std::string council = affairs.decision(exchange.param("id"), readFilterFor(exchange.caller)).council;
        const WriteRequest request = readWrite(exchange, limits, "decision edited", council);
        if (request.input.contains("status"))
            throw Error(ErrorCode::invalid_argument, "error.status_separate",
                "a decision's status changes with POST /api/v1/decisions/{id}/status and its date",
                {{"field", "status"}});
        affairs::Decision decision = affairs.decision(exchange.param("id"), affairs::readAll);
        applyDecisionInput(request.input, decision);
        const affairs::Decision stored = affairs.updateDecision(exchange.param("id"), decision, request.by);
        onWrite();
        exchange.sendJson(200, decisionSummaryToJson(stored));
    });
    router.add("POST", "/api/v1/decisions/{id}/status", [&affairs, limits, onWrite](Exchange& exchange) {
        const std::string council = affairs.decision(exchange.param("id"), readFilterFor(exchange.caller)).council;
        const WriteRequest request = readWrite(exchange, limits, "decision status changed", council);
        const json& input = request.input;
        if (!input.contains("status") || !input.at("status").is_string() || !input.contains("on")
            || !input.at("on").is_string() || input.at("on").get<std::string>().size() > 40)
            throw Error(ErrorCode::invalid_argument, "error.missing_field",
                "give {\"status\": \"sent|implemented|objected|cancelled\", \"on\": \"1446-03-01\"}",
                {{"field", "status"}});
        const affairs::Decision stored = affairs.changeDecisionStatus(exchange.param("id"),
            affairs::parseDecisionStatus(input.at("status").get<std::string>()),
            CalendarDate::parse(input.at("on").get<std::string>()), request.by);
        onWrite();
        exchange.sendJson(200, decisionSummaryToJson(stored));
    });
}

} // namespace

affairs::ReadFilter readFilterFor(const Caller& caller)
{
    return [caller](const records::RecordVersion& version) { return canRead(caller, version); };
}

std::string visibilityKey(const Caller& caller)
{
    // Callers with the same read scope see the same records, so they share
    // cached figures. A signed-in citizen may also read their own
    // submissions, so each citizen account has a key of its own.
    const accounts::ReadScope scope = accounts::readScope(caller.principal());
    if (scope.everything)
        return "all";
    if (!scope.council.empty())
        return "council:" + scope.council + (scope.confidential ? ":confidential" : "");
    return caller.signedIn() ? "account:" + caller.username : "public";
}

void addAffairsRoutes(Router& router, affairs::Affairs& affairs, const ServerLimits& limits, WriteListener onWrite)
{
    addReadRoutes(router, affairs);
    addCouncilWriteRoutes(router, affairs, limits, onWrite);
    addMemberWriteRoutes(router, affairs, limits, onWrite);
    addMeetingWriteRoutes(router, affairs, limits, onWrite);
    addDecisionWriteRoutes(router, affairs, limits, onWrite);
}

} // namespace majlis::web
