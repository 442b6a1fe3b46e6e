#include "affairs/DemoBuilder.h"

#include "affairs/DemoNames.h"
#include "affairs/ReferenceData.h"
#include "core/Error.h"
#include "core/Log.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace majlis::affairs {

namespace {

using records::NewRecord;

// Records per createAll() call: large enough to spare disk syncs, small
// enough to keep one write transaction's memory modest.
constexpr std::size_t kBatchSize = 2000;
constexpr std::size_t kMaxScans = 8;
constexpr int kMeetingsPerYear = 12;
constexpr int kSubmissionsPerYear = 8;

// SplitMix64: a small generator whose sequence is the same on every
// platform, unlike the standard distributions.
class Random {
public:
    explicit Random(std::uint64_t seed)
        : state_(seed)
    {
    }

    std::uint64_t next()
    {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    int below(int bound) { return bound <= 0 ? 0 : static_cast<int>(next() % static_cast<std::uint64_t>(bound)); }
    int between(int low, int high) { return low + below(high - low + 1); }
    bool percent(int chance) { return below(100) < chance; }

    template <typename Container>
    const auto& pick(const Container& items)
    {
        return items[static_cast<std::size_t>(below(static_cast<int>(std::size(items))))];
    }

private:
    std::uint64_t state_;
};

std::string cleanMarkdown(const std::string& text)
{
    std::string clean;
    bool space = false;
    for (const char c : text) {
        if (c == '*' || c == '#' || c == '>')
            continue;
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = !clean.empty();
            continue;
        }
        if (space)
            clean += ' ';
        space = false;
        clean += c;
    }
    return clean;
}

// The articles ("### المادة …" sections) of the Markdown statutes in `folder`.
std::vector<StatuteArticle> readArticles(const std::filesystem::path& folder)
{
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.is_regular_file() && entry.path().extension() == ".md")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());

    const std::string marker = "\n### المادة";
    std::vector<StatuteArticle> articles;
    for (const auto& file : files) {
        std::ifstream in(file);
        std::stringstream content;
        content << in.rdbuf();
        const std::string text = content.str();
        for (auto at = text.find(marker); at != std::string::npos;) {
            const auto headingEnd = text.find('\n', at + 1);
            if (headingEnd == std::string::npos)
                break;
            const auto next = text.find("\n#", headingEnd);
            std::string heading = text.substr(at + 5, headingEnd - at - 5);
            heading = heading.substr(0, heading.find(':'));
            const std::string body = cleanMarkdown(text.substr(headingEnd, next == std::string::npos ? std::string::npos : next - headingEnd));
            if (body.size() >= 200 && body.size() <= 1800)
                articles.push_back({file.stem().string(), cleanMarkdown(heading), body});
            at = next == std::string::npos ? next : text.find(marker, next);
        }
    }
    if (articles.empty())
        throw Error(ErrorCode::invalid_argument, "error.no_articles",
            "no statute articles ('### المادة' sections of 200 to 1800 bytes) in " + folder.string()
                + "; give a folder of Markdown statutes or leave --laws out",
            {{"value", folder.string()}});
    return articles;
}

CalendarDate plusDays(const CalendarDate& date, int days)
{
    return CalendarDate::fromDaysSinceEpoch(date.daysSinceEpoch() + days);
}

bool servedOn(const Member& member, const CalendarDate& date)
{
    return date >= member.startsOn && (!member.endsOn || date <= *member.endsOn);
}

class DemoGenerator {
public:
    DemoGenerator(Affairs& affairs, const DemoOptions& options, const std::string& author)
        : affairs_(affairs)
        , options_(options)
        , author_(author)
        , random_(options.seed)
    {
        articles_ = options.lawsDirectory.empty() ? referenceData().statuteArticles : readArticles(options.lawsDirectory);
        const std::vector<Term> terms = affairs.terms(readAll);
        if (terms.empty())
            throw Error(ErrorCode::invalid_argument, "error.no_term", "the store has no term; create a term first");
        term_ = terms.back();
    }

