#include "core/Error.h"
#include "records/AuditLog.h"
#include "records/RecordStore.h"
#include "tests/support/SharedCorpus.h"
#include "tests/support/TempDir.h"
#include "workflow/Engine.h"
#include "workflow/Fields.h"
#include "workflow/TrackingCode.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>

using namespace majlis;
using namespace majlis::workflow;
using records::RecordVersion;

namespace {

// A real record store and the shipped definitions, with a clock the test moves.
struct EngineFixture {
    test::TempDir dir;
    records::RecordStore store{dir.path()};
    DefinitionRegistry registry{defaultSchemasDirectory() / "workflow.xsd", defaultDefinitionsDirectory(),
        DefinitionRegistry::installedFolderOf(dir.path())};
    CalendarDate today = CalendarDate::parse("2025-02-02"); // a Sunday
    std::vector<std::string> notified; // wf_action of each step passed to afterStep
    Engine engine{store, registry,
        EngineOptions{WorkingCalendar(), [this] { return today; }, 20000, 20,
            [this](const RecordVersion& version) { notified.push_back(text(version, fields::kAction)); }}};

    const Caller citizen{"", Role::citizen, "", ""};
    const Caller secretariat{"sara", Role::secretariat, "", ""};
    const Caller riyadhSecretary{"rashid", Role::council_secretary, "RD01", ""};
    const Caller riyadhMember{"mona", Role::council_member, "RD01", ""};
    const Caller jeddahSecretary{"jamal", Role::council_secretary, "JD01", ""};

    records::NewRecord complaint(const std::string& council = "RD01") const
    {
        records::NewRecord record;
        record.council = council;
        record.title = "شكوى بشأن إنارة الشارع";
        record.body = "الإنارة معطلة منذ شهر في الحي.";
        record.fields["category"] = std::string("services");
        return record;
    }

    std::string text(const RecordVersion& version, const char* field) const
    {
        const auto found = version.fields.find(field);
        return found == version.fields.end() ? std::string() : std::get<std::string>(found->second);
    }

    bool has(const RecordVersion& version, const char* field) const { return version.fields.contains(field); }

    CalendarDate date(const RecordVersion& version, const char* field) const
    {
        return std::get<CalendarDate>(version.fields.at(field));
    }

    Caller holderOf(const RecordVersion& version) const
    {
        return Caller{"", Role::citizen, "", text(version, fields::kTrackingCode)};
    }

    // The audit entries written for record `id`, in order.
    std::vector<records::AuditEntry> auditOf(const std::string& id)
    {
        const records::AuditLog log(store.environment().openDatabase("audit"), store.environment().openDatabase("meta"));
        std::vector<records::AuditEntry> entries;
        store.environment().read([&](records::LmdbTransaction& txn) {
            log.forEach(txn, [&](const records::AuditEntry& entry) {
                if (entry.record == id)
                    entries.push_back(entry);
                return true;
            });
        });
        return entries;
    }
};

ErrorCode codeOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const Error& error) {
        return error.code();
    }
    BOOST_FAIL("the action was not rejected");
    return ErrorCode::internal;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(workflow_engine, EngineFixture)

