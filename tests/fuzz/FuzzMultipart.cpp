// libFuzzer harness: web::readMultipartForm. The first line of the input is
// the boundary parameter of the Content-Type header, the rest is the body.
#include "core/Error.h"
#include "web/Multipart.h"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string input(reinterpret_cast<const char*>(data), size);
    const std::size_t newline = input.find('\n');
    const std::string boundary = input.substr(0, newline);
    std::istringstream body(newline == std::string::npos ? std::string() : input.substr(newline + 1));

    // The sink consumes each file part as the record store would, without
    // storing it.
    const majlis::web::FileSink sink = [](std::istream& content, const std::string& fileName) {
        std::string bytes((std::istreambuf_iterator<char>(content)), {});
        majlis::records::FileRef file;
        file.name = fileName;
        file.size = bytes.size();
        return file;
    };
    majlis::web::MultipartLimits limits;
    limits.maxParts = 16;
    limits.maxFieldBytes = 4096;
    try {
        majlis::web::readMultipartForm(body, "multipart/form-data; boundary=" + boundary, sink, limits);
    } catch (const majlis::Error&) {
        // A rejected body: the server returns 400 or 413.
    }
    return 0;
}
