#include "ocr/PageImages.h"

#include "ocr/MediaType.h"
#include "ocr/PdfDocument.h"

#include "core/Error.h"

#include <algorithm>
#include <mutex>

namespace majlis::ocr {

namespace {

// Leptonica reports every multi-page TIFF it reads on stderr at its default
// severity; warnings and errors are still shown.
void quietLeptonica()
{
    static std::once_flag quieted;
    std::call_once(quieted, [] { setMsgSeverity(L_SEVERITY_WARNING); });
}

Error unreadableImage(const std::filesystem::path& file)
{
    return Error(ErrorCode::invalid_argument, "ocr.image_unreadable",
        "Cannot read " + file.filename().string() + ": the image is damaged or in an unsupported format",
        {{"file", file.filename().string()}});
}

} // namespace

std::vector<detail::PixPtr> PageImages::loadImage(const std::filesystem::path& file, const std::string& mediaType)
{
    quietLeptonica();
    std::vector<detail::PixPtr> pages;
    if (mediaType == media_type::tiff) {
        const detail::PixaPtr all(pixaReadMultipageTiff(file.c_str()));
        if (!all)
            throw unreadableImage(file);
        for (int i = 0; i < pixaGetCount(all.get()); ++i)
            pages.emplace_back(pixaGetPix(all.get(), i, L_COPY));
    } else {
        pages.emplace_back(pixRead(file.c_str()));
    }

    if (pages.empty() || std::any_of(pages.begin(), pages.end(), [](const auto& pix) { return !pix; }))
        throw unreadableImage(file);
    return pages;
}

std::vector<detail::PixPtr> PageImages::load(const std::filesystem::path& file, const std::string& mediaType, int pdfDpi)
{
    if (mediaType != media_type::pdf)
        return loadImage(file, mediaType);

    const PdfDocument document(file);
    std::vector<detail::PixPtr> pages;
    for (int i = 0; i < document.pageCount(); ++i)
        pages.push_back(document.imageForOcr(i, pdfDpi).image);
    return pages;
}

} // namespace majlis::ocr