BOOST_AUTO_TEST_CASE(complaint_goes_from_submitted_to_closed)
{
    const RecordVersion submitted = engine.start("citizen_complaint", complaint(), citizen, "أرجو المعالجة");
    BOOST_TEST(submitted.version == 1u);
    BOOST_TEST((submitted.type == records::RecordType::citizen_submission));
    BOOST_TEST(text(submitted, fields::kDefinition) == "citizen_complaint");
    BOOST_TEST(std::get<std::int64_t>(submitted.fields.at(fields::kVersion)) == 1);
    BOOST_TEST(text(submitted, fields::kState) == "submitted");
    BOOST_TEST(text(submitted, fields::kOwner) == "secretariat");
    BOOST_TEST(text(submitted, fields::kCouncil) == "RD01");
    BOOST_TEST(text(submitted, fields::kComment) == "أرجو المعالجة");
    BOOST_TEST(date(submitted, fields::kSubmittedOn).toIsoString() == "2025-02-02");
    BOOST_TEST(date(submitted, fields::kDue).toIsoString() == "2025-02-05"); // 3 working days
    BOOST_TEST(TrackingCode::normalize(text(submitted, fields::kTrackingCode)).has_value());

    today = CalendarDate::parse("2025-02-03");
    const RecordVersion routed = engine.apply(submitted.id, "route", secretariat, "");
    BOOST_TEST(text(routed, fields::kState) == "routed");
    BOOST_TEST(text(routed, fields::kOwner) == "council");
    BOOST_TEST(!has(routed, fields::kComment));
    BOOST_TEST(date(routed, fields::kDue).toIsoString() == "2025-02-17"); // 10 working days

    today = CalendarDate::parse("2025-02-06");
    const RecordVersion answered = engine.apply(submitted.id, "answer", riyadhSecretary, "تم إصلاح الإنارة.");
    BOOST_TEST(text(answered, fields::kState) == "answered");
    BOOST_TEST(text(answered, fields::kAnswer) == "تم إصلاح الإنارة.");
    BOOST_TEST(date(answered, fields::kAnsweredOn).toIsoString() == "2025-02-06");
    BOOST_TEST(!has(answered, fields::kDue));

    const RecordVersion closed = engine.apply(submitted.id, "close", holderOf(submitted), "");
    BOOST_TEST(text(closed, fields::kState) == "closed");
    BOOST_TEST(text(closed, fields::kAnswer) == "تم إصلاح الإنارة.");

    const auto history = store.history(submitted.id);
    BOOST_REQUIRE(history.size() == 4u);
    const std::vector<std::string> actions = {"start", "route", "answer", "close"};
    const std::vector<std::string> authors = {"citizen", "sara", "rashid", "citizen"};
    for (std::size_t i = 0; i < history.size(); ++i) {
        BOOST_TEST(text(history[i], fields::kAction) == actions[i]);
        BOOST_TEST(history[i].author == authors[i]);
        BOOST_TEST(!history[i].reason.empty());
    }
    // The stored reason names no language; pages write it in theirs.
    BOOST_TEST(history[0].reason == "workflow:started?definition=citizen_complaint");
    BOOST_TEST(history[1].reason
        == "workflow:transition?definition=citizen_complaint&transition=route&from=submitted&to=routed");

    const auto audit = auditOf(submitted.id);
    BOOST_REQUIRE(audit.size() == 4u);
    BOOST_TEST(audit[0].action == "record.create");
    for (std::size_t i = 0; i < audit.size(); ++i)
        BOOST_TEST(audit[i].version == i + 1);
    BOOST_TEST(engine.index().openItems().empty());
    BOOST_TEST(notified == actions);
}

BOOST_AUTO_TEST_CASE(signed_in_citizen_acts_by_account)
{
    const Caller account{"citizen42", Role::citizen, "", ""};
    const RecordVersion item = engine.start("citizen_complaint", complaint(), account);
    BOOST_TEST(text(item, fields::kSubmitter) == "citizen42");
    BOOST_TEST(item.author == "citizen");

    const Caller stranger{"citizen43", Role::citizen, "", ""};
    BOOST_TEST(codeOf([&] { engine.apply(item.id, "withdraw", stranger, ""); }) == ErrorCode::forbidden);
    const RecordVersion withdrawn = engine.apply(item.id, "withdraw", account, "");
    BOOST_TEST(text(withdrawn, fields::kState) == "withdrawn");
    BOOST_TEST(withdrawn.author == "citizen");
    const RecordVersion open = engine.start("citizen_complaint", complaint(), account);
    BOOST_TEST(codeOf([&] { engine.apply(open.id, "route", Caller{"", Role::secretariat, "", ""}, ""); }) == ErrorCode::unauthorized);
}

