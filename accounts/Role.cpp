#include "accounts/Role.h"

#include "core/Error.h"

namespace majlis::accounts {

std::string_view toString(Role role)
{
    switch (role) {
    case Role::administrator:
        return "administrator";
    case Role::secretariat:
        return "secretariat";
    case Role::archivist:
        return "archivist";
    case Role::council_secretary:
        return "council_secretary";
    case Role::council_member:
        return "council_member";
    case Role::citizen:
        return "citizen";
    }
    return "citizen";
}

const std::vector<Role>& allRoles()
{
    static const std::vector<Role> roles = {Role::administrator, Role::secretariat, Role::archivist,
        Role::council_secretary, Role::council_member, Role::citizen};
    return roles;
}

Role parseRole(std::string_view text)
{
    for (Role role : allRoles())
        if (toString(role) == text)
            return role;
    throw Error(ErrorCode::invalid_argument, "error.invalid_role",
        "unknown role '" + std::string(text)
            + "'; use administrator, secretariat, archivist, council_secretary, council_member or citizen",
        {{"value", std::string(text)}});
}

bool isStaff(Role role)
{
    return role != Role::citizen;
}

bool requiresCouncil(Role role)
{
    return role == Role::council_secretary || role == Role::council_member;
}

bool allowsCouncil(Role role)
{
    return requiresCouncil(role) || role == Role::archivist;
}

} // namespace majlis::accounts
