#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace majlis::accounts {

// What an account may do; docs/SECURITY.md has the full matrix and
// accounts/AccessPolicy.h the code that applies it.
enum class Role {
    administrator,     // manages accounts; reads and writes everything
    secretariat,       // staff of the General Secretariat: read and write every council's records
    archivist,         // records staff: reads and writes one council's records, or all when secretariat-wide
    council_secretary, // a council's secretary: reads and writes that council's records
    council_member,    // a council's member: reads that council's public and internal records
    citizen,           // a member of the public with an account: public records only
};

std::string_view toString(Role role);

// Parses "council_secretary" and the other names above; throws
// invalid_argument (error.invalid_role) naming the valid ones.
Role parseRole(std::string_view text);

const std::vector<Role>& allRoles();

inline std::ostream& operator<<(std::ostream& out, Role role)
{
    return out << toString(role);
}

// Roles that work in the staff portal: every role but citizen.
bool isStaff(Role role);

// council_secretary and council_member belong to exactly one council.
bool requiresCouncil(Role role);

// administrator, secretariat and citizen are never scoped to a council.
bool allowsCouncil(Role role);

} // namespace majlis::accounts
