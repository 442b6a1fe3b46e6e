#include "core/Error.h"

namespace majlis {

std::string_view errorCodeName(ErrorCode code)
{
    switch (code) {
#define MAJLIS_ERROR_CODE(name, number, http_status) \
    case ErrorCode::name:                            \
        return #name;
#include "core/ErrorCodes.def"
#undef MAJLIS_ERROR_CODE
    }
    return "internal";
}

int httpStatusFor(ErrorCode code)
{
    switch (code) {
#define MAJLIS_ERROR_CODE(name, number, http_status) \
    case ErrorCode::name:                            \
        return http_status;
#include "core/ErrorCodes.def"
#undef MAJLIS_ERROR_CODE
    }
    return 500;
}

std::ostream& operator<<(std::ostream& out, ErrorCode code)
{
    return out << errorCodeName(code);
}

Error::Error(ErrorCode code, std::string messageId, std::string message, Params params)
    : std::runtime_error(std::move(message))
    , code_(code)
    , messageId_(std::move(messageId))
    , params_(std::move(params))
{
}

} // namespace majlis
