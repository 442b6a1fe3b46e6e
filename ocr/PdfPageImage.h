#pragma once

#include "ocr/detail/LeptonicaPtr.h"

#include <filesystem>
#include <memory>
#include <string>

namespace majlis::ocr {

// The scanned image of one PDF page as stored in the file.
struct EmbeddedPageImage {
    // The image at its own pixel size, upright as the page shows it, with
    // its resolution set from its size and the page's: 1-bit for image
    // masks and 1-bit grey images, 8-bit grey otherwise. Null when the page
    // is not one image over the whole page.
    detail::PixPtr image;
    // A description of the image read ("embedded 2480x3508 image at 300
    // ppi"), or the reason the page has to be rendered ("the page draws text").
    std::string description;
};

// Reads the embedded image of image-only PDF pages, so that OCR gets the
// scanner's pixels instead of a resampled rendering. Poppler's C++ API has
// no call for embedded images, so this class uses Poppler's core API
// (libpoppler-private-dev), and it is the only file that does.
//
// Use it only while a PdfDocument of the same process is open: that keeps
// Poppler's global parameters and its error callback in place, so errors
// raised here are counted with the document's.
class PdfPageImage {
public:
    // Opens `path`. A file that Poppler cannot open gives no images: every
    // extract() then returns the reason.
    explicit PdfPageImage(const std::filesystem::path& path);
    ~PdfPageImage();
    PdfPageImage(const PdfPageImage&) = delete;
    PdfPageImage& operator=(const PdfPageImage&) = delete;

    // Decodes the image of page `index` (0-based) when the page draws
    // exactly one image over the whole page and nothing else: no text, no
    // paths, no annotations. The image's colour space must be grey, RGB,
    // ICC-based or indexed, and it must be drawn upright, turned by a
    // multiple of 90 degrees or mirrored. Anything else returns a null image
    // and the reason; the caller then renders the page.
    EmbeddedPageImage extract(int index);

private:
    struct Document;
    std::unique_ptr<Document> document_;
};

} // namespace majlis::ocr
