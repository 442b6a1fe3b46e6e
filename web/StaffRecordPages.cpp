// Staff pages of one record: its versions and extraction state, metadata
// editing, side-by-side comparison and OCR text correction.

#include "core/Error.h"
#include "web/DateDisplay.h"
#include "web/RecordView.h"
#include "web/VersionReason.h"
#include "web/StaffSupport.h"

#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

namespace majlis::web::staff {

namespace {

using Fields = std::map<std::string, std::string>;

std::string recordPath(const std::string& id)
{
    return "/staff/records/" + encodeUrlComponent(id);
}

std::string requireReason(const Fields& fields)
{
    const std::string reason = Poco::trim(fieldOf(fields, "reason"));
    if (reason.empty())
        throw Error(ErrorCode::invalid_argument, "error.reason_required", "every change needs a reason");
    return reason;
}

nlohmann::json choices(const PageRequest& page, const Catalogue& catalogue, const std::string& prefix,
    const std::vector<std::string>& values, const std::string& selected)
{
    nlohmann::json list = nlohmann::json::array();
    for (const std::string& value : values)
        list.push_back({{"value", value}, {"label", catalogue.text(page.language, prefix + value)}, {"selected", value == selected}});
    return list;
}

std::vector<std::string> typeNames()
{
    std::vector<std::string> names;
    for (const auto type : records::allRecordTypes())
        names.emplace_back(records::toString(type));
    return names;
}

// The editable metadata of a version, with the choices of its selects.
nlohmann::json formView(const PageRequest& page, const Catalogue& catalogue, const records::RecordVersion& version)
{
    nlohmann::json view = recordView(page.language, catalogue, version);
    view["types"] = choices(page, catalogue, "type_", typeNames(), std::string(records::toString(version.type)));
    view["accesses"] = choices(page, catalogue, "access_", {"public", "internal", "confidential"},
        std::string(records::toString(version.access)));
    view["date_input"] = version.date ? version.date->toIsoString() : "";
    view["tags_input"] = Poco::cat(std::string(", "), version.tags.begin(), version.tags.end());
    return view;
}

// Returns a version's reason in the page's language (versionReasonText),
// with workflow labels and council names.
std::string reasonText(const PageRequest& page, const StaffContext& context, const records::RecordVersion& version)
{
    const auto definition = stepDefinition(context.workflow, version);
    return versionReasonText(page.language, context.renderer.catalogue(), version.reason, definition.get(),
        [&](const std::string& code) { return councilText(context, page, code); });
}

nlohmann::json versionsView(const PageRequest& page, const StaffContext& context, const std::vector<records::RecordVersion>& history)
{
    const Catalogue& catalogue = context.renderer.catalogue();
    nlohmann::json versions = nlohmann::json::array();
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
        const std::string reason = reasonText(page, context, *it);
        versions.push_back({{"number", std::to_string(it->version)},
            {"label", catalogue.text(page.language, "version_label", {{"version", formatNumber(page.language, it->version)}})},
            {"time", it->time}, {"time_text", formatTimestamp(page.language, it->time)},
            {"author", versionAuthorText(page.language, catalogue, it->author)}, {"reason", reason},
            {"reason_lang", textLanguage(reason)},
            {"access_label", catalogue.text(page.language, "access_" + std::string(records::toString(it->access)))}});
    }
    return versions;
}

void showRecord(PageRequest& page, StaffContext& context)
{
    const auto session = sessionOrRedirect(context, page);
    if (!session)
        return;
    const Catalogue& catalogue = context.renderer.catalogue();
    const auto version = staffRecord(page.exchange, context.store, page.exchange.param("id"));
    const auto history = readableHistory(page.exchange.caller, context.store, version.id);
    nlohmann::json data = recordView(page.language, catalogue, version);
    nameCouncil(data, context, page);
    data["files"] = extractionView(page, catalogue, context.store, version);
    data["versions"] = versionsView(page, context, history);
    data["several_versions"] = history.size() > 1;
    data["previous_version"] = std::to_string(version.version > 1 ? version.version - 1 : 1);
    data["staff_url"] = recordPath(version.id);
    // The public page shows public records only; for others it would answer 404.
    data["is_public"] = version.access == records::AccessLevel::public_access;
    context.renderer.send(page, 200, "staff_record", data, bannerOf(*session));
}

void showEdit(PageRequest& page, StaffContext& context)
{
    const auto session = sessionOrRedirect(context, page);
    if (!session)
        return;
    const Catalogue& catalogue = context.renderer.catalogue();
    const auto version = writableRecord(page.exchange.caller, context.store, page.exchange.param("id"));
    nlohmann::json data = formView(page, catalogue, version);
    data.update(councilSelect(page, context, version.council, false));
    // "title" is the page's own title in the layout.
    data["record_title"] = version.title;
    data["title"] = catalogue.text(page.language, "edit_heading");
    data["csrf"] = session->csrfToken;
    data["staff_url"] = recordPath(page.exchange.param("id"));
    context.renderer.send(page, 200, "edit", data, bannerOf(*session));
}

records::RecordChange metadataChange(const Fields& fields)
{
    records::RecordChange change;
    change.type = records::parseRecordType(fieldOf(fields, "type"));
    change.title = fieldOf(fields, "title");
    change.council = fieldOf(fields, "council");
    change.access = records::parseAccessLevel(fieldOf(fields, "access"));
    change.reference = fieldOf(fields, "reference");
    const std::string date = Poco::trim(fieldOf(fields, "date"));
    change.date = date.empty() ? std::optional<CalendarDate>() : CalendarDate::parse(date);
    // The Arabic comma (U+060C) separates tags too; it is two bytes, so it is
    // replaced before splitting on the ASCII comma.
    const std::string tagList = Poco::replace(fieldOf(fields, "tags"), std::string("،"), std::string(","));
    std::vector<std::string> tags;
    for (const std::string& tag :
        Poco::StringTokenizer(tagList, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY))
        tags.push_back(tag);
    change.tags = tags;
    change.reason = requireReason(fields);
    return change;
}

void submitEdit(PageRequest& page, StaffContext& context)
{
    const auto session = sessionOrRedirect(context, page);
    if (!session)
        return;
    const Fields fields = readUrlEncodedForm(page.exchange, context.maxFormBytes);
    requireCsrfToken(*session, fieldOf(fields, "csrf"));
    const std::string& id = page.exchange.param("id");
    records::RecordChange change = metadataChange(fields);
    const auto current = writableRecord(page.exchange.caller, context.store, id);
    change.council = knownCouncil(context, change.council.value_or(""), current.council);
    writableRecord(page.exchange.caller, context.store, id, change.council);
    context.store.update(id, change, session->user);
    context.onWrite();
    context.renderer.redirect(page, recordPath(id));
}

std::uint32_t versionNumberOf(const std::string& name, const std::string& text, std::uint32_t newest)
{
    const bool digits = !text.empty() && text.size() < 8 && text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoul(text) == 0 || std::stoul(text) > newest)
        throw Error(ErrorCode::invalid_argument, "error.invalid_parameter",
            "invalid " + name + " '" + text + "'; give a version from 1 to " + std::to_string(newest),
            {{"parameter", name}, {"value", text}});
    return static_cast<std::uint32_t>(std::stoul(text));
}

