#include "accounts/AccessPolicy.h"

namespace majlis::accounts {

ReadScope readScope(const Principal& principal)
{
    if (!principal.signedIn())
        return {};
    switch (principal.role) {
    case Role::administrator:
    case Role::secretariat:
        return {.everything = true, .council = {}, .confidential = false};
    case Role::archivist:
        if (principal.council.empty())
            return {.everything = true, .council = {}, .confidential = false};
        return {.council = principal.council, .confidential = true};
    case Role::council_secretary:
        return {.council = principal.council, .confidential = true};
    case Role::council_member:
        return {.council = principal.council, .confidential = false};
    case Role::citizen:
        break;
    }
    return {};
}

bool canRead(const Principal& principal, const std::string& council, records::AccessLevel access)
{
    if (access == records::AccessLevel::public_access)
        return true;
    const ReadScope scope = readScope(principal);
    if (scope.everything)
        return true;
    if (scope.council.empty() || council != scope.council)
        return false;
    return access == records::AccessLevel::internal || scope.confidential;
}

bool isOwnSubmission(const Principal& principal, const records::RecordVersion& version)
{
    if (!principal.signedIn() || principal.role != Role::citizen)
        return false;
    if (version.type != records::RecordType::citizen_submission)
        return false;
    const auto submitter = version.fields.find(kSubmitterField);
    if (submitter == version.fields.end())
        return false;
    const auto* username = std::get_if<std::string>(&submitter->second);
    return username && *username == principal.username;
}

bool canWrite(const Principal& principal, const std::string& council)
{
    if (!principal.signedIn())
        return false;
    switch (principal.role) {
    case Role::administrator:
    case Role::secretariat:
        return true;
    case Role::archivist:
    case Role::council_secretary:
        return principal.council.empty() ? principal.role == Role::archivist : council == principal.council;
    case Role::council_member:
    case Role::citizen:
        break;
    }
    return false;
}

bool canManageAccounts(const Principal& principal)
{
    return principal.signedIn() && principal.role == Role::administrator;
}

} // namespace majlis::accounts
