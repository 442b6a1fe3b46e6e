#pragma once

#include "ocr/detail/LeptonicaPtr.h"

#include <filesystem>
#include <string>
#include <vector>

namespace majlis::ocr {

// Loads the page images of a scan with Leptonica: one for a PNG or JPEG,
// every page of a multi-page TIFF, or each page of a PDF: its embedded scan
// when the page is one full-page image, otherwise rendered by Poppler.
class PageImages {
public:
    // Throws majlis::Error naming the file when it cannot be decoded.
    static std::vector<detail::PixPtr> load(const std::filesystem::path& file, const std::string& mediaType, int pdfDpi);

    static std::vector<detail::PixPtr> loadImage(const std::filesystem::path& file, const std::string& mediaType);
};

} // namespace majlis::ocr
