#pragma once

#include "ocr/detail/LeptonicaPtr.h"

#include <filesystem>
#include <memory>
#include <string>

namespace poppler {
class document;
}

namespace majlis::ocr {

class PdfPageImage;

// The image of a PDF page to read by OCR, and how it was obtained.
struct OcrPageImage {
    detail::PixPtr image;
    // "embedded 2480x3508 image at 300 ppi", or "rendered at 300 dpi"
    // followed by the reason the embedded image could not be used.
    std::string source;
};

// A PDF opened through Poppler's C++ API, read page by page.
class PdfDocument {
public:
    // Opens `path`. Throws majlis::Error (invalid_argument) naming the file
    // when it is missing, damaged beyond repair, has no pages or is encrypted.
    explicit PdfDocument(const std::filesystem::path& path);
    ~PdfDocument();
    PdfDocument(PdfDocument&&) noexcept;
    PdfDocument& operator=(PdfDocument&&) noexcept;

    int pageCount() const;

    // The text layer of page `index` (0-based) as painted: lines top to
    // bottom, the characters of each line left to right by their position on
    // the page. Arabic therefore comes out in visual order, whatever order
    // the producer stored it in.
    std::string visualText(int index) const;

    // Renders page `index` as an 8-bit grey image at `dpi`.
    detail::PixPtr render(int index, int dpi) const;

    // The image of page `index` for OCR. A page that draws one image over
    // the whole page and nothing else gives that image as stored, at its
    // own resolution when that is 90% to 150% of `dpi` (PdfPageImage).
    // Any other page, or an image Poppler reports errors on, is rendered
    // at `dpi`. Throws as render() does.
    OcrPageImage imageForOcr(int index, int dpi) const;

    // The share (0 to 1) of page `index` covered by dark pixels that lie
    // outside every text box of the text layer: the ink of images and scans.
    double inkShareOutsideText(int index) const;

    // The number of errors Poppler reported on this thread since the
    // document was opened; above zero means the file is damaged. Errors
    // raised while imageForOcr() reads an embedded image are left out,
    // because such a page is rendered instead and counts the rendering's.
    int repairedErrorCount() const;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    std::unique_ptr<poppler::document> document_;
    int errorCountAtOpen_ = 0;
    // Opened on the first imageForOcr(); declared after document_ so that it
    // is destroyed first, while poppler-cpp still keeps Poppler's globals.
    mutable std::unique_ptr<PdfPageImage> embeddedImages_;
    mutable std::string embeddedImagesUnusable_;
};

} // namespace majlis::ocr
