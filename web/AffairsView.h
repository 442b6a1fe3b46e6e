#pragma once

#include "affairs/Affairs.h"
#include "web/Catalogue.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace majlis::web {

// Template data for the council affairs pages, shared by the council,
// member, meeting, decision and overview pages. Every value is plain text,
// which the templates escape; numbers are formatted for the language and
// dates carry both calendars (dateView).

// The name in the page's language: English when the page is English and
// the record has an English name, else Arabic. {"name", "name_lang"}.
nlohmann::json nameView(const Language& language, const std::string& nameAr, const std::string& nameEn);

// `text`, or null when it is empty, so that a template section {{#name}} is skipped.
nlohmann::json optionalText(const std::string& text);

// The record page of a public record, else null: /records/{id} shows public records only.
nlohmann::json publicRecordUrl(const affairs::RecordRef& record);

std::string councilUrl(const std::string& code);
std::string memberUrl(const std::string& id);
std::string meetingUrl(const std::string& id);
std::string decisionUrl(const std::string& id);

// {"name", "name_lang"} of the council with this code in the page's
// language, when `canRead` lets its record through; nothing for other text,
// such as a council name typed at upload.
std::optional<nlohmann::json> councilNameView(const Language& language, const affairs::AffairsSnapshot& snapshot,
    const affairs::ReadFilter& canRead, const std::string& code);

// name, name_lang, code, url.
nlohmann::json councilLinkView(const Language& language, const affairs::Council& council);

// name, name_lang, url, selection_label, role_label, ended (end date and reason, or absent).
nlohmann::json memberRowView(const Language& language, const Catalogue& catalogue, const affairs::Member& member);

// title, title_lang, url, reference, number, date, status, status_label.
nlohmann::json meetingRowView(const Language& language, const Catalogue& catalogue, const affairs::Meeting& meeting);

// title, title_lang, url, reference, date, status, status_label.
nlohmann::json decisionRowView(const Language& language, const Catalogue& catalogue, const affairs::Decision& decision);

// "3 files" for scanned minutes; null for typed ones, which have none.
nlohmann::json filesText(const Language& language, const Catalogue& catalogue, const affairs::Minutes& minutes);

// The indicators as label and value rows ("rows"), ready for a <dl>.
nlohmann::json indicatorsView(const Language& language, const Catalogue& catalogue, const affairs::Indicators& indicators);

// name, url, meetings, present, absent_excused, absent_unexcused, rate.
// The name comes from `member` when given (so English pages show the
// English name), else from the row.
nlohmann::json attendanceRowView(const Language& language, const Catalogue& catalogue,
    const affairs::MemberAttendance& attendance, const affairs::Member* member);

// "87%" (or "87٪"), rounded to a whole percent; the "not available" text without a value.
std::string percentText(const Language& language, const Catalogue& catalogue, std::optional<double> rate);

// "12 days" in the language's plural form, rounded to whole days; "not available" without a value.
std::string daysText(const Language& language, const Catalogue& catalogue, std::optional<double> days);

// The catalogue label of an enumerated value, such as "decision_status_implemented".
template <typename Enum>
std::string enumLabel(const Language& language, const Catalogue& catalogue, const std::string& prefix, Enum value)
{
    return catalogue.text(language, prefix + std::string(affairs::toString(value)));
}

// Sets row[name] to the value's code (for a CSS class) and row[name + "_label"]
// to its catalogue label "<name>_<code>", such as "attendance_present".
template <typename Enum>
void setEnumValue(nlohmann::json& row, const std::string& name, const Language& language, const Catalogue& catalogue,
    Enum value)
{
    row[name] = std::string(affairs::toString(value));
    row[name + "_label"] = enumLabel(language, catalogue, name + "_", value);
}

} // namespace majlis::web
