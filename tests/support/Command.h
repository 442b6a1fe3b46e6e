#pragma once

#include <map>
#include <string>
#include <vector>

namespace majlis::test {

struct CommandResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Environment variables to set in a child, over those of this process.
using Environment = std::map<std::string, std::string>;

// Runs `program` with `arguments` (no shell) and waits for it.
CommandResult runCommand(const std::string& program, const std::vector<std::string>& arguments,
    const Environment& environment = {});

// Runs the built majlis executable.
CommandResult runMajlis(const std::vector<std::string>& arguments, const Environment& environment = {});

} // namespace majlis::test
