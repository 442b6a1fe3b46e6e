#pragma once

#include "accounts/Role.h"
#include "records/Record.h"

#include <string>

namespace majlis::accounts {

// The account acting, or an anonymous member of the public (empty
// username, role citizen).
struct Principal {
    std::string username;      // empty when anonymous
    Role role = Role::citizen;
    std::string council;       // empty: the whole secretariat (or no council, for a citizen)

    bool signedIn() const { return !username.empty(); }
};

// The records a principal may read, in the one form every read path uses:
// the record API and pages check single records with canRead, and the
// search index turns it into a filter inside the Xapian query.
//   everything:  all records of every council and access level;
//   otherwise:   public records, plus the non-public records of `council`
//                (internal ones, and confidential ones when `confidential`).
struct ReadScope {
    bool everything = false;
    std::string council;       // empty: no council's non-public records
    bool confidential = false; // the council's confidential records too
};

// The access matrix (docs/SECURITY.md, "Roles and access"):
//   administrator, secretariat           read all
//   archivist without a council          read all
//   archivist, council_secretary of C    public + C's internal and confidential
//   council_member of C                  public + C's internal
//   citizen, anonymous                   public
ReadScope readScope(const Principal& principal);

bool canRead(const Principal& principal, const std::string& council, records::AccessLevel access);

// The record field that names the citizen account a submission came from;
// the workflow engine writes it (workflow::fields::kSubmitter).
inline constexpr const char* kSubmitterField = "wf_submitter";

// Whether `version` is a citizen submission that the signed-in citizen
// `principal` made: its wf_submitter is their user name. Anonymous callers
// and staff roles never match, so a submission is readable to one citizen
// account at most, on top of what canRead allows.
bool isOwnSubmission(const Principal& principal, const records::RecordVersion& version);

// Whether the principal may create or change records of `council`:
//   administrator, secretariat, archivist without a council: any council;
//   archivist, council_secretary of C: council C only;
//   council_member, citizen, anonymous: none.
// A change that moves a record to another council needs both councils.
bool canWrite(const Principal& principal, const std::string& council);

// Creating, changing and disabling accounts: the administrator only.
bool canManageAccounts(const Principal& principal);

} // namespace majlis::accounts
