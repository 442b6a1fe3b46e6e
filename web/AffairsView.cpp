#include "web/AffairsView.h"

#include "web/RecordView.h"

#include <cmath>

namespace majlis::web {

nlohmann::json nameView(const Language& language, const std::string& nameAr, const std::string& nameEn)
{
    const std::string& name = language.code == "en" && !nameEn.empty() ? nameEn : nameAr;
    return {{"name", name}, {"name_lang", textLanguage(name)}};
}

nlohmann::json optionalText(const std::string& text)
{
    return text.empty() ? nlohmann::json() : nlohmann::json(text);
}

nlohmann::json publicRecordUrl(const affairs::RecordRef& record)
{
    if (record.access != records::AccessLevel::public_access)
        return nullptr;
    return "/records/" + encodeUrlComponent(record.id);
}

std::string councilUrl(const std::string& code)
{
    return "/councils/" + encodeUrlComponent(code);
}

std::string memberUrl(const std::string& id)
{
    return "/members/" + encodeUrlComponent(id);
}

std::string meetingUrl(const std::string& id)
{
    return "/meetings/" + encodeUrlComponent(id);
}

std::string decisionUrl(const std::string& id)
{
    return "/decisions/" + encodeUrlComponent(id);
}

std::optional<nlohmann::json> councilNameView(const Language& language, const affairs::AffairsSnapshot& snapshot,
    const affairs::ReadFilter& canRead, const std::string& code)
{
    const auto id = snapshot.councilIds.find(code);
    if (id == snapshot.councilIds.end())
        return std::nullopt;
    const affairs::AffairsSnapshot::Entry& entry = snapshot.entries.at(id->second);
    if (!canRead(entry.header))
        return std::nullopt;
    const auto& council = std::get<affairs::Council>(entry.item);
    return nameView(language, council.nameAr, council.nameEn);
}

nlohmann::json councilLinkView(const Language& language, const affairs::Council& council)
{
    nlohmann::json view = nameView(language, council.nameAr, council.nameEn);
    view["code"] = council.code;
    view["url"] = councilUrl(council.code);
    return view;
}

nlohmann::json memberRowView(const Language& language, const Catalogue& catalogue, const affairs::Member& member)
{
    nlohmann::json view = nameView(language, member.nameAr, member.nameEn);
    view["id"] = member.record.id;
    view["url"] = memberUrl(member.record.id);
    view["selection_label"] = enumLabel(language, catalogue, "selection_", member.selection);
    view["role_label"] = enumLabel(language, catalogue, "role_", member.role);
    if (member.endsOn) {
        view["ended"] = {
            {"date", dateView(language, member.endsOn)},
            {"reason_label", member.endReason ? enumLabel(language, catalogue, "end_reason_", *member.endReason) : ""},
        };
    }
    return view;
}

nlohmann::json meetingRowView(const Language& language, const Catalogue& catalogue, const affairs::Meeting& meeting)
{
    return {
        {"id", meeting.record.id},
        {"url", meetingUrl(meeting.record.id)},
        {"title", meeting.title},
        {"title_lang", textLanguage(meeting.title)},
        {"reference", meeting.reference},
        {"number", formatNumber(language, meeting.number)},
        {"date", dateView(language, meeting.date)},
        {"status", std::string(affairs::toString(meeting.status))},
        {"status_label", enumLabel(language, catalogue, "meeting_status_", meeting.status)},
    };
}

nlohmann::json decisionRowView(const Language& language, const Catalogue& catalogue, const affairs::Decision& decision)
{
    return {
        {"id", decision.record.id},
        {"url", decisionUrl(decision.record.id)},
        {"title", decision.title},
        {"title_lang", textLanguage(decision.title)},
        {"reference", decision.reference},
        {"date", dateView(language, decision.date)},
        {"status", std::string(affairs::toString(decision.status))},
        {"status_label", enumLabel(language, catalogue, "decision_status_", decision.status)},
    };
}

nlohmann::json filesText(const Language& language, const Catalogue& catalogue, const affairs::Minutes& minutes)
{
    if (minutes.files == 0)
        return nullptr;
    return catalogue.plural(language, "files_count", static_cast<std::int64_t>(minutes.files));
}

std::string percentText(const Language& language, const Catalogue& catalogue, std::optional<double> rate)
{
    if (!rate)
        return catalogue.text(language, "indicator_none");
    const auto percent = static_cast<std::int64_t>(std::lround(*rate * 100.0));
    return catalogue.text(language, "percent", {{"value", formatNumber(language, percent)}});
}

std::string daysText(const Language& language, const Catalogue& catalogue, std::optional<double> days)
{
    if (!days)
        return catalogue.text(language, "indicator_none");
    return catalogue.plural(language, "days_count", static_cast<std::int64_t>(std::lround(*days)));
}

namespace {

nlohmann::json indicatorRow(const std::string& label, const std::string& value)
{
    return {{"label", label}, {"value", value}};
}

std::string ofText(const Language& language, const Catalogue& catalogue, int part, int whole)
{
    return catalogue.text(language, "indicator_of",
        {{"part", formatNumber(language, part)}, {"whole", formatNumber(language, whole)}});
}

} // namespace

nlohmann::json indicatorsView(const Language& language, const Catalogue& catalogue, const affairs::Indicators& indicators)
{
    const auto label = [&](const std::string& key) { return catalogue.text(language, key); };
    const auto number = [&](int value) { return formatNumber(language, value); };
    const affairs::AnswerTimes& answers = indicators.answers;

    nlohmann::json rows = nlohmann::json::array();
    rows.push_back(indicatorRow(label("indicator_meetings_held"),
        ofText(language, catalogue, indicators.meetingsHeld, indicators.meetingsPlanned)));
    rows.push_back(indicatorRow(label("indicator_meetings_cancelled"), number(indicators.meetingsCancelled)));
    rows.push_back(indicatorRow(label("indicator_attendance_rate"),
        percentText(language, catalogue, indicators.attendanceRate())));
    rows.push_back(indicatorRow(label("indicator_decisions_issued"), number(indicators.decisionsIssued)));
    rows.push_back(indicatorRow(label("indicator_decisions_implemented"),
        ofText(language, catalogue, indicators.decisionsImplemented, indicators.decisionsIssued)));
    rows.push_back(indicatorRow(label("indicator_decisions_cancelled"), number(indicators.decisionsCancelled)));
    rows.push_back(indicatorRow(label("indicator_submissions_answered"),
        ofText(language, catalogue, answers.answered, answers.submitted)));
    rows.push_back(indicatorRow(label("indicator_answer_mean"), daysText(language, catalogue, answers.meanDays)));
    rows.push_back(indicatorRow(label("indicator_answer_median"), daysText(language, catalogue, answers.medianDays)));
    return {{"rows", rows}};
}

nlohmann::json attendanceRowView(const Language& language, const Catalogue& catalogue,
    const affairs::MemberAttendance& attendance, const affairs::Member* member)
{
    nlohmann::json view = member ? nameView(language, member->nameAr, member->nameEn) : nameView(language, attendance.name, "");
    view.update({
        {"url", memberUrl(attendance.member)},
        {"meetings", formatNumber(language, attendance.meetings)},
        {"present", formatNumber(language, attendance.present)},
        {"absent_excused", formatNumber(language, attendance.absentExcused)},
        {"absent_unexcused", formatNumber(language, attendance.absentUnexcused)},
        {"rate", percentText(language, catalogue, attendance.rate())},
    });
    return view;
}

} // namespace majlis::web
