#pragma once

#include <map>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace majlis {

enum class ErrorCode {
#define MAJLIS_ERROR_CODE(name, number, http_status) name = number,
#include "core/ErrorCodes.def"
#undef MAJLIS_ERROR_CODE
};

std::string_view errorCodeName(ErrorCode code);
int httpStatusFor(ErrorCode code);
std::ostream& operator<<(std::ostream& out, ErrorCode code);

// The project's one exception type. what() is an English sentence for the
// operator and the CLI; messageId() and params() let the web layer render the
// same error from its Arabic or English catalogue.
class Error : public std::runtime_error {
public:
    using Params = std::map<std::string, std::string>;

    Error(ErrorCode code, std::string messageId, std::string message, Params params = {});

    ErrorCode code() const noexcept { return code_; }
    const std::string& messageId() const noexcept { return messageId_; }
    const Params& params() const noexcept { return params_; }

private:
    ErrorCode code_;
    std::string messageId_;
    Params params_;
};

} // namespace majlis
