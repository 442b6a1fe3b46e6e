#include "web/AffairsJson.h"

#include "affairs/ReferenceData.h"
#include "core/Error.h"
#include "web/JsonBody.h"

#include <set>

namespace majlis::web {

namespace {

using nlohmann::json;

// Per-member maps (attendance, votes) accept at most this many entries;
// a council has at most 30 seats, so this leaves room for replacements.
constexpr std::size_t kMaxMemberEntries = 200;
constexpr std::size_t kMaxTextBytes = std::size_t(1) << 20;

Error invalidInput(const std::string& key, const std::string& expected)
{
    return Error(ErrorCode::invalid_argument, "error.invalid_input",
        "invalid '" + key + "': give " + expected, {{"field", key}});
}

std::optional<std::string> textInput(const json& input, const std::string& key, std::size_t maxBytes = 4000)
{
    if (!input.contains(key) || input.at(key).is_null())
        return std::nullopt;
    if (!input.at(key).is_string())
        throw invalidInput(key, "text");
    std::string text = input.at(key).get<std::string>();
    if (text.size() > maxBytes)
        throw invalidInput(key, "text of at most " + std::to_string(maxBytes) + " bytes");
    return text;
}

std::optional<std::int64_t> integerInput(const json& input, const std::string& key, std::int64_t min, std::int64_t max)
{
    if (!input.contains(key) || input.at(key).is_null())
        return std::nullopt;
    const json& value = input.at(key);
    if (!value.is_number_integer() || value.get<std::int64_t>() < min || value.get<std::int64_t>() > max)
        throw invalidInput(key, "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return value.get<std::int64_t>();
}

std::optional<CalendarDate> dateInput(const json& input, const std::string& key)
{
    const auto text = textInput(input, key, 40);
    if (!text)
        return std::nullopt;
    return CalendarDate::parse(*text);
}

std::vector<std::string> listInput(const json& input, const std::string& key, std::size_t maxItems, std::size_t maxBytes)
{
    const json& value = input.at(key);
    if (!value.is_array() || value.size() > maxItems)
        throw invalidInput(key, "a list of at most " + std::to_string(maxItems) + " texts");
    std::vector<std::string> items;
    for (const json& item : value) {
        if (!item.is_string() || item.get<std::string>().size() > maxBytes)
            throw invalidInput(key, "a list of texts of at most " + std::to_string(maxBytes) + " bytes each");
        items.push_back(item.get<std::string>());
    }
    return items;
}

template <typename Enum, typename Parse>
std::map<std::string, Enum> perMemberInput(const json& input, const std::string& key, Parse parse)
{
    const json& value = input.at(key);
    if (!value.is_object() || value.size() > kMaxMemberEntries)
        throw invalidInput(key, "an object of at most " + std::to_string(kMaxMemberEntries)
                + " member ids, such as {\"R00000012\": \"present\"}");
    std::map<std::string, Enum> result;
    for (const auto& [member, choice] : value.items()) {
        if (member.size() > 64 || !choice.is_string())
            throw invalidInput(key, "member ids mapped to text values");
        result.emplace(member, parse(choice.template get<std::string>()));
    }
    return result;
}

void setAccess(const json& input, affairs::RecordRef& record)
{
    if (const auto access = textInput(input, "access", 40))
        record.access = records::parseAccessLevel(*access);
}

json optionalDate(const std::optional<CalendarDate>& date)
{
    return date ? records::dateToJson(*date) : json(nullptr);
}

json optionalNumber(const std::optional<double>& value)
{
    return value ? json(*value) : json(nullptr);
}

} // namespace

json councilToJson(const affairs::Council& council)
{
    json result = {{"id", council.record.id}, {"version", council.record.version}, {"code", council.code},
        {"name_ar", council.nameAr}, {"name_en", council.nameEn}, {"region", council.region},
        {"municipality", council.municipality}, {"category", council.category}, {"seats", council.seats},
        {"access", records::toString(council.record.access)}};
    if (const affairs::Region* region = affairs::referenceData().findRegion(council.region)) {
        result["region_name_ar"] = region->nameAr;
        result["region_name_en"] = region->nameEn;
    }
    return result;
}

json termToJson(const affairs::Term& term)
{
    return {{"id", term.record.id}, {"version", term.record.version}, {"code", term.code}, {"name_ar", term.nameAr},
        {"name_en", term.nameEn}, {"starts_on", records::dateToJson(term.startsOn)},
        {"ends_on", records::dateToJson(term.endsOn)}};
}

json memberToJson(const affairs::Member& member)
{
    return {{"id", member.record.id}, {"version", member.record.version}, {"council", member.council},
        {"term", member.term}, {"name_ar", member.nameAr}, {"name_en", member.nameEn},
        {"selection", affairs::toString(member.selection)}, {"role", affairs::toString(member.role)},
        {"committees", member.committees}, {"starts_on", records::dateToJson(member.startsOn)},
        {"ends_on", optionalDate(member.endsOn)},
        {"end_reason", member.endReason ? json(affairs::toString(*member.endReason)) : json(nullptr)},
        {"replaces", member.replaces.empty() ? json(nullptr) : json(member.replaces)}};
}

json contactToJson(const affairs::MemberContact& contact)
{
    return {{"id", contact.record.id}, {"phone", contact.phone}, {"email", contact.email}, {"address", contact.address}};
}

json meetingSummaryToJson(const affairs::Meeting& meeting)
{
    return {{"id", meeting.record.id}, {"version", meeting.record.version}, {"council", meeting.council},
        {"term", meeting.term}, {"number", meeting.number}, {"reference", meeting.reference}, {"title", meeting.title},
        {"date", records::dateToJson(meeting.date)}, {"status", affairs::toString(meeting.status)},
        {"agenda_items", meeting.agenda.size()}, {"access", records::toString(meeting.record.access)}};
}

json statusHistoryToJson(const affairs::Decision& decision)
{
    json history = json::array();
    for (const affairs::StatusChange& change : decision.statusHistory)
        history.push_back({{"status", affairs::toString(change.status)}, {"on", records::dateToJson(change.on)}});
    return history;
}

json decisionSummaryToJson(const affairs::Decision& decision)
{
    json result = {{"id", decision.record.id}, {"version", decision.record.version}, {"council", decision.council},
        {"term", decision.term}, {"number", decision.number}, {"reference", decision.reference},
        {"hijri_year", decision.hijriYear()}, {"title", decision.title}, {"date", records::dateToJson(decision.date)},
        {"status", affairs::toString(decision.status)}, {"status_history", statusHistoryToJson(decision)},
        {"meeting", decision.meeting.empty() ? json(nullptr) : json(decision.meeting)},
        {"agenda_item", decision.agendaItem ? json(*decision.agendaItem) : json(nullptr)},
        {"access", records::toString(decision.record.access)}};
    if (decision.votes)
        result["votes"] = {{"for", decision.votes->inFavour}, {"against", decision.votes->against},
            {"abstain", decision.votes->abstain}};
    else
        result["votes"] = nullptr;
    return result;
}

json attendanceToJson(const affairs::MemberAttendance& attendance)
{
    return {{"member", attendance.member}, {"name", attendance.name}, {"meetings", attendance.meetings},
        {"present", attendance.present}, {"absent_excused", attendance.absentExcused},
        {"absent_unexcused", attendance.absentUnexcused}, {"rate", optionalNumber(attendance.rate())}};
}

json indicatorsToJson(const affairs::Indicators& indicators)
{
    return {{"term", indicators.term}, {"councils", indicators.councils},
        {"meetings", {{"planned", indicators.meetingsPlanned}, {"held", indicators.meetingsHeld},
                         {"cancelled", indicators.meetingsCancelled}}},
        {"decisions", {{"issued", indicators.decisionsIssued}, {"implemented", indicators.decisionsImplemented},
                          {"cancelled", indicators.decisionsCancelled}}},
        {"attendance", {{"recorded", indicators.attendanceRecorded}, {"present", indicators.attendancePresent},
                           {"rate", optionalNumber(indicators.attendanceRate())}}},
        {"citizen_submissions", {{"submitted", indicators.answers.submitted}, {"answered", indicators.answers.answered},
                                    {"mean_days_to_answer", optionalNumber(indicators.answers.meanDays)},
                                    {"median_days_to_answer", optionalNumber(indicators.answers.medianDays)}}}};
}

void applyCouncilInput(const json& input, affairs::Council& target)
{
    rejectUnknownKeys(input,
        {"code", "name_ar", "name_en", "region", "municipality", "category", "seats", "access", "reason"});
    if (auto value = textInput(input, "code", 32)) target.code = *value;
    if (auto value = textInput(input, "name_ar")) target.nameAr = *value;
    if (auto value = textInput(input, "name_en")) target.nameEn = *value;
    if (auto value = textInput(input, "region", 8)) target.region = *value;
    if (auto value = textInput(input, "municipality")) target.municipality = *value;
    if (auto value = textInput(input, "category", 32)) target.category = *value;
    if (auto value = integerInput(input, "seats", 1, affairs::kMaxSeats)) target.seats = static_cast<int>(*value);
    setAccess(input, target.record);
}

void applyTermInput(const json& input, affairs::Term& target)
{
    rejectUnknownKeys(input, {"code", "name_ar", "name_en", "starts_on", "ends_on", "access", "reason"});
    if (auto value = textInput(input, "code", 32)) target.code = *value;
    if (auto value = textInput(input, "name_ar")) target.nameAr = *value;
    if (auto value = textInput(input, "name_en")) target.nameEn = *value;
    if (auto value = dateInput(input, "starts_on")) target.startsOn = *value;
    if (auto value = dateInput(input, "ends_on")) target.endsOn = *value;
    setAccess(input, target.record);
}

void applyMemberInput(const json& input, affairs::Member& target)
{
    rejectUnknownKeys(input, {"term", "name_ar", "name_en", "selection", "role", "committees", "starts_on", "ends_on",
                                 "end_reason", "replaces", "contact", "access", "reason"});
    if (auto value = textInput(input, "term", 32)) target.term = *value;
    if (auto value = textInput(input, "name_ar")) target.nameAr = *value;
    if (auto value = textInput(input, "name_en")) target.nameEn = *value;
    if (auto value = textInput(input, "selection", 32)) target.selection = affairs::parseSelection(*value);
    if (auto value = textInput(input, "role", 32)) target.role = affairs::parseMemberRole(*value);
    if (input.contains("committees"))
        target.committees = listInput(input, "committees", affairs::kMaxCommittees, affairs::kMaxCommitteeBytes);
    if (auto value = dateInput(input, "starts_on")) target.startsOn = *value;
    // null clears the end, so a membership ended by mistake can be reopened.
    if (input.contains("ends_on"))
        target.endsOn = dateInput(input, "ends_on");
    if (input.contains("end_reason")) {
        const auto reason = textInput(input, "end_reason", 32);
        target.endReason = reason ? std::optional(affairs::parseEndReason(*reason)) : std::nullopt;
    }
    if (auto value = textInput(input, "replaces", 64)) target.replaces = *value;
    setAccess(input, target.record);
}

void applyContactInput(const json& input, affairs::MemberContact& target)
{
    if (!input.is_object())
        throw invalidInput("contact", "an object with phone, email and address");
    rejectUnknownKeys(input, {"phone", "email", "address", "reason"});
    if (auto value = textInput(input, "phone", affairs::kMaxContactBytes)) target.phone = *value;
    if (auto value = textInput(input, "email", affairs::kMaxContactBytes)) target.email = *value;
    if (auto value = textInput(input, "address", affairs::kMaxContactBytes)) target.address = *value;
}

void applyMeetingInput(const json& input, affairs::Meeting& target)
{
    rejectUnknownKeys(input, {"term", "title", "date", "status", "agenda", "attendance", "access", "reason"});
    if (auto value = textInput(input, "term", 32)) target.term = *value;
    if (auto value = textInput(input, "title")) target.title = *value;
    if (auto value = dateInput(input, "date")) target.date = *value;
    if (auto value = textInput(input, "status", 32)) target.status = affairs::parseMeetingStatus(*value);
    if (input.contains("agenda"))
        target.agenda = listInput(input, "agenda", affairs::kMaxAgendaItems, affairs::kMaxAgendaItemBytes);
    if (input.contains("attendance"))
        for (const auto& [member, value] : attendanceInput(input))
            target.attendance[member] = value;
    setAccess(input, target.record);
}

void applyDecisionInput(const json& input, affairs::Decision& target)
{
    rejectUnknownKeys(input, {"term", "title", "text", "date", "meeting", "agenda_item", "answers", "votes",
                                 "member_votes", "status", "access", "reason"});
    if (auto value = textInput(input, "term", 32)) target.term = *value;
    if (auto value = textInput(input, "title")) target.title = *value;
    if (auto value = textInput(input, "text", kMaxTextBytes)) target.text = *value;
    if (auto value = dateInput(input, "date")) target.date = *value;
    if (auto value = textInput(input, "meeting", 64)) target.meeting = *value;
    if (input.contains("agenda_item")) {
        const auto item = integerInput(input, "agenda_item", 1, std::int64_t(affairs::kMaxAgendaItems));
        target.agendaItem = item ? std::optional<int>(static_cast<int>(*item)) : std::nullopt;
    }
    if (auto value = textInput(input, "answers", 64)) target.answers = *value;
    if (input.contains("votes")) {
        const json& votes = input.at("votes");
        if (votes.is_null()) {
            target.votes.reset();
        } else {
            if (!votes.is_object())
                throw invalidInput("votes", "{\"for\": N, \"against\": N, \"abstain\": N}");
            rejectUnknownKeys(votes, {"for", "against", "abstain"});
            target.votes = affairs::VoteCount{static_cast<int>(integerInput(votes, "for", 0, 100).value_or(0)),
                static_cast<int>(integerInput(votes, "against", 0, 100).value_or(0)),
                static_cast<int>(integerInput(votes, "abstain", 0, 100).value_or(0))};
        }
    }
    if (input.contains("member_votes"))
        for (const auto& [member, vote] : perMemberInput<affairs::Vote>(input, "member_votes", affairs::parseVote))
            target.memberVotes[member] = vote;
    if (auto value = textInput(input, "status", 32)) {
        // A status given at creation is reached on the decision's date,
        // which the lines above have already read.
        target.status = affairs::parseDecisionStatus(*value);
        if (target.statusHistory.empty())
            target.statusHistory.push_back({affairs::DecisionStatus::issued, target.date});
        if (target.status != affairs::DecisionStatus::issued)
            target.statusHistory.push_back({target.status, target.date});
    }
    setAccess(input, target.record);
}

std::map<std::string, affairs::Attendance> attendanceInput(const json& input)
{
    return perMemberInput<affairs::Attendance>(input, "attendance", affairs::parseAttendance);
}

std::string reasonInput(const json& input, const std::string& fallback)
{
    return textInput(input, "reason").value_or(fallback);
}

} // namespace majlis::web