    DemoReport run()
    {
        createCouncils();
        for (const Council& council : affairs_.councils(readAll))
            if (std::find(chosen_.begin(), chosen_.end(), council.code) != chosen_.end())
                councils_.push_back(council);
        report_.councils = councils_.size();

        runPhase("members", [&](const Council& council) { addMembers(council); });
        runPhase("meetings", [&](const Council& council) { addMeetings(council); });
        runPhase("citizen submissions", [&](const Council& council) { addSubmissions(council); });
        runPhase("decisions", [&](const Council& council) { addDecisions(council); });
        storeScans();
        runPhase("minutes", [&](const Council& council) { addMinutes(council); });
        return report_;
    }

private:
    void flush()
    {
        if (batch_.empty())
            return;
        report_.records += affairs_.store().createAll(batch_, author_, "demo data").size();
        batch_.clear();
    }

    void add(NewRecord record)
    {
        batch_.push_back(std::move(record));
    }

    // Runs one step over every council, storing full batches between
    // councils so that batch links stay inside one createAll() call.
    template <typename Step>
    void runPhase(const char* name, Step step)
    {
        for (const Council& council : councils_) {
            step(council);
            if (batch_.size() >= kBatchSize)
                flush();
        }
        flush();
        logger("affairs").information("demo: stored %s, %z records so far", std::string(name), report_.records);
    }

    void createCouncils()
    {
        const auto& seeds = referenceData().councils;
        const std::size_t wanted = static_cast<std::size_t>(options_.councils);
        for (std::size_t i = 0; i < seeds.size() && chosen_.size() < wanted; ++i)
            chosen_.push_back(seeds[i].code);

        const auto snapshot = affairs_.snapshot();
        std::map<std::string, int> nextNumber;
        std::size_t round = 0;
        while (chosen_.size() < wanted) {
            for (const demo::RegionTowns& region : demo::kTowns) {
                if (chosen_.size() >= wanted)
                    break;
                const demo::Name& town = region.towns[round % region.towns.size()];
                if (town.ar.empty())
                    continue;
                Council council = townCouncil(std::string(region.region), town, round / region.towns.size(), nextNumber);
                if (!snapshot->findCouncil(council.code)) {
                    affairs_.validate(council);
                    add(toNewRecord(council));
                }
                chosen_.push_back(council.code);
            }
            ++round;
        }
        flush();
    }

    Council townCouncil(const std::string& region, const demo::Name& town, std::size_t repeat,
        std::map<std::string, int>& nextNumber)
    {
        // Codes 01 to 09 are kept for amanat; generated councils start at 10.
        int& number = nextNumber[region];
        if (number == 0)
            number = 10;
        char code[16];
        std::snprintf(code, sizeof code, "%s-%02d", region.c_str(), number++);
        const std::string suffix = repeat == 0 ? "" : " " + std::to_string(repeat + 1);
        Council council;
        council.code = code;
        council.nameAr = "المجلس البلدي لبلدية " + std::string(town.ar) + suffix;
        council.nameEn = "Municipal Council of " + std::string(town.en) + suffix;
        council.region = region;
        council.municipality = "بلدية " + std::string(town.ar) + suffix;
        council.category = std::string(1, "abc"[random_.below(3)]);
        council.seats = std::min(options_.membersPerCouncil, kMaxSeats);
        return council;
    }

    Member person(const Council& council, std::size_t index)
    {
        const bool woman = random_.percent(10);
        const demo::Name& given = woman ? random_.pick(demo::kWomenGivenNames) : random_.pick(demo::kMenGivenNames);
        const demo::Name& father = random_.pick(demo::kMenGivenNames);
        const demo::Name& family = random_.pick(demo::kFamilyNames);
        Member member;
        member.council = council.code;
        member.term = term_.code;
        member.nameAr = std::string(given.ar) + (woman ? " بنت " : " بن ") + std::string(father.ar) + " "
            + std::string(family.ar);
        member.nameEn = std::string(given.en) + " " + std::string(family.en);
        // Two thirds elected and one third appointed, as the law sets.
        member.selection = index % 3 == 2 ? Selection::appointed : Selection::elected;
        member.role = MemberRole::member;
        if (index == 0)
            member.role = MemberRole::chair;
        if (index == 1)
            member.role = MemberRole::deputy_chair;
        const std::string first(random_.pick(demo::kCommittees));
        const std::string second(random_.pick(demo::kCommittees));
        member.committees = {first};
        if (second != first && random_.percent(50))
            member.committees.push_back(second);
        member.startsOn = term_.startsOn;
        return member;
    }

