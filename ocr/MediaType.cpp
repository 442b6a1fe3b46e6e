#include "ocr/MediaType.h"

#include "core/Utf8.h"

#include <fstream>
#include <string_view>

namespace majlis::ocr {

namespace {

// Enough bytes to find "%PDF-" after the junk some producers put in front of
// it (the PDF specification allows it within the first 1024 bytes).
constexpr std::size_t sniffLength = 4096;

std::string readHead(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::string head(sniffLength, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

// Whether the head is UTF-8 text, allowing a multi-byte sequence cut off at the end.
bool looksLikeUtf8Text(std::string_view head)
{
    if (head.find('\0') != std::string_view::npos)
        return false;
    for (std::size_t cut = 0; cut < 4 && cut <= head.size(); ++cut) {
        if (isValidUtf8(head.substr(0, head.size() - cut)))
            return true;
    }
    return false;
}

} // namespace

std::string sniffMediaType(const std::filesystem::path& file)
{
    const std::string head = readHead(file);
    const std::string_view view(head);

    if (view.substr(0, 1024).find("%PDF-") != std::string_view::npos)
        return media_type::pdf;
    if (view.starts_with("\x89PNG\r\n\x1a\n"))
        return media_type::png;
    if (view.starts_with("\xFF\xD8\xFF"))
        return media_type::jpeg;
    if (view.starts_with(std::string_view("II*\0", 4)) || view.starts_with(std::string_view("MM\0*", 4)))
        return media_type::tiff;
    if (looksLikeUtf8Text(view))
        return media_type::plainText;
    return {};
}

} // namespace majlis::ocr
