#pragma once

#include "web/Exchange.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace majlis::web {

// Reads the request body as one JSON object of at most `maxBytes` bytes.
// Throws payload_too_large past the limit and invalid_argument when the
// body is not a JSON object.
nlohmann::json readJsonObject(Exchange& exchange, std::uint64_t maxBytes);

} // namespace majlis::web
