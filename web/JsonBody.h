#pragma once

#include "web/Exchange.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <set>
#include <string>

namespace majlis::web {

// Reads the request body as one JSON object of at most `maxBytes` bytes.
// Throws payload_too_large past the limit and invalid_argument when the
// body is not a JSON object.
nlohmann::json readJsonObject(Exchange& exchange, std::uint64_t maxBytes);

// Throws invalid_argument (error.unknown_input, parameter `field`) naming
// the first key of `input` outside `known` and listing the keys accepted.
void rejectUnknownKeys(const nlohmann::json& input, const std::set<std::string>& known);

} // namespace majlis::web
