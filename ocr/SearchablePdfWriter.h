#pragma once

#include "ocr/detail/LeptonicaPtr.h"

#include <filesystem>
#include <vector>

namespace majlis::ocr {

class OcrEngine;

// Writes page images into a PDF with Tesseract's invisible text layer
// (tesseract::TessPDFRenderer), the usual form of a searchable scan.
class SearchablePdfWriter {
public:
    explicit SearchablePdfWriter(OcrEngine& engine);

    // Writes the `pages` of the scan `source` to `output`. Throws
    // majlis::Error when the PDF cannot be written.
    void write(const std::filesystem::path& source, const std::vector<detail::PixPtr>& pages,
        const std::filesystem::path& output);

private:
    OcrEngine& engine_;
};

} // namespace majlis::ocr