// One compared field: its label, both values and whether they differ.
nlohmann::json comparedRow(const std::string& label, const std::string& left, const std::string& right)
{
    return {{"label", label}, {"left", left}, {"right", right}, {"changed", left != right},
        {"left_lang", textLanguage(left)}, {"right_lang", textLanguage(right)}};
}

std::string fileNames(const records::RecordVersion& version)
{
    std::string names;
    for (const auto& file : version.files)
        names += (names.empty() ? "" : "\n") + file.name;
    return names;
}

void showCompare(PageRequest& page, StaffContext& context)
{
    const auto session = sessionOrRedirect(context, page);
    if (!session)
        return;
    const Catalogue& catalogue = context.renderer.catalogue();
    const auto current = staffRecord(page.exchange, context.store, page.exchange.param("id"));
    const auto left = readableVersion(page.exchange.caller, context.store, current.id,
        versionNumberOf("a", page.exchange.query("a").value_or(""), current.version));
    const auto right = readableVersion(page.exchange.caller, context.store, current.id,
        versionNumberOf("b", page.exchange.query("b").value_or(""), current.version));
    const auto a = recordView(page.language, catalogue, left);
    const auto b = recordView(page.language, catalogue, right);
    const auto dateText = [](const nlohmann::json& view) {
        return view["date"].is_null() ? std::string() : view["date"]["hijri"].get<std::string>() + " — " + view["date"]["gregorian"].get<std::string>();
    };
    const auto text = [&](const std::string& key) { return catalogue.text(page.language, key); };
    const nlohmann::json rows = {
        comparedRow(text("field_title"), left.title, right.title),
        comparedRow(text("field_type"), a["type_label"], b["type_label"]),
        comparedRow(text("field_council"), left.council, right.council),
        comparedRow(text("field_access"), a["access_label"], b["access_label"]),
        comparedRow(text("field_reference"), left.reference, right.reference),
        comparedRow(text("field_date"), dateText(a), dateText(b)),
        comparedRow(text("field_tags"), Poco::cat(std::string(", "), left.tags.begin(), left.tags.end()),
            Poco::cat(std::string(", "), right.tags.begin(), right.tags.end())),
        comparedRow(text("field_body"), left.body, right.body),
        comparedRow(text("record_files"), fileNames(left), fileNames(right)),
        comparedRow(text("field_reason"), reasonText(page, context, left), reasonText(page, context, right)),
        comparedRow(text("version_time"), left.time, right.time),
    };
    const nlohmann::json data = {
        {"title", text("compare_heading")},
        {"record_title", current.title},
        {"record_title_lang", textLanguage(current.title)},
        {"left_label", catalogue.text(page.language, "version_label", {{"version", formatNumber(page.language, left.version)}})},
        {"right_label", catalogue.text(page.language, "version_label", {{"version", formatNumber(page.language, right.version)}})},
        {"rows", rows},
        {"staff_url", recordPath(current.id)},
    };
    context.renderer.send(page, 200, "compare", data, bannerOf(*session));
}

