#pragma once

#include "ocr/DocumentText.h"
#include "ocr/OcrEngine.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace majlis::ocr {

class PdfDocument;

// One page of a PDF read on its own, for a worker that shares a document's
// pages out with other workers.
struct PdfPageText {
    PageText page;
    int pageCount = 0;
    // Poppler errors while opening the document and reading this page.
    int repairedErrors = 0;
    bool searchablePdfWritten = false;
};

// Turns a PDF, a PNG, JPEG or TIFF scan, or a UTF-8 text file into per-page
// text. PDF pages with a usable text layer are read from it and repaired;
// other pages, and images, are OCR'd. One extractor per worker thread: it
// owns one Tesseract engine, loaded on the first page that needs OCR.
class TextExtractor {
public:
    // Resolution at which PDF pages are rendered for OCR; Tesseract's Arabic
    // model reads body text best at about 300 dpi.
    static constexpr int renderDpi = 300;

    // Called after each page with the number of pages done and the page count.
    using ProgressCallback = std::function<void(int pagesDone, int pageCount)>;

    explicit TextExtractor(OcrSettings settings = {});
    ~TextExtractor();

    void setProgressCallback(ProgressCallback callback) { progress_ = std::move(callback); }

    // Extracts the text of `file`. `mediaType` is one of media_type; when
    // empty it is sniffed from the file's first bytes. Throws majlis::Error
    // naming the file when it is missing, unsupported, damaged or encrypted.
    DocumentText extract(const std::filesystem::path& file, std::string mediaType = {});

    // Extracts as extract() does and, when every page of `file` was read by
    // OCR (a scan), writes `searchablePdf` from the same recognition: the
    // page images with the text as an invisible layer. Returns whether the
    // searchable PDF was written.
    bool extractWithSearchablePdf(const std::filesystem::path& file, const std::filesystem::path& searchablePdf,
        DocumentText& text);

    // Extracts page `number` (1-based) of the PDF `file` as extract() does,
    // without the damage flags, which need every page (flagDamagedPdf).
    // When `searchablePdf` is given and the page is read by OCR, writes it:
    // that page alone with its text as an invisible layer. Throws
    // majlis::Error as extract() does, and invalid_argument when the PDF
    // has no such page.
    PdfPageText extractPdfPage(const std::filesystem::path& file, int number,
        const std::filesystem::path& searchablePdf = {});

    // Flags every page of `document`, the text of the PDF `file`, as read
    // from a damaged PDF when Poppler reported `errorCount` errors, above
    // zero. Throws majlis::Error (invalid_argument) when no page has text.
    static void flagDamagedPdf(DocumentText& document, const std::filesystem::path& file, int errorCount);

    // Writes `output`, a PDF of the page images of the scanned `file` (PDF or
    // image) with the OCR text as an invisible layer, so that the original
    // can be searched and copied from in any PDF viewer.
    void writeSearchablePdf(const std::filesystem::path& file, const std::filesystem::path& output);

    OcrEngine& engine();

private:
    DocumentText extractPdf(const std::filesystem::path& file);
    DocumentText extractImages(const std::filesystem::path& file, const std::string& mediaType);
    DocumentText extractPlainText(const std::filesystem::path& file);
    PageText readPdfPage(const PdfDocument& document, int index);
    bool recordSearchablePdf(const std::filesystem::path& file, const std::filesystem::path& searchablePdf,
        const std::function<const std::vector<PageText>&()>& extractPages);
    PageText recognise(Pix* image, int number);

    void reportProgress(int pagesDone, int pageCount) const;

    OcrSettings settings_;
    std::unique_ptr<OcrEngine> engine_;
    ProgressCallback progress_;
};

} // namespace majlis::ocr
