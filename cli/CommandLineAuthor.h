#pragma once

#include "cli/Arguments.h"

#include <string>

namespace majlis::cli {

// Returns the author that command-line changes are stored under:
// "cli:<login name>" of the effective user from the password database, or
// "cli:<uid>" when that uid has no entry. $USER is not read, because it can
// be unset, stale after su, or set to anything.
std::string commandLineAuthor();

// The --author option of a command that stores changes. `storedWith` names
// what the author is stored with, such as "the change".
OptionSpec authorOption(const std::string& storedWith);

} // namespace majlis::cli
