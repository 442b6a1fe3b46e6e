#pragma once

#include <map>
#include <string>
#include <string_view>

namespace majlis::web {

// A parsed Content-Disposition header (RFC 6266), such as a multipart part's
// `form-data; name="file"; filename="…"; filename*=UTF-8''…`.
struct ContentDisposition {
    std::string type;                          // "form-data", "attachment", …
    std::map<std::string, std::string> params; // names lower-cased, values unquoted and decoded

    // The file name to use: filename* (RFC 5987, UTF-8) wins over filename.
    // Browsers that follow the HTML standard write '"', CR and LF of a form's
    // file name as %22, %0D and %0A, so filename decodes those three. Any
    // other '%' is kept, because browsers do not escape it.
    std::string fileName() const;
};

// Parses a header value. Semicolons and equals signs inside quoted strings
// belong to the value; raw UTF-8 in quoted names is kept as is.
ContentDisposition parseContentDisposition(std::string_view header);

// Decodes an RFC 5987 ext-value "UTF-8'lang'percent-encoded". Throws
// invalid_argument for another charset or bad percent-encoding.
std::string decodeExtendedValue(std::string_view value);

// Builds `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>`
// for a download of `name`: the fallback replaces every non-ASCII character,
// quote, backslash and control character by '_', so no raw byte above 0x7F,
// CR or LF reaches the header.
std::string attachmentHeader(std::string_view name);

std::string percentEncodeUtf8(std::string_view text);

} // namespace majlis::web
