#include "web/ApiError.h"

namespace majlis::web {

namespace {

// The catalogue's text for `error` in `language`: its own message when the
// catalogue has the id, else the generic message of its status.
std::string catalogueText(const Catalogue& catalogue, const Language& language, const ClientError& error)
{
    const std::string key = catalogueKeyOf(error.messageId);
    if (catalogue.has(language, key))
        return catalogue.text(language, key, error.params);
    const std::string statusKey = "error_message_" + std::to_string(error.status);
    if (catalogue.has(language, statusKey))
        return catalogue.text(language, statusKey);
    return catalogue.text(language, "error_message_other");
}

} // namespace

std::string catalogueKeyOf(const std::string& messageId)
{
    std::string key = messageId;
    for (char& c : key)
        if (c == '.')
            c = '_';
    return key;
}

ClientError clientErrorOf(const Error& error, const std::string& requestId)
{
    const int status = httpStatusFor(error.code());
    const std::string code(errorCodeName(error.code()));
    if (status < 500)
        return {status, code, error.messageId(), error.what(), error.params()};

    const Catalogue::Params params = {{"request_id", requestId}};
    if (error.code() == ErrorCode::storage_full)
        return {status, code, "error.storage_full",
            "no space left on the server's disk, so nothing was stored; the operator must free disk space, then send "
            "the request again (request id " + requestId + ")",
            params};
    if (error.code() == ErrorCode::unavailable)
        return {status, code, "error.unavailable",
            "the server is busy and could not complete the request; try again in a minute (request id " + requestId + ")",
            params};
    return {status, code, "error.internal", "the server could not complete the request; quote request id " + requestId,
        params};
}

nlohmann::json errorJson(const ClientError& error, const std::string& requestId, const Catalogue* catalogue)
{
    nlohmann::json body = {
        {"code", error.code},
        {"message", error.message},
        {"message_id", error.messageId},
        {"request_id", requestId},
    };
    if (catalogue)
        body["messages"] = {
            {"ar", catalogueText(*catalogue, arabic(), error)},
            {"en", catalogueText(*catalogue, english(), error)},
        };
    return {{"error", body}};
}

void sendError(Exchange& exchange, const ClientError& error)
{
    exchange.sendJson(error.status, errorJson(error, exchange.requestId, exchange.catalogue));
}

void sendError(Exchange& exchange, const Error& error)
{
    sendError(exchange, clientErrorOf(error, exchange.requestId));
}

} // namespace majlis::web