BOOST_AUTO_TEST_CASE(role_or_council_not_allowed_is_refused)
{
    const RecordVersion item = engine.start("citizen_complaint", complaint(), citizen);
    engine.apply(item.id, "route", secretariat, "");

    BOOST_TEST(codeOf([&] { engine.apply(item.id, "answer", riyadhMember, "رد"); }) == ErrorCode::forbidden);
    BOOST_TEST(codeOf([&] { engine.apply(item.id, "answer", jeddahSecretary, "رد"); }) == ErrorCode::forbidden);
    BOOST_TEST(codeOf([&] { engine.apply(item.id, "answer", secretariat, "رد"); }) == ErrorCode::forbidden);
    BOOST_TEST(codeOf([&] { engine.apply(item.id, "answer", citizen, "رد"); }) == ErrorCode::forbidden);
    BOOST_TEST(codeOf([&] { engine.apply(item.id, "route", secretariat, ""); }) == ErrorCode::conflict);
    BOOST_TEST(codeOf([&] { engine.apply(item.id, "answer", riyadhSecretary, " "); }) == ErrorCode::invalid_argument);
    BOOST_TEST(codeOf([&] { engine.apply(item.id, "approve", riyadhSecretary, "رد"); }) == ErrorCode::invalid_argument);
    BOOST_TEST(store.history(item.id).size() == 2u);

    // A stranger's tracking code does not open someone else's item.
    const RecordVersion other = engine.start("citizen_complaint", complaint(), citizen);
    BOOST_TEST(codeOf([&] { engine.apply(item.id, "withdraw", holderOf(other), ""); }) == ErrorCode::forbidden);
}

BOOST_AUTO_TEST_CASE(transitions_depend_on_role_and_scope)
{
    const RecordVersion item = engine.start("citizen_complaint", complaint(), citizen);
    auto ids = [&](const Caller& caller) {
        std::vector<std::string> names;
        for (const Transition& transition : engine.transitions(store.current(item.id), caller))
            names.push_back(transition.id);
        return names;
    };
    BOOST_TEST(ids(secretariat) == (std::vector<std::string>{"route", "reject"}));
    BOOST_TEST(ids(holderOf(item)) == std::vector<std::string>{"withdraw"});
    BOOST_TEST(ids(citizen).empty());
    BOOST_TEST(ids(riyadhSecretary).empty());

    engine.apply(item.id, "route", secretariat, "");
    BOOST_TEST(ids(riyadhSecretary) == (std::vector<std::string>{"return_to_secretariat", "request_information", "answer"}));
    BOOST_TEST(ids(jeddahSecretary).empty());
    BOOST_TEST(ids(riyadhMember).empty());
}

BOOST_AUTO_TEST_CASE(start_checks_role_scope_and_fields)
{
    BOOST_TEST(codeOf([&] { engine.start("outgoing_correspondence", complaint(), riyadhSecretary); }) == ErrorCode::forbidden);
    BOOST_TEST(codeOf([&] { engine.start("incoming_correspondence", complaint("JD01"), riyadhSecretary); }) == ErrorCode::forbidden);
    BOOST_TEST(codeOf([&] { engine.start("citizen_complaint", complaint(""), citizen); }) == ErrorCode::invalid_argument);
    BOOST_TEST(codeOf([&] { engine.start("no_such_workflow", complaint(), citizen); }) == ErrorCode::not_found);

    auto spoofed = complaint();
    spoofed.fields[fields::kState] = std::string("closed");
    BOOST_TEST(codeOf([&] { engine.start("citizen_complaint", spoofed, citizen); }) == ErrorCode::invalid_argument);
    auto answered = complaint();
    answered.fields[fields::kAnswer] = std::string("مقبولة");
    BOOST_TEST(codeOf([&] { engine.start("citizen_complaint", answered, citizen); }) == ErrorCode::invalid_argument);
    // A register number only the register may give, even on a definition without one.
    auto numbered = complaint();
    numbered.fields[fields::kRegisterNumber] = std::int64_t(7);
    BOOST_TEST(codeOf([&] { engine.start("citizen_complaint", numbered, citizen); }) == ErrorCode::invalid_argument);
    auto published = complaint();
    published.access = records::AccessLevel::public_access;
    BOOST_TEST(codeOf([&] { engine.start("citizen_complaint", published, citizen); }) == ErrorCode::invalid_argument);
}