    void addPerson(const Member& member, std::size_t memberIndex)
    {
        const auto snapshot = affairs_.snapshot();
        affairs_.validate(member, *snapshot);
        add(toNewRecord(member));
        if (memberIndex != batch_.size() - 1)
            throw Error(ErrorCode::internal, "error.internal", "demo batch index mismatch");

        MemberContact contact;
        contact.council = member.council;
        contact.phone = "05" + std::to_string(10000000 + random_.below(89999999));
        contact.email = "member" + std::to_string(report_.members + 1) + "@council.example";
        contact.address = "ص.ب " + std::to_string(1000 + random_.below(9000));
        NewRecord contactRecord = toNewRecord(contact);
        contactRecord.batchLinks[field::member] = memberIndex;
        add(std::move(contactRecord));

        NewRecord file;
        file.type = records::RecordType::member_file;
        file.council = member.council;
        file.title = (member.selection == Selection::elected ? "محضر إعلان فوز العضو " : "قرار تعيين العضو ") + member.nameAr;
        file.date = member.startsOn;
        file.access = records::AccessLevel::public_access;
        file.batchLinks[field::member] = memberIndex;
        add(std::move(file));
        report_.memberFiles += 1;
        report_.members += 1;
    }

    void addMembers(const Council& council)
    {
        for (int i = 0; i < options_.membersPerCouncil; ++i) {
            Member member = person(council, static_cast<std::size_t>(i));
            const bool resigns = i >= 2 && random_.percent(6);
            if (resigns) {
                member.endsOn = plusDays(member.startsOn, random_.between(60, 300));
                member.endReason = EndReason::resignation;
            }
            const std::size_t index = batch_.size();
            addPerson(member, index);
            if (!resigns)
                continue;
            Member replacement = person(council, static_cast<std::size_t>(i));
            replacement.role = MemberRole::member;
            replacement.startsOn = plusDays(*member.endsOn, 1);
            const std::size_t replacementIndex = batch_.size();
            addPerson(replacement, replacementIndex);
            batch_[replacementIndex].batchLinks[field::replaces] = index;
        }
    }

    // 88% of meetings held, 6% cancelled and 6% still planned.
    MeetingStatus pickStatus()
    {
        const int roll = random_.below(100);
        if (roll < 88)
            return MeetingStatus::held;
        return roll < 94 ? MeetingStatus::cancelled : MeetingStatus::planned;
    }

    // 88% present, 8% absent with an excuse and 4% without.
    Attendance pickAttendance()
    {
        const int roll = random_.below(100);
        if (roll < 88)
            return Attendance::present;
        return roll < 96 ? Attendance::absent_excused : Attendance::absent_unexcused;
    }

    void addMeetings(const Council& council)
    {
        const std::vector<Member> members = affairs_.members(council.code, term_.code, readAll);
        const int firstYear = term_.startsOn.toHijri().year;
        for (int year = firstYear; year < firstYear + options_.years; ++year) {
            for (int month = 1; month <= kMeetingsPerYear; ++month) {
                Meeting meeting;
                meeting.council = council.code;
                meeting.term = term_.code;
                meeting.date = CalendarDate::fromHijri(year, month, random_.between(2, 26));
                if (!term_.contains(meeting.date))
                    continue;
                meeting.title = "الجلسة العادية (" + std::to_string(month) + ") لعام " + std::to_string(year) + " هـ";
                meeting.status = pickStatus();
                const int items = random_.between(3, 5);
                while (static_cast<int>(meeting.agenda.size()) < items) {
                    const std::string topic(random_.pick(demo::kAgendaTopics));
                    if (std::find(meeting.agenda.begin(), meeting.agenda.end(), topic) == meeting.agenda.end())
                        meeting.agenda.push_back(topic);
                }
                if (meeting.status == MeetingStatus::held)
                    for (const Member& member : members)
                        if (servedOn(member, meeting.date))
                            meeting.attendance[member.record.id] = pickAttendance();
                add(toNewRecord(meeting));
                report_.meetings += 1;
            }
        }
    }

