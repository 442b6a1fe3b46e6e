#include "accounts/AccessPolicy.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;
using namespace majlis::accounts;
using records::AccessLevel;

namespace {

const std::string A = "مجلس أ";
const std::string B = "مجلس ب";

Principal as(Role role, const std::string& council = "")
{
    return {"user", role, council};
}

} // namespace

BOOST_AUTO_TEST_SUITE(access_policy)

BOOST_AUTO_TEST_CASE(anonymous_and_citizens_read_public_only)
{
    for (const Principal& who : {Principal{}, as(Role::citizen)}) {
        BOOST_TEST(canRead(who, A, AccessLevel::public_access));
        BOOST_TEST(!canRead(who, A, AccessLevel::internal));
        BOOST_TEST(!canRead(who, "", AccessLevel::confidential));
        BOOST_TEST(!canWrite(who, A));
        BOOST_TEST(!canWrite(who, ""));
    }
}

BOOST_AUTO_TEST_CASE(secretariat_wide_roles_read_and_write_everything)
{
    for (const Principal& who : {as(Role::administrator), as(Role::secretariat), as(Role::archivist)}) {
        BOOST_TEST(readScope(who).everything);
        BOOST_TEST(canRead(who, B, AccessLevel::confidential));
        BOOST_TEST(canRead(who, "", AccessLevel::internal));
        BOOST_TEST(canWrite(who, B));
        BOOST_TEST(canWrite(who, ""));
    }
    BOOST_TEST(canManageAccounts(as(Role::administrator)));
    BOOST_TEST(!canManageAccounts(as(Role::secretariat)));
    BOOST_TEST(!canManageAccounts(Principal{"", Role::administrator, ""})); // not signed in
}

BOOST_AUTO_TEST_CASE(council_secretary_and_archivist_keep_to_their_council)
{
    for (const Principal& who : {as(Role::council_secretary, A), as(Role::archivist, A)}) {
        BOOST_TEST(canRead(who, A, AccessLevel::internal));
        BOOST_TEST(canRead(who, A, AccessLevel::confidential));
        BOOST_TEST(canRead(who, B, AccessLevel::public_access));
        BOOST_TEST(!canRead(who, B, AccessLevel::internal));
        BOOST_TEST(!canRead(who, B, AccessLevel::confidential));
        BOOST_TEST(!canRead(who, "", AccessLevel::internal));
        BOOST_TEST(canWrite(who, A));
        BOOST_TEST(!canWrite(who, B));
        BOOST_TEST(!canWrite(who, ""));
        BOOST_TEST(!canManageAccounts(who));
    }
}

BOOST_AUTO_TEST_CASE(council_members_read_internal_but_not_confidential_and_never_write)
{
    const Principal member = as(Role::council_member, A);
    BOOST_TEST(canRead(member, A, AccessLevel::internal));
    BOOST_TEST(!canRead(member, A, AccessLevel::confidential));
    BOOST_TEST(!canRead(member, B, AccessLevel::internal));
    BOOST_TEST(!canWrite(member, A));
    const ReadScope scope = readScope(member);
    BOOST_TEST(!scope.everything);
    BOOST_TEST(scope.council == A);
    BOOST_TEST(!scope.confidential);
}

BOOST_AUTO_TEST_CASE(citizen_reads_own_submission_only)
{
    records::RecordVersion submission;
    submission.type = records::RecordType::citizen_submission;
    submission.council = A;
    submission.access = AccessLevel::confidential;
    submission.fields[kSubmitterField] = std::string("noura");

    Principal noura = as(Role::citizen);
    noura.username = "noura";
    Principal other = as(Role::citizen);
    other.username = "nour";
    BOOST_TEST(isOwnSubmission(noura, submission));
    BOOST_TEST(!isOwnSubmission(other, submission));
    BOOST_TEST(!isOwnSubmission(Principal{}, submission));
    BOOST_TEST(!canRead(noura, A, AccessLevel::confidential)); // only through isOwnSubmission

    // A staff account with the same user name gains nothing from the field.
    Principal staff = as(Role::council_member, B);
    staff.username = "noura";
    BOOST_TEST(!isOwnSubmission(staff, submission));

    // Other record types never count as submissions, whatever their fields.
    records::RecordVersion decision = submission;
    decision.type = records::RecordType::decision;
    BOOST_TEST(!isOwnSubmission(noura, decision));
}

BOOST_AUTO_TEST_SUITE_END()
