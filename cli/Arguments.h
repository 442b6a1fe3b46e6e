#pragma once

#include "core/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace majlis::cli {

// One option a command accepts.
struct OptionSpec {
    std::string name;       // without the leading "--"
    std::string valueName;  // empty for a flag
    std::string help;
    bool repeatable = false;
};

// A command's usage: what it does, its positional arguments and options.
struct CommandSpec {
    std::string name;        // e.g. "record add"
    std::string summary;
    std::string positional;  // e.g. "ID" or "PATH..."; empty when none
    std::size_t minPositional = 0;
    std::size_t maxPositional = 0;
    std::vector<OptionSpec> options;
};

// Parsed command-line arguments of one command.
class Arguments {
public:
    // Parses argv after the command words. Throws invalid_argument naming an
    // unknown option, a missing value or a wrong number of positional arguments.
    static Arguments parse(const CommandSpec& spec, const std::vector<std::string>& words);

    bool has(const std::string& name) const { return values_.contains(name); }
    std::optional<std::string> value(const std::string& name) const;
    std::string valueOr(const std::string& name, const std::string& fallback) const;
    std::vector<std::string> all(const std::string& name) const;
    const std::vector<std::string>& positional() const { return positional_; }
    bool helpRequested() const { return help_; }

private:
    std::map<std::string, std::vector<std::string>> values_;
    std::vector<std::string> positional_;
    bool help_ = false;
};

std::string usageText(const CommandSpec& spec);

// An invalid_argument error (exit status 2) that states `problem` and points
// to the command's --help, such as "unknown option --bogus; see 'majlis
// search --help'".
Error usageError(const CommandSpec& spec, const std::string& problem);

// The --data option every command takes.
OptionSpec dataOption();

} // namespace majlis::cli
