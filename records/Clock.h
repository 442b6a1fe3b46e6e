#pragma once

#include <string>

namespace majlis::records {

// The current UTC time as ISO 8601 with seconds, e.g. 2026-12-04T20:18:12Z.
std::string utcNow();

} // namespace majlis::records