BOOST_AUTO_TEST_CASE(overdue_item_escalates_exactly_once)
{
    const RecordVersion item = engine.start("citizen_complaint", complaint(), citizen);
    engine.apply(item.id, "route", secretariat, "");
    BOOST_TEST(date(store.current(item.id), fields::kDue).toIsoString() == "2025-02-16");

    today = CalendarDate::parse("2025-02-16"); // the due day itself is not overdue
    BOOST_TEST(engine.overdue(today).empty());
    BOOST_TEST(engine.escalateOverdue().empty());

    today = CalendarDate::parse("2025-02-17");
    const auto overdue = engine.overdue(today);
    BOOST_REQUIRE(overdue.size() == 1u);
    BOOST_TEST(overdue[0].id == item.id);
    BOOST_TEST(overdue[0].state == "routed");

    const auto escalated = engine.escalateOverdue();
    BOOST_REQUIRE(escalated.size() == 1u);
    const RecordVersion current = store.current(item.id);
    BOOST_TEST(current.version == 3u);
    BOOST_TEST(text(current, fields::kState) == "escalated");
    BOOST_TEST(text(current, fields::kOwner) == "secretariat");
    BOOST_TEST(text(current, fields::kEscalatedFrom) == "routed");
    BOOST_TEST(text(current, fields::kAction) == "escalate");
    BOOST_TEST(current.author == "workflow");
    BOOST_TEST(date(current, fields::kDue).toIsoString() == "2025-02-24"); // 5 working days

    BOOST_TEST(engine.escalateOverdue().empty());
    today = CalendarDate::parse("2025-03-30"); // overdue in 'escalated' too, which has no escalation
    BOOST_TEST(engine.overdue(today).size() == 1u);
    BOOST_TEST(engine.escalateOverdue().empty());
    BOOST_TEST(store.history(item.id).size() == 3u);
    BOOST_TEST(auditOf(item.id).size() == 3u);

    // The secretariat sends it back; a new deadline starts.
    engine.apply(item.id, "remind_council", secretariat, "يرجى الرد خلال المدة");
    BOOST_TEST(text(store.current(item.id), fields::kState) == "routed");
    BOOST_TEST(engine.overdue(today).empty());
}

BOOST_AUTO_TEST_CASE(register_numbers_restart_each_hijri_year)
{
    auto letter = [&](const std::string& title) {
        records::NewRecord record;
        record.council = "RD01";
        record.title = title;
        return record;
    };
    today = CalendarDate::fromHijri(1446, 12, 29);
    const RecordVersion first = engine.start("outgoing_correspondence", letter("خطاب أول"), secretariat);
    const RecordVersion second = engine.start("outgoing_correspondence", letter("خطاب ثان"), secretariat);
    const RecordVersion incoming = engine.start("incoming_correspondence", letter("خطاب وارد"), riyadhSecretary);
    today = CalendarDate::fromHijri(1447, 1, 1);
    const RecordVersion nextYear = engine.start("outgoing_correspondence", letter("خطاب العام الجديد"), secretariat);

    BOOST_TEST(std::get<std::int64_t>(first.fields.at("register_number")) == 1);
    BOOST_TEST(std::get<std::int64_t>(second.fields.at("register_number")) == 2);
    BOOST_TEST(std::get<std::int64_t>(incoming.fields.at("register_number")) == 1);
    BOOST_TEST(std::get<std::int64_t>(nextYear.fields.at("register_number")) == 1);
    BOOST_TEST(second.reference == "صادر/1446/2");
    BOOST_TEST(incoming.reference == "وارد/1446/1");
    BOOST_TEST(nextYear.reference == "صادر/1447/1");
    BOOST_TEST(!has(first, fields::kTrackingCode));
    BOOST_TEST(text(first, fields::kState) == "draft");
}

