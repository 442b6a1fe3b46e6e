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

} // namespace majlis::web
