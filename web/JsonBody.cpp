#include "web/JsonBody.h"

#include "core/Error.h"

#include <Poco/CountingStream.h>

namespace majlis::web {

nlohmann::json readJsonObject(Exchange& exchange, std::uint64_t maxBytes)
{
    std::string body;
    Poco::CountingInputStream counting(exchange.request.stream());
    char buffer[8192];
    while (counting) {
        counting.read(buffer, sizeof buffer);
        body.append(buffer, static_cast<std::size_t>(counting.gcount()));
        if (body.size() > maxBytes)
            throw Error(ErrorCode::payload_too_large, "error.body_too_large",
                "the JSON body is larger than " + std::to_string(maxBytes) + " bytes");
    }
    auto json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded())
        throw Error(ErrorCode::invalid_argument, "error.invalid_json", "the request body is not valid JSON");
    if (!json.is_object())
        throw Error(ErrorCode::invalid_argument, "error.invalid_json", "the request body must be a JSON object");
    return json;
}

void rejectUnknownKeys(const nlohmann::json& input, const std::set<std::string>& known)
{
    for (const auto& [key, value] : input.items()) {
        if (known.contains(key))
            continue;
        std::string names;
        for (const std::string& name : known) {
            if (!names.empty())
                names += ", ";
            names += name;
        }
        throw Error(ErrorCode::invalid_argument, "error.unknown_input",
            "unknown member '" + key.substr(0, 64) + "' in the request; use: " + names, {{"field", key.substr(0, 64)}});
    }
}

} // namespace majlis::web
