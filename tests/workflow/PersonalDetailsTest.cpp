#include "core/Error.h"
#include "records/RecordStore.h"
#include "tests/support/TempDir.h"
#include "workflow/PersonalDetails.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;
using namespace majlis::workflow;

namespace {

// Creates a record and stores `details` for it in the same transaction.
std::string createWith(records::RecordStore& store, const PersonalDetailsStore& details, const PersonalDetails& person,
    const std::string& account = "")
{
    records::NewRecord record;
    record.type = records::RecordType::citizen_submission;
    record.council = "RD01";
    record.title = "شكوى";
    return store
        .create(record, "citizen", "created",
            [&](records::LmdbTransaction& txn, const records::RecordVersion& version) {
                details.write(txn, version.id, person, account);
            })
        .id;
}

std::string messageIdOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const Error& error) {
        return error.messageId();
    }
    return "no error";
}

const PersonalDetails kNoura{"نورة القحطاني", "1012345678", "0501234567", "noura@example.sa"};

} // namespace

BOOST_AUTO_TEST_SUITE(personal_details)

BOOST_AUTO_TEST_CASE(valid_details_normalized)
{
    const PersonalDetails normalized =
        normalizePersonalDetails({"  نورة  ", "١٠١٢ ٣٤٥ ٦٧٨", "+966 50-123-4567", " noura@example.sa "});
    BOOST_TEST(normalized.name == "نورة");
    BOOST_TEST(normalized.nationalId == "1012345678");
    BOOST_TEST(normalized.phone == "+966501234567");
    BOOST_TEST(normalized.email == "noura@example.sa");
    BOOST_TEST(normalizePersonalDetails({"", "2123456789", "", ""}).nationalId == "2123456789");
    BOOST_TEST(normalizePersonalDetails({}).empty());
}

BOOST_AUTO_TEST_CASE(invalid_details_rejected)
{
    struct Case {
        PersonalDetails details;
        std::string messageId;
    };
    const std::vector<Case> cases = {
        {{"", "3012345678", "", ""}, "error.invalid_national_id"},  // neither citizen nor resident
        {{"", "101234567", "", ""}, "error.invalid_national_id"},   // nine digits
        {{"", "10123456789", "", ""}, "error.invalid_national_id"}, // eleven digits
        {{"", "10123A5678", "", ""}, "error.invalid_national_id"},
        {{"", "", "12345", "", }, "error.invalid_phone"},
        {{"", "", "05012345678901234", ""}, "error.invalid_phone"},
        {{"", "", "+96650x234567", ""}, "error.invalid_phone"},
        {{"", "", "", "noura"}, "error.invalid_email"},
        {{"", "", "", "noura@localhost"}, "error.invalid_email"},
        {{"", "", "", "a@b@example.sa"}, "error.invalid_email"},
        {{"", "", "", "noura @example.sa"}, "error.invalid_email"},
        {{"", "", "", "<noura@example.sa>"}, "error.invalid_email"},
        {{std::string(kMaxPersonNameBytes + 1, 'a'), "", "", ""}, "error.invalid_person_name"},
        {{"نورة\nالقحطاني", "", "", ""}, "error.control_character"},
    };
    for (const auto& c : cases)
        BOOST_TEST(messageIdOf([&] { normalizePersonalDetails(c.details); }) == c.messageId,
            c.details.toJson().dump());
}

BOOST_AUTO_TEST_CASE(national_id_error_names_value_and_fix)
{
    try {
        normalizePersonalDetails({"", "3012345678", "", ""});
        BOOST_FAIL("no error");
    } catch (const Error& error) {
        BOOST_TEST(error.code() == ErrorCode::invalid_argument);
        BOOST_TEST(std::string(error.what()).find("3012345678") != std::string::npos);
        BOOST_TEST(std::string(error.what()).find("10 digits") != std::string::npos);
        BOOST_TEST(error.params().at("value") == "3012345678");
    }
}

BOOST_AUTO_TEST_CASE(details_stored_outside_versions)
{
    test::TempDir dir;
    records::RecordStore store(dir.path());
    const PersonalDetailsStore details(store);
    const std::string id = createWith(store, details, kNoura, "noura.q");

    BOOST_REQUIRE(details.find(id));
    BOOST_TEST(details.find(id)->nationalId == kNoura.nationalId);
    BOOST_TEST(details.submissionsOf("noura.q", 10) == std::vector<std::string>{id});
    BOOST_TEST(details.submissionsOf("noura", 10).empty()); // a prefix of another account
    const std::string stored = records::toDisplayJson(store.current(id)).dump();
    for (const std::string& value : {kNoura.name, kNoura.nationalId, kNoura.phone, kNoura.email})
        BOOST_TEST(stored.find(value) == std::string::npos, value);
}

BOOST_AUTO_TEST_CASE(empty_details_store_nothing)
{
    test::TempDir dir;
    records::RecordStore store(dir.path());
    const PersonalDetailsStore details(store);
    const std::string id = createWith(store, details, {});
    BOOST_TEST(!details.find(id));
}

BOOST_AUTO_TEST_CASE(erasure_keeps_record_and_audits_reason)
{
    test::TempDir dir;
    records::RecordStore store(dir.path());
    PersonalDetailsStore details(store);
    const std::string id = createWith(store, details, kNoura);
    const auto versionsBefore = store.history(id).size();

    BOOST_TEST(messageIdOf([&] { details.erase(id, "sara", " "); }) == "error.erasure_reason_required");
    BOOST_TEST(details.find(id).has_value());

    const DetailsErasure erasure = details.erase(id, "sara", "طلب المواطن حذف بياناته");
    BOOST_TEST(erasure.actor == "sara");
    BOOST_TEST(!details.find(id));
    BOOST_REQUIRE(details.erasure(id));
    BOOST_TEST(details.erasure(id)->actor == "sara");
    BOOST_TEST(store.history(id).size() == versionsBefore);
    BOOST_TEST(store.current(id).title == "شكوى");

    std::vector<records::AuditEntry> erasures;
    store.forEachAuditEntry(1, [&](const records::AuditEntry& entry) {
        if (entry.action == "personal_details.erase")
            erasures.push_back(entry);
        const std::string json = records::AuditLog::toJson(entry).dump();
        for (const std::string& value : {kNoura.name, kNoura.nationalId, kNoura.phone, kNoura.email})
            BOOST_TEST(json.find(value) == std::string::npos, value);
        return true;
    });
    BOOST_REQUIRE_EQUAL(erasures.size(), 1u);
    BOOST_TEST(erasures[0].actor == "sara");
    BOOST_TEST(erasures[0].subject == "record:" + id);
    BOOST_TEST(erasures[0].reason == "طلب المواطن حذف بياناته");
    BOOST_TEST(store.verify().ok());

    BOOST_TEST(messageIdOf([&] { details.erase(id, "sara", "مرة ثانية"); }) == "error.personal_details_not_found");
}

BOOST_AUTO_TEST_SUITE_END()
