#pragma once

#include "affairs/Affairs.h"

#include <nlohmann/json.hpp>

namespace majlis::web {

// The JSON form of the council affairs in the API. Dates carry both
// calendars ({"gregorian", "hijri"}), like records::dateToJson.
nlohmann::json councilToJson(const affairs::Council& council);
nlohmann::json termToJson(const affairs::Term& term);
nlohmann::json memberToJson(const affairs::Member& member);
nlohmann::json contactToJson(const affairs::MemberContact& contact);
nlohmann::json meetingSummaryToJson(const affairs::Meeting& meeting);
nlohmann::json decisionSummaryToJson(const affairs::Decision& decision);
nlohmann::json statusHistoryToJson(const affairs::Decision& decision);
nlohmann::json indicatorsToJson(const affairs::Indicators& indicators);
nlohmann::json attendanceToJson(const affairs::MemberAttendance& attendance);

// Apply the members of a JSON request body onto `target`, so the same
// parser serves creation (onto defaults) and partial edits (onto the stored
// value). Each throws invalid_argument naming an unknown key, a value of
// the wrong type or one past its limit.
void applyCouncilInput(const nlohmann::json& input, affairs::Council& target);
void applyTermInput(const nlohmann::json& input, affairs::Term& target);
void applyMemberInput(const nlohmann::json& input, affairs::Member& target);
void applyContactInput(const nlohmann::json& input, affairs::MemberContact& target);
void applyMeetingInput(const nlohmann::json& input, affairs::Meeting& target);
void applyDecisionInput(const nlohmann::json& input, affairs::Decision& target);
std::map<std::string, affairs::Attendance> attendanceInput(const nlohmann::json& input);

// The "reason" member of a write request (at most 4,000 bytes), or `fallback`.
std::string reasonInput(const nlohmann::json& input, const std::string& fallback);

} // namespace majlis::web