    void addSubmissions(const Council& council)
    {
        const int firstYear = term_.startsOn.toHijri().year;
        for (int year = firstYear; year < firstYear + options_.years; ++year) {
            for (int i = 0; i < kSubmissionsPerYear; ++i) {
                const CalendarDate submitted = CalendarDate::fromHijri(year, random_.between(1, 12), random_.between(1, 28));
                if (!term_.contains(submitted))
                    continue;
                NewRecord record;
                record.type = records::RecordType::citizen_submission;
                record.council = council.code;
                record.title = std::string(random_.pick(demo::kSubmissionTopics));
                record.body = record.title + ". (بيانات توضيحية مولدة، لا تخص مواطنًا حقيقيًا)";
                record.date = submitted;
                record.access = records::AccessLevel::internal;
                record.fields[field::submittedOn] = submitted;
                if (random_.percent(80))
                    record.fields[field::answeredOn] = plusDays(submitted, random_.between(3, 90));
                add(std::move(record));
                report_.submissions += 1;
            }
        }
    }

    std::string decisionText(const std::string& topic, const Meeting& meeting)
    {
        const StatuteArticle& article = random_.pick(articles_);
        const std::string resolution(random_.pick(demo::kResolutions));
        return "استنادًا إلى " + article.article + " من " + article.law + "، التي تنص على: «" + article.text
            + "»، وبعد الاطلاع على ما عرض في " + meeting.title + " بشأن " + topic + "، قرر المجلس البلدي "
            + resolution + " " + topic + ".";
    }

    void addVotes(Decision& decision, const Meeting& meeting, int seats)
    {
        std::vector<std::string> present;
        for (const auto& [member, attendance] : meeting.attendance)
            if (attendance == Attendance::present)
                present.push_back(member);
        const int voters = std::min(static_cast<int>(present.size()), seats);
        VoteCount votes;
        votes.against = random_.below(voters / 4 + 1);
        votes.abstain = voters - votes.against > 0 ? random_.below(2) : 0;
        votes.inFavour = voters - votes.against - votes.abstain;
        decision.votes = votes;
        // Per-member votes are recorded for about half of the decisions.
        if (!random_.percent(50))
            return;
        for (int i = 0; i < voters; ++i) {
            Vote vote = Vote::abstain;
            if (i < votes.inFavour + votes.against)
                vote = Vote::against;
            if (i < votes.inFavour)
                vote = Vote::in_favour;
            decision.memberVotes[present[static_cast<std::size_t>(i)]] = vote;
        }
    }

    void addStatusHistory(Decision& decision)
    {
        decision.statusHistory = {{DecisionStatus::issued, decision.date}};
        decision.status = DecisionStatus::issued;
        const auto reach = [&](DecisionStatus status, int minDays, int maxDays) {
            decision.statusHistory.push_back({status, plusDays(decision.statusHistory.back().on, random_.between(minDays, maxDays))});
            decision.status = status;
        };
        if (random_.percent(2)) {
            reach(DecisionStatus::cancelled, 5, 30);
            return;
        }
        if (!random_.percent(90))
            return;
        reach(DecisionStatus::sent, 3, 14);
        const int roll = random_.below(100);
        if (roll < 45)
            reach(DecisionStatus::implemented, 30, 150);
        else if (roll < 50)
            reach(DecisionStatus::objected, 10, 40);
    }

    void addDecisions(const Council& council)
    {
        const auto snapshot = affairs_.snapshot();
        std::vector<Submission> submissions = snapshot->ofCouncil<Submission>(council.code, readAll);
        // Registers number decisions as they are stored, so store them in
        // the order the meetings took them: oldest meeting first.
        std::vector<Meeting> meetings = affairs_.meetings(council.code, readAll);
        std::reverse(meetings.begin(), meetings.end());
        for (const Meeting& meeting : meetings) {
            if (meeting.status != MeetingStatus::held)
                continue;
            for (std::size_t item = 0; item < meeting.agenda.size(); ++item) {
                if (!random_.percent(75))
                    continue;
                Decision decision;
                decision.council = council.code;
                decision.term = term_.code;
                decision.date = meeting.date;
                decision.title = "قرار بشأن " + meeting.agenda[item];
                decision.text = decisionText(meeting.agenda[item], meeting);
                decision.meeting = meeting.record.id;
                decision.agendaItem = static_cast<int>(item + 1);
                addVotes(decision, meeting, council.seats);
                addStatusHistory(decision);
                if (random_.percent(15))
                    linkSubmission(decision, submissions);
                affairs_.validate(decision, *snapshot);
                add(toNewRecord(decision));
                report_.decisions += 1;
            }
        }
    }

