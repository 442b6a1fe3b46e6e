#pragma once

#include <string>
#include <vector>

namespace majlis::test {

struct CommandResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs `program` with `arguments` (no shell) and waits for it.
CommandResult runCommand(const std::string& program, const std::vector<std::string>& arguments);

// Runs the built majlis executable.
CommandResult runMajlis(const std::vector<std::string>& arguments);

} // namespace majlis::test
