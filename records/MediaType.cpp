#include "records/MediaType.h"

#include "core/Error.h"
#include "core/Utf8.h"

#include <fstream>

namespace majlis::records {

std::string sniffMediaType(std::string_view head, bool wholeFile)
{
    if (head.starts_with("%PDF-"))
        return "application/pdf";
    if (head.starts_with("\x89PNG\r\n\x1a\n"))
        return "image/png";
    if (head.starts_with("\xFF\xD8\xFF"))
        return "image/jpeg";
    if (head.starts_with(std::string_view("II*\0", 4)) || head.starts_with(std::string_view("MM\0*", 4)))
        return "image/tiff";

    // A cut in the middle of a multi-byte character is not an encoding error.
    std::string_view checked = head;
    if (!wholeFile) {
        std::size_t cut = checked.size();
        while (cut > 0 && checked.size() - cut < 4 && (static_cast<unsigned char>(checked[cut - 1]) & 0xC0) == 0x80)
            --cut;
        if (cut > 0 && static_cast<unsigned char>(checked[cut - 1]) >= 0xC0)
            --cut;
        checked = checked.substr(0, cut);
    }
    if (checked.find('\0') == std::string_view::npos && isValidUtf8(checked))
        return "text/plain";
    return "application/octet-stream";
}

std::string sniffMediaType(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(8192, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    const bool wholeFile = in.eof();
    return sniffMediaType(head, wholeFile);
}

std::string cleanFileName(std::string_view given)
{
    const auto invalid = [&](const std::string& why) {
        return Error(ErrorCode::invalid_argument, "error.invalid_attachment_name",
            "invalid file name: " + why + "; rename the file and upload it again");
    };
    if (!isValidUtf8(given))
        throw invalid("it is not valid UTF-8");

    const std::size_t slash = given.find_last_of("/\\");
    std::string_view name = slash == std::string_view::npos ? given : given.substr(slash + 1);
    if (name.empty() || name == "." || name == "..")
        throw invalid("it is empty once folder parts are removed");
    if (name.size() > 255)
        throw invalid("it is longer than 255 bytes");
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7F)
            throw invalid("it contains a control character");
    return std::string(name);
}

} // namespace majlis::records