    void linkSubmission(Decision& decision, const std::vector<Submission>& submissions)
    {
        std::vector<const Submission*> earlier;
        for (const Submission& submission : submissions)
            if (submission.submittedOn && *submission.submittedOn <= decision.date)
                earlier.push_back(&submission);
        if (!earlier.empty())
            decision.answers = random_.pick(earlier)->record.id;
    }

    void storeScans()
    {
        for (const auto& path : options_.scans)
            scans_.push_back(affairs_.store().storeFile(path, path.filename().string()));
    }

    void addMinutes(const Council& council)
    {
        // Registers number decisions as they are stored, so store them in
        // the order the meetings took them: oldest meeting first.
        std::vector<Meeting> meetings = affairs_.meetings(council.code, readAll);
        std::reverse(meetings.begin(), meetings.end());
        for (const Meeting& meeting : meetings) {
            if (meeting.status != MeetingStatus::held)
                continue;
            NewRecord record;
            record.type = records::RecordType::minutes;
            record.council = council.code;
            record.title = "محضر " + meeting.title;
            record.date = meeting.date;
            record.access = records::AccessLevel::public_access;
            record.fields[field::meeting] = meeting.record.id;
            record.fields[field::term] = meeting.term;
            // The first held meetings get the scans, so they go through OCR.
            if (report_.scannedMinutes < scans_.size()) {
                record.files = {scans_[report_.scannedMinutes]};
                record.title += " (نسخة ممسوحة ضوئيًا)";
                report_.scannedMinutes += 1;
            } else {
                record.body = minutesBody(council, meeting);
            }
            add(std::move(record));
            report_.minutes += 1;
        }
    }

    std::string minutesBody(const Council& council, const Meeting& meeting)
    {
        int present = 0;
        for (const auto& [member, attendance] : meeting.attendance)
            present += attendance == Attendance::present;
        std::string body = "عقد " + council.nameAr + " " + meeting.title + " بتاريخ " + meeting.date.toHijri().toString()
            + " هـ بحضور " + std::to_string(present) + " من الأعضاء، وناقش البنود الآتية:\n";
        for (std::size_t i = 0; i < meeting.agenda.size(); ++i)
            body += std::to_string(i + 1) + ". " + meeting.agenda[i] + "\n";
        for (const Decision& decision : affairs_.decisionsOf(meeting.record.id, readAll))
            body += "وصدر عن المجلس القرار رقم " + decision.reference + " " + decision.title + ".\n";
        return body;
    }

    Affairs& affairs_;
    const DemoOptions& options_;
    std::string author_;
    Random random_;
    std::vector<StatuteArticle> articles_;
    Term term_;
    std::vector<std::string> chosen_;
    std::vector<Council> councils_;
    std::vector<records::FileRef> scans_;
    std::vector<NewRecord> batch_;
    DemoReport report_;
};

void requireRange(const char* option, long long value, long long min, long long max)
{
    if (value < min || value > max)
        throw Error(ErrorCode::invalid_argument, "error.option_out_of_range",
            "--" + std::string(option) + " " + std::to_string(value) + " is out of range; give " + std::to_string(min)
                + " to " + std::to_string(max),
            {{"field", option}, {"value", std::to_string(value)}});
}

} // namespace

void validate(const DemoOptions& options)
{
    requireRange("councils", options.councils, 1, 400);
    requireRange("members-per-council", options.membersPerCouncil, 3, kMaxSeats);
    requireRange("years", options.years, 1, 4);
    requireRange("scans", static_cast<long long>(options.scans.size()), 0, kMaxScans);
}

DemoReport buildDemo(Affairs& affairs, const DemoOptions& options, const std::string& author)
{
    validate(options);
    affairs.seed();
    const auto snapshot = affairs.snapshot();
    for (const auto& [id, entry] : snapshot->entries)
        if (std::holds_alternative<Member>(entry.item))
            throw Error(ErrorCode::conflict, "error.demo_exists",
                "the data folder already has members (such as " + id + "); run the demo on an empty data folder",
                {{"value", id}});
    DemoGenerator generator(affairs, options, author);
    return generator.run();
}

} // namespace majlis::affairs
