#pragma once

#include "ocr/detail/LeptonicaPtr.h"

#include <filesystem>
#include <memory>
#include <vector>

namespace tesseract {
class TessBaseAPI;
class TessPDFRenderer;
} // namespace tesseract

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

// A searchable PDF written page by page while the text is extracted, from
// the same recognition, so a scan is read once for both.
class SearchablePdfSession {
public:
    SearchablePdfSession(const std::filesystem::path& output, const char* tessdataPath);
    ~SearchablePdfSession();
    SearchablePdfSession(const SearchablePdfSession&) = delete;
    SearchablePdfSession& operator=(const SearchablePdfSession&) = delete;

    // Adds `page` (the image as scanned) with the text layer of the
    // recognition `api` currently holds.
    void addPage(tesseract::TessBaseAPI& api, Pix* page, const std::filesystem::path& source);

    // Completes the file; returns false, leaving no file, when a page failed.
    bool finish();

private:
    std::filesystem::path output_;
    std::unique_ptr<tesseract::TessPDFRenderer> renderer_;
    bool happy_ = true;
};

} // namespace majlis::ocr