BOOST_AUTO_TEST_CASE(tracking_code_finds_submission)
{
    const RecordVersion item = engine.start("citizen_suggestion", complaint(), citizen);
    const std::string code = text(item, fields::kTrackingCode);
    BOOST_TEST(engine.findByTrackingCode(TrackingCode::display(code)).value_or("") == item.id);
    BOOST_TEST(engine.findByTrackingCode(code).value_or("") == item.id);

    std::string typo = code;
    typo[5] = typo[5] == 'A' ? 'B' : 'A';
    BOOST_TEST(codeOf([&] { engine.findByTrackingCode(typo); }) == ErrorCode::invalid_argument);

    const std::string unused = TrackingCode::generate();
    BOOST_TEST(!engine.findByTrackingCode(unused).has_value());
}

BOOST_AUTO_TEST_CASE(items_in_flight_keep_their_definition_version)
{
    const RecordVersion old = engine.start("citizen_complaint", complaint(), citizen);
    std::string xml = test::readFile(defaultDefinitionsDirectory() / "citizen_complaint.xml");
    xml.replace(xml.find("version=\"1\""), 11, "version=\"2\"");
    xml.replace(xml.find("deadline=\"10\""), 13, "deadline=\"4\"");
    registry.install(xml, "citizen_complaint.v2.xml");

    const RecordVersion fresh = engine.start("citizen_complaint", complaint(), citizen);
    BOOST_TEST(std::get<std::int64_t>(fresh.fields.at(fields::kVersion)) == 2);
    BOOST_TEST(std::get<std::int64_t>(old.fields.at(fields::kVersion)) == 1);

    const RecordVersion oldRouted = engine.apply(old.id, "route", secretariat, "");
    const RecordVersion freshRouted = engine.apply(fresh.id, "route", secretariat, "");
    BOOST_TEST(date(oldRouted, fields::kDue).toIsoString() == "2025-02-16");   // 10 working days
    BOOST_TEST(date(freshRouted, fields::kDue).toIsoString() == "2025-02-06"); // 4 working days
}

BOOST_AUTO_TEST_CASE(assignment_and_inboxes)
{
    const RecordVersion item = engine.start("citizen_complaint", complaint(), citizen);
    const RecordVersion jeddah = engine.start("citizen_complaint", complaint("JD01"), citizen);
    BOOST_TEST(engine.waitingOn(secretariat).size() == 2u);
    BOOST_TEST(engine.waitingOn(riyadhSecretary).empty());

    engine.apply(item.id, "route", secretariat, "");
    BOOST_TEST(codeOf([&] { engine.assign(item.id, "mona", jeddahSecretary); }) == ErrorCode::forbidden);
    BOOST_TEST(codeOf([&] { engine.assign(item.id, "mona", riyadhMember); }) == ErrorCode::forbidden);
    const RecordVersion assigned = engine.assign(item.id, "mona", riyadhSecretary, "للمتابعة");
    BOOST_TEST(text(assigned, fields::kAssignee) == "mona");
    BOOST_TEST(text(assigned, fields::kState) == "routed");

    const auto riyadhInbox = engine.waitingOn(riyadhSecretary);
    BOOST_REQUIRE(riyadhInbox.size() == 1u);
    BOOST_TEST(riyadhInbox[0].id == item.id);
    BOOST_TEST(riyadhInbox[0].assignee == "mona");
    BOOST_TEST(engine.waitingOn(riyadhMember).size() == 1u);
    BOOST_TEST(engine.waitingOn(jeddahSecretary).empty());
    BOOST_TEST(engine.waitingOn(secretariat).size() == 1u);
    BOOST_TEST(engine.waitingOn(secretariat)[0].id == jeddah.id);

    // Leaving the council clears the council's assignment.
    const RecordVersion answered = engine.apply(item.id, "answer", riyadhSecretary, "تمت المعالجة");
    BOOST_TEST(!has(answered, fields::kAssignee));
}