// The text to correct: the body when a person already wrote or corrected
// it, else the extracted text of every file, page after page.
std::string textToCorrect(const records::RecordStore& store, const records::RecordVersion& version)
{
    if (!version.body.empty())
        return version.body;
    std::string text;
    for (const auto& file : version.files) {
        const auto derived = store.derivedText(file.sha256);
        if (!derived || !derived->contains("pages"))
            continue;
        for (const auto& entry : derived->at("pages"))
            text += (text.empty() ? "" : "\n\n") + entry.value("text", "");
    }
    return text;
}

void showCorrectText(PageRequest& page, StaffContext& context)
{
    const auto session = sessionOrRedirect(context, page);
    if (!session)
        return;
    const Catalogue& catalogue = context.renderer.catalogue();
    const auto version = writableRecord(page.exchange.caller, context.store, page.exchange.param("id"));
    nlohmann::json data = recordView(page.language, catalogue, version);
    data["record_title"] = version.title;
    data["title"] = catalogue.text(page.language, "text_heading");
    data["text"] = textToCorrect(context.store, version);
    data["files"] = extractionView(page, catalogue, context.store, version);
    data["csrf"] = session->csrfToken;
    data["staff_url"] = recordPath(version.id);
    context.renderer.send(page, 200, "correct_text", data, bannerOf(*session));
}

void submitCorrectText(PageRequest& page, StaffContext& context)
{
    const auto session = sessionOrRedirect(context, page);
    if (!session)
        return;
    const Fields fields = readUrlEncodedForm(page.exchange, context.maxFormBytes);
    requireCsrfToken(*session, fieldOf(fields, "csrf"));
    records::RecordChange change;
    change.body = fieldOf(fields, "text");
    change.reason = requireReason(fields);
    const std::string& id = page.exchange.param("id");
    writableRecord(page.exchange.caller, context.store, id);
    context.store.update(id, change, session->user);
    context.onWrite();
    context.renderer.redirect(page, recordPath(id));
}

} // namespace

void addRecordPages(Router& router, StaffContext& context)
{
    const PageRenderer& renderer = context.renderer;
    router.add("GET", "/staff/records/{id}", renderer.page([&context](PageRequest& page) { showRecord(page, context); }));
    router.add("GET", "/staff/records/{id}/edit", renderer.page([&context](PageRequest& page) { showEdit(page, context); }));
    router.add("POST", "/staff/records/{id}/edit", renderer.page([&context](PageRequest& page) { submitEdit(page, context); }));
    router.add("GET", "/staff/records/{id}/compare",
        renderer.page([&context](PageRequest& page) { showCompare(page, context); }));
    router.add("GET", "/staff/records/{id}/text",
        renderer.page([&context](PageRequest& page) { showCorrectText(page, context); }));
    router.add("POST", "/staff/records/{id}/text",
        renderer.page([&context](PageRequest& page) { submitCorrectText(page, context); }));
}

} // namespace majlis::web::staff
