#pragma once

#include <functional>

#include "ocr/DocumentText.h"
#include "ocr/ImageCleaner.h"
#include "ocr/LineRereader.h"

#include <memory>
#include <string>

struct Pix;
namespace tesseract {
class TessBaseAPI;
}

namespace majlis::ocr {

struct OcrSettings {
    // Tesseract language models, joined by '+', that read every page. On
    // twelve typeset Arabic pages "ara" gave a character error rate of 0.053
    // and "ara+eng" 0.080 (majlis_bench_ocr, no clean-up), so English reads
    // only the lines that these models are unsure of (lineRereadLanguages).
    std::string languages = "ara";
    // The model that reads lines of low confidence again (LineRereader).
    // Empty turns re-reading off.
    std::string lineRereadLanguages = "eng";
    // Folder of the .traineddata files; empty means Tesseract's default.
    std::string dataPath;
    CleanupOptions cleanup;
};

// One Tesseract engine, loaded once and reused for every page it reads.
// An engine is single-threaded: give each worker thread its own.
class OcrEngine {
public:
    // Loads the language models. Throws majlis::Error (unavailable) when they
    // are missing.
    explicit OcrEngine(OcrSettings settings = {});
    ~OcrEngine();
    OcrEngine(const OcrEngine&) = delete;
    OcrEngine& operator=(const OcrEngine&) = delete;

    // Reads one page image. Fills text, words, meanConfidence and reason of
    // the result; number, method and flags are left to the caller. A page on
    // which automatic page segmentation finds nothing is read again as a
    // single block, then as a single line.
    PageText recognise(Pix* page);

    // Called once per recognised page while the engine still holds that
    // page's result, with the page image as given (before clean-up): a
    // searchable PDF is written from the same recognition as the text.
    using RecognitionHook = std::function<void(tesseract::TessBaseAPI& api, Pix* page)>;
    void setRecognitionHook(RecognitionHook hook) { hook_ = std::move(hook); }

    // The underlying engine, for renderers that drive it page by page.
    tesseract::TessBaseAPI& api() { return *api_; }

    const OcrSettings& settings() const { return settings_; }

private:
    struct ApiDeleter {
        void operator()(tesseract::TessBaseAPI* api) const;
    };

    PageText recogniseWithMode(Pix* image, int pageSegMode);
    PageText finish(PageText result, Pix* page);

    OcrSettings settings_;
    ImageCleaner cleaner_;
    std::unique_ptr<tesseract::TessBaseAPI, ApiDeleter> api_;
    LineRereader lineRereader_;
    RecognitionHook hook_;
};

// Caps OpenMP at one thread: with its default thread count, parallel
// engines spin against each other and read pages about three to five times
// slower on a two-core machine. Call it first thing in main(), with main's
// argv. GNU libgomp reads OMP_THREAD_LIMIT once, when the program is loaded,
// before main() runs, so when the variable is missing this sets it and
// executes the program again (/proc/self/exe) with the same arguments. A
// variable already set, to any value, is left alone.
void limitOpenMpThreads(char** argv);

} // namespace majlis::ocr