BOOST_AUTO_TEST_CASE(secretariat_moves_item_to_another_council)
{
    const RecordVersion item = engine.start("citizen_complaint", complaint(), citizen);
    BOOST_TEST(codeOf([&] { engine.changeCouncil(item.id, "JD01", riyadhSecretary); }) == ErrorCode::forbidden);
    BOOST_TEST(codeOf([&] { engine.changeCouncil(item.id, "JD01", Caller{"sami", Role::secretariat, "RD01", ""}); })
        == ErrorCode::forbidden);
    BOOST_TEST(codeOf([&] { engine.changeCouncil(item.id, " ", secretariat); }) == ErrorCode::invalid_argument);

    const RecordVersion moved = engine.changeCouncil(item.id, "JD01", secretariat, "المجلس المختص هو جدة");
    BOOST_TEST(moved.council == "JD01");
    BOOST_TEST(text(moved, fields::kCouncil) == "JD01");
    BOOST_TEST(text(moved, fields::kAction) == "change_council");

    engine.apply(item.id, "route", secretariat, "");
    BOOST_TEST(engine.waitingOn(jeddahSecretary).size() == 1u);
    BOOST_TEST(engine.waitingOn(riyadhSecretary).empty());
    BOOST_TEST(codeOf([&] { engine.apply(item.id, "answer", riyadhSecretary, "رد"); }) == ErrorCode::forbidden);
    BOOST_TEST(codeOf([&] { engine.changeCouncil(item.id, "RD01", secretariat); }) == ErrorCode::conflict);
}

BOOST_AUTO_TEST_CASE(concurrent_steps_take_effect_once)
{
    for (int round = 0; round < 20; ++round) {
        const RecordVersion item = engine.start("citizen_complaint", complaint(), citizen);
        std::atomic<int> succeeded{0};
        std::atomic<int> conflicts{0};
        auto route = [&] {
            try {
                engine.apply(item.id, "route", secretariat, "");
                ++succeeded;
            } catch (const Error& error) {
                if (error.code() == ErrorCode::conflict)
                    ++conflicts;
            }
        };
        std::thread first(route);
        std::thread second(route);
        first.join();
        second.join();
        BOOST_TEST(succeeded == 1);
        BOOST_TEST(conflicts == 1);
        BOOST_TEST(store.history(item.id).size() == 2u);
    }
}

BOOST_AUTO_TEST_CASE(comments_and_stale_versions)
{
    const RecordVersion item = engine.start("citizen_complaint", complaint(), citizen);
    const RecordVersion commented = engine.comment(item.id, secretariat, "تحقق من العنوان");
    BOOST_TEST(text(commented, fields::kComment) == "تحقق من العنوان");
    BOOST_TEST(text(commented, fields::kState) == "submitted");
    BOOST_TEST(codeOf([&] { engine.comment(item.id, holderOf(item), "تعليق"); }) == ErrorCode::forbidden);
    BOOST_TEST(codeOf([&] { engine.comment(item.id, jeddahSecretary, "تعليق"); }) == ErrorCode::forbidden);
    BOOST_TEST(codeOf([&] { engine.apply(item.id, "route", secretariat, "", {}, item.version); }) == ErrorCode::conflict);
    BOOST_TEST(codeOf([&] { engine.apply(item.id, "withdraw", holderOf(item), "", {}, commented.version + 5); }) == ErrorCode::conflict);
    const RecordVersion routed = engine.apply(item.id, "route", secretariat, "", {}, commented.version);
    BOOST_TEST(!has(routed, fields::kComment));
    BOOST_TEST(codeOf([&] { engine.comment(item.id, secretariat, std::string(20001, 'x')); }) == ErrorCode::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
