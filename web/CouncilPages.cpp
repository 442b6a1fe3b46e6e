#include "web/CouncilPages.h"

#include "affairs/ReferenceData.h"
#include "core/Error.h"
#include "web/AffairsApi.h"
#include "web/AffairsView.h"
#include "web/CouncilPagesSupport.h"
#include "web/PublicPages.h"
#include "web/RecordView.h"

#include <Poco/URI.h>

namespace majlis::web {

namespace {

constexpr std::size_t kMaxTermBytes = 32;
constexpr std::size_t kMaxCouncilNameBytes = affairs::kMaxNameBytes;
// Longer lists end with a link to the search, which pages through the rest.
constexpr std::size_t kMaxListed = 100;

using nlohmann::json;

using council::Context;
using council::readFilterOf;

const Catalogue& catalogueOf(const Context& context)
{
    return context.renderer.catalogue();
}

// The term of ?term=, else the current one; nothing when the caller can
// read no term at all.
std::optional<affairs::Term> chosenTerm(const PageRequest& page, const affairs::Affairs& affairs,
    const affairs::ReadFilter& canRead)
{
    const std::string code = page.exchange.query("term").value_or("");
    if (code.size() > kMaxTermBytes)
        throw Error(ErrorCode::invalid_argument, "error.invalid_term",
            "the term code is longer than " + std::to_string(kMaxTermBytes) + " bytes; choose a term from the list",
            {{"value", code.substr(0, kMaxTermBytes)}});
    if (!code.empty())
        return affairs.term(code, canRead);
    if (affairs.terms(canRead).empty())
        return std::nullopt;
    return affairs.currentTerm(canRead);
}

// The <select> of terms, newest first, with the chosen one selected.
json termChoicesView(const Language& language, const std::vector<affairs::Term>& terms, const std::string& chosen)
{
    json choices = json::array();
    for (auto it = terms.rbegin(); it != terms.rend(); ++it) {
        json choice = nameView(language, it->nameAr, it->nameEn);
        choice["code"] = it->code;
        choice["selected"] = it->code == chosen;
        choices.push_back(std::move(choice));
    }
    return choices;
}

json termView(const Language& language, const affairs::Term& term)
{
    json view = nameView(language, term.nameAr, term.nameEn);
    view["code"] = term.code;
    view["starts_on"] = dateView(language, term.startsOn);
    view["ends_on"] = dateView(language, term.endsOn);
    return view;
}

json regionView(const Language& language, const std::string& code)
{
    const affairs::Region* region = affairs::referenceData().findRegion(code);
    json view = region ? nameView(language, region->nameAr, region->nameEn) : nameView(language, code, "");
    view["code"] = code;
    view["url"] = "/councils#region-" + code;
    return view;
}

std::string categoryLabel(const Language& language, const Catalogue& catalogue, const std::string& category)
{
    const std::string key = "category_" + category;
    return catalogue.has(language, key) ? catalogue.text(language, key) : category;
}

// Keeps the first kMaxListed items of `rows` and says whether any were left out.
json cappedList(json rows, const std::string& name)
{
    const bool more = rows.size() > kMaxListed;
    if (more)
        rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(kMaxListed), rows.end());
    const bool hasRows = !rows.empty();
    return {{name, std::move(rows)}, {"has_" + name, hasRows}, {"more_" + name, more}};
}

// GET /councils: every region of the reference data, with the councils the caller may read.
void showRegions(PageRequest& page, const Context& context)
{
    const Catalogue& catalogue = catalogueOf(context);
    std::map<std::string, json> councilsByRegion;
    for (const affairs::Council& council : context.affairs.councils(readFilterOf(page))) {
        json view = councilLinkView(page.language, council);
        view["municipality"] = council.municipality;
        view["municipality_lang"] = textLanguage(council.municipality);
        view["category_label"] = categoryLabel(page.language, catalogue, council.category);
        councilsByRegion[council.region].push_back(std::move(view));
    }

    json regions = json::array();
    for (const affairs::Region& region : affairs::referenceData().regions) {
        json councils = councilsByRegion.contains(region.code) ? councilsByRegion[region.code] : json::array();
        json view = regionView(page.language, region.code);
        view["anchor"] = "region-" + region.code;
        view["count_text"] = catalogue.plural(page.language, "councils_count", static_cast<std::int64_t>(councils.size()));
        view["has_councils"] = !councils.empty();
        view["councils"] = std::move(councils);
        regions.push_back(std::move(view));
    }
    const json data = {
        {"title", catalogue.text(page.language, "councils_heading")},
        {"regions", std::move(regions)},
    };
    context.renderer.send(page, 200, "councils", data);
}

json councilFactsView(const PageRequest& page, const Catalogue& catalogue, const affairs::Council& council)
{
    json view = councilLinkView(page.language, council);
    const std::string& otherName = page.language.code == "en" ? council.nameAr : council.nameEn;
    view["other_name"] = optionalText(otherName == view["name"].get<std::string>() ? "" : otherName);
    view["other_name_lang"] = textLanguage(otherName);
    view["region"] = regionView(page.language, council.region);
    view["municipality"] = optionalText(council.municipality);
    view["municipality_lang"] = textLanguage(council.municipality);
    view["category_label"] = categoryLabel(page.language, catalogue, council.category);
    view["seats"] = formatNumber(page.language, council.seats);
    return view;
}

// The minutes of the term: those of the term's meetings, and unlinked ones dated in the term.
json termMinutesView(const PageRequest& page, const Context& context, const std::string& council,
    const affairs::Term& term, const std::map<std::string, const affairs::Meeting*>& meetings,
    const affairs::ReadFilter& canRead)
{
    const Catalogue& catalogue = catalogueOf(context);
    json rows = json::array();
    for (const affairs::Minutes& minutes : context.affairs.snapshot()->ofCouncil<affairs::Minutes>(council, canRead)) {
        const auto meeting = meetings.find(minutes.meeting);
        if (meeting == meetings.end() && !(minutes.date && term.contains(*minutes.date)))
            continue;
        json row = {
            {"url", publicRecordUrl(minutes.record)},
            {"title", minutes.title},
            {"title_lang", textLanguage(minutes.title)},
            {"date", dateView(page.language, minutes.date)},
            {"files_text", filesText(page.language, catalogue, minutes)},
        };
        if (meeting != meetings.end())
            row["meeting"] = meetingRowView(page.language, catalogue, *meeting->second);
        rows.push_back(std::move(row));
    }
    return rows;
}

void showCouncilAffairs(PageRequest& page, const Context& context, const affairs::Council& council)
{
    const Catalogue& catalogue = catalogueOf(context);
    const affairs::ReadFilter canRead = readFilterOf(page);
    const std::optional<affairs::Term> term = chosenTerm(page, context.affairs, canRead);
    const std::string termCode = term ? term->code : "";

    json data = councilFactsView(page, catalogue, council);
    data["title"] = data["name"];
    data["terms"] = termChoicesView(page.language, context.affairs.terms(canRead), termCode);
    data["has_term"] = term.has_value();
    if (term)
        data["term"] = termView(page.language, *term);

    json members = json::array();
    std::map<std::string, affairs::Member> membersById;
    if (term) {
        for (const affairs::Member& member : context.affairs.members(council.code, termCode, canRead)) {
            members.push_back(memberRowView(page.language, catalogue, member));
            membersById.emplace(member.record.id, member);
        }
    }
    data["members"] = members;
    data["has_members"] = !members.empty();

    const std::vector<affairs::Meeting> allMeetings = context.affairs.meetings(council.code, canRead);
    std::map<std::string, const affairs::Meeting*> termMeetings;
    json meetings = json::array();
    for (const affairs::Meeting& meeting : allMeetings) {
        if (meeting.term != termCode)
            continue;
        termMeetings.emplace(meeting.record.id, &meeting);
        meetings.push_back(meetingRowView(page.language, catalogue, meeting));
    }
    data.update(cappedList(std::move(meetings), "meetings"));
    if (term)
        data.update(cappedList(termMinutesView(page, context, council.code, *term, termMeetings, canRead), "minutes"));

    json decisions = json::array();
    for (const affairs::Decision& decision : context.affairs.decisions(council.code, 0, canRead))
        if (decision.term == termCode)
            decisions.push_back(decisionRowView(page.language, catalogue, decision));
    data.update(cappedList(std::move(decisions), "decisions"));

    if (term) {
        const affairs::CouncilIndicators indicators = context.affairs.indicators(council.code, termCode, canRead);
        data["indicators"] = indicatorsView(page.language, catalogue, indicators.totals);
        json attendance = json::array();
        for (const affairs::MemberAttendance& row : indicators.attendance) {
            const auto member = membersById.find(row.member);
            attendance.push_back(attendanceRowView(page.language, catalogue, row,
                member == membersById.end() ? nullptr : &member->second));
        }
        data["has_attendance"] = !attendance.empty();
        data["attendance"] = std::move(attendance);
    }
    data["search_url"] = withQueryParameter("/search", "council", council.code);
    data["decisions_search_url"] = withQueryParameter(data["search_url"].get<std::string>(), "type", "decision");
    context.renderer.send(page, 200, "council_affairs", data);
}

// The readable council whose Arabic or English name is `name`, if any.
std::optional<affairs::Council> councilNamed(const Context& context, const std::string& name,
    const affairs::ReadFilter& canRead)
{
    for (const affairs::Council& council : context.affairs.councils(canRead))
        if (council.nameAr == name || (!council.nameEn.empty() && council.nameEn == name))
            return council;
    return std::nullopt;
}

// GET /councils/{name}: the council page of a code; an earlier link by
// name redirects to the code; any other text lists the public records filed under it.
void showCouncil(PageRequest& page, const Context& context)
{
    const std::string& name = page.exchange.param("name");
    const affairs::ReadFilter canRead = readFilterOf(page);
    if (name.size() <= kMaxCouncilNameBytes) {
        const auto snapshot = context.affairs.snapshot();
        if (snapshot->councilIds.contains(name)) {
            // A council the caller may not read falls through to the records
            // list, which finds no public record and answers 404.
            std::optional<affairs::Council> council;
            try {
                council = context.affairs.council(name, canRead);
            } catch (const Error& error) {
                if (error.code() != ErrorCode::not_found)
                    throw;
            }
            if (council) {
                showCouncilAffairs(page, context, *council);
                return;
            }
        } else if (const auto named = councilNamed(context, name, canRead)) {
            Poco::URI target(page.exchange.request.getURI());
            target.setPath(councilUrl(named->code));
            context.renderer.redirect(page, target.getPathEtc());
            return;
        }
    }
    showCouncilRecords(page, context.renderer, context.store, context.affairs, context.dataDirectory);
}

json overviewRowsView(const PageRequest& page, const Catalogue& catalogue,
    const std::vector<affairs::RegionIndicators>& regions)
{
    const Language& language = page.language;
    json rows = json::array();
    for (const affairs::RegionIndicators& region : regions) {
        const affairs::Indicators& totals = region.totals;
        const auto of = [&](int part, int whole) {
            return catalogue.text(language, "indicator_of",
                {{"part", formatNumber(language, part)}, {"whole", formatNumber(language, whole)}});
        };
        json row = regionView(language, region.region);
        row.update({
            {"councils", formatNumber(language, totals.councils)},
            {"meetings", of(totals.meetingsHeld, totals.meetingsPlanned)},
            {"attendance", percentText(language, catalogue, totals.attendanceRate())},
            {"decisions_issued", formatNumber(language, totals.decisionsIssued)},
            {"decisions_implemented", of(totals.decisionsImplemented, totals.decisionsIssued)},
            {"submissions_answered", of(totals.answers.answered, totals.answers.submitted)},
            {"answer_mean", daysText(language, catalogue, totals.answers.meanDays)},
        });
        rows.push_back(std::move(row));
    }
    return rows;
}

// GET /overview: the secretariat's indicators by region. Counted through the
// caller's read filter like every other page, so an anonymous caller sees
// the indicators of the public records only.
void showOverview(PageRequest& page, const Context& context)
{
    const Catalogue& catalogue = catalogueOf(context);
    const affairs::ReadFilter canRead = readFilterOf(page);
    const std::optional<affairs::Term> term = chosenTerm(page, context.affairs, canRead);
    json data = {
        {"title", catalogue.text(page.language, "overview_heading")},
        {"terms", termChoicesView(page.language, context.affairs.terms(canRead), term ? term->code : "")},
        {"has_term", term.has_value()},
    };
    if (term) {
        data["term"] = termView(page.language, *term);
        const auto regions = context.affairs.overview(term->code, canRead, visibilityKey(page.exchange.caller));
        data["rows"] = overviewRowsView(page, catalogue, regions);
    }
    context.renderer.send(page, 200, "overview", data);
}

} // namespace

affairs::ReadFilter council::readFilterOf(const PageRequest& page)
{
    return readFilterFor(page.exchange.caller);
}

void addCouncilPages(Router& router, const PageRenderer& renderer, affairs::Affairs& affairs,
    records::RecordStore& store, const std::filesystem::path& dataDirectory)
{
    const auto context = std::make_shared<Context>(Context{renderer, affairs, store, dataDirectory});
    router.add("GET", "/councils", renderer.page([context](PageRequest& page) { showRegions(page, *context); }));
    router.add("GET", "/councils/{name}", renderer.page([context](PageRequest& page) { showCouncil(page, *context); }));
    router.add("GET", "/overview", renderer.page([context](PageRequest& page) { showOverview(page, *context); }));
    council::addRecordPages(router, context);
}

} // namespace majlis::web
