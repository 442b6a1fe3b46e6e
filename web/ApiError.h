#pragma once

#include "core/Error.h"
#include "web/Catalogue.h"
#include "web/Exchange.h"

#include <string>

namespace majlis::web {

// "error.record_not_found" → "error_record_not_found", the catalogue's key for a message id.
std::string catalogueKeyOf(const std::string& messageId);

// An error as a client receives it. `message` is the English sentence that
// scripts read; `messageId` and `params` select the catalogue's texts.
struct ClientError {
    int status = 500;
    std::string code;
    std::string messageId;
    std::string message;
    Catalogue::Params params;
};

// The client's view of `error`: the error itself when it is the client's
// (4xx). A server error (5xx) becomes a generic message with the request id,
// because its own text names files and internals. The generic ids are
// "error.storage_full" for a full disk (the client can wait or tell the
// operator), "error.unavailable" for a busy or locked store, and
// "error.internal" for the rest.
ClientError clientErrorOf(const Error& error, const std::string& requestId);

// The body {"error": {"code", "message", "message_id", "request_id",
// "messages": {"ar", "en"}}}, with the texts from `catalogue`. A message id
// missing from the catalogue gets the catalogue's generic text for the
// status, and a null catalogue gives no "messages".
nlohmann::json errorJson(const ClientError& error, const std::string& requestId, const Catalogue* catalogue);

// Sends errorJson() with the error's status and the exchange's catalogue.
void sendError(Exchange& exchange, const ClientError& error);
void sendError(Exchange& exchange, const Error& error);

} // namespace majlis::web
