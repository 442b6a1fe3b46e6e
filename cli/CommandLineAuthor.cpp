#include "cli/CommandLineAuthor.h"

#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace majlis::cli {

std::string commandLineAuthor()
{
    const uid_t uid = geteuid();
    // sysconf returns -1 when there is no fixed limit, and 16 KiB is enough for
    // any ordinary password entry.
    const long suggested = sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(suggested > 0 ? static_cast<std::size_t>(suggested) : 16384);
    passwd entry{};
    passwd* found = nullptr;
    if (getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found && found->pw_name
        && *found->pw_name)
        return "cli:" + std::string(found->pw_name);
    return "cli:" + std::to_string(uid);
}

OptionSpec authorOption(const std::string& storedWith)
{
    return {"author", "NAME",
        "author stored with " + storedWith
            + ", as given (default: cli:LOGIN, where LOGIN is the effective user's login name and cli: marks a "
              "command-line change)"};
}

} // namespace majlis::cli
