#pragma once

#include <Poco/Logger.h>

#include <string>

namespace majlis {

// Routes every logger to standard error with a timestamped, levelled format.
// `level` is a Poco level name: "error", "warning", "information", "debug".
void configureLogging(const std::string& level);

// The logger of one subsystem, such as "records" or "web".
Poco::Logger& logger(const std::string& subsystem);

} // namespace majlis
