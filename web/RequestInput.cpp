#include "web/RequestInput.h"

#include "core/Error.h"
#include "web/JsonBody.h"
#include "web/LimitedStream.h"
#include "web/Multipart.h"

#include <limits>

namespace majlis::web {

nlohmann::json parseJsonText(const std::string& text, const std::string& what)
{
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded())
        throw Error(ErrorCode::invalid_argument, "error.invalid_json", what + " is not valid JSON");
    return json;
}

namespace {

MetadataInput readJsonInput(Exchange& exchange, const ServerLimits& limits)
{
    const nlohmann::json json = readJsonObject(exchange, limits.maxJsonBodyBytes);

    MetadataInput input;
    for (const auto& [key, value] : json.items()) {
        if (key == "fields") {
            input.freeFields = value;
        } else if (value.is_array()) {
            for (const auto& item : value)
                input.fields[key].push_back(item.is_string() ? item.get<std::string>() : item.dump());
        } else {
            input.fields[key].push_back(value.is_string() ? value.get<std::string>() : value.dump());
        }
    }
    return input;
}

} // namespace

MetadataInput readInput(Exchange& exchange, records::RecordStore& store, const ServerLimits& limits)
{
    const std::string contentType = exchange.request.getContentType();
    if (exchange.request.getContentLength64() == 0)
        return {}; // a step without a comment or files, such as a plain transition
    if (contentType.starts_with("application/json"))
        return readJsonInput(exchange, limits);

    LimitedInputStream body(exchange.request.stream(), limits.maxBodyBytes);
    const auto tooLarge = [&] {
        return Error(ErrorCode::payload_too_large, "error.body_too_large",
            "the request body is larger than " + std::to_string(limits.maxBodyBytes)
                + " bytes; send smaller or fewer files");
    };
    MultipartForm form;
    try {
        form = readMultipartForm(body, contentType,
            [&](std::istream& content, const std::string& name) {
                // A browser sends a part with an empty file name for a file input left blank.
                if (name.empty()) {
                    content.ignore(std::numeric_limits<std::streamsize>::max());
                    return records::FileRef{};
                }
                return store.storeStream(content, name);
            });
    } catch (const Error&) {
        if (body.exceeded())
            throw tooLarge();
        throw;
    }
    if (body.exceeded())
        throw tooLarge();
    MetadataInput input;
    input.fields = form.fields;
    for (const records::FileRef& file : form.files)
        if (!file.sha256.empty())
            input.files.push_back(file);
    if (const auto fields = form.field("fields"))
        input.freeFields = parseJsonText(*fields, "form field 'fields'");
    return input;
}

} // namespace majlis::web
