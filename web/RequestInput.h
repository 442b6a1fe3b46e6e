#pragma once

#include "records/RecordStore.h"
#include "web/Exchange.h"
#include "web/HttpServer.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace majlis::web {

// The fields and files of a create or update request, from form fields or JSON.
struct MetadataInput {
    std::map<std::string, std::vector<std::string>> fields;
    nlohmann::json freeFields = nlohmann::json::object();
    std::vector<records::FileRef> files;

    std::optional<std::string> get(const std::string& name) const
    {
        const auto found = fields.find(name);
        if (found == fields.end() || found->second.empty())
            return std::nullopt;
        return found->second.back();
    }
    std::vector<std::string> all(const std::string& name) const
    {
        const auto found = fields.find(name);
        return found == fields.end() ? std::vector<std::string>{} : found->second;
    }
};

// Parses `text` as JSON; throws invalid_argument naming `what` when it is not.
nlohmann::json parseJsonText(const std::string& text, const std::string& what);

// Reads a JSON object body (at most limits.maxJsonBodyBytes) or a
// multipart/form-data body (at most limits.maxBodyBytes), storing its files
// in the record store as they arrive.
MetadataInput readInput(Exchange& exchange, records::RecordStore& store, const ServerLimits& limits);

} // namespace majlis::web
