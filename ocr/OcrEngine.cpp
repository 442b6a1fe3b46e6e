#include "ocr/OcrEngine.h"

#include "ocr/OcrTextFilter.h"
#include "ocr/detail/TesseractText.h"

#include "core/Error.h"
#include "core/Log.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <leptonica/allheaders.h>

#include <cstdlib>

#include <unistd.h>

namespace majlis::ocr {

namespace {

// Mean word confidence weighted by word length, so that one misread
// punctuation mark does not weigh as much as a long word.
double weightedMean(const std::vector<WordConfidence>& words)
{
    double total = 0;
    double weight = 0;
    for (const auto& word : words) {
        total += word.confidence * static_cast<double>(word.text.size());
        weight += static_cast<double>(word.text.size());
    }
    return weight > 0 ? total / weight : 0.0;
}

// Whether dark pixels cover less than 0.01% of the page. Single-block and
// single-line segmentation invent a letter or digit on a blank page, so such
// a page is not read at all. A page number alone also falls under this share.
bool isBlank(Pix* image)
{
    // The cleaner returns 1-bit pages unless binarisation is off. Other
    // depths are thresholded first: pixConvertTo1 takes any depth, where
    // pixThresholdToBinary rejects 32-bit images.
    const detail::PixPtr binary(pixGetDepth(image) == 1 ? pixClone(image) : pixConvertTo1(image, 128));
    l_int32 dark = 0;
    if (!binary || pixCountPixels(binary.get(), &dark, nullptr) != 0)
        return false;
    const double area = static_cast<double>(pixGetWidth(image)) * pixGetHeight(image);
    return dark < 0.0001 * area;
}

} // namespace

void limitOpenMpThreads(char** argv)
{
    if (std::getenv("OMP_THREAD_LIMIT"))
        return;
    setenv("OMP_THREAD_LIMIT", "1", 0);
    ::execv("/proc/self/exe", argv);
    logger("ocr").warning("Could not restart with OMP_THREAD_LIMIT=1; OCR will run with OpenMP's default thread count");
}

void OcrEngine::ApiDeleter::operator()(tesseract::TessBaseAPI* api) const
{
    api->End();
    delete api;
}

OcrEngine::OcrEngine(OcrSettings settings)
    : settings_(std::move(settings))
    , cleaner_(settings_.cleanup)
    , api_(new tesseract::TessBaseAPI)
    , lineRereader_(settings_.dataPath, settings_.lineRereadLanguages)
{
    const char* dataPath = settings_.dataPath.empty() ? nullptr : settings_.dataPath.c_str();
    // The word lists of the models are not loaded. With and without them,
    // raw "ara" gave the same text on 92 typeset statute pages (the dev,
    // alike and wide sets of docs/BENCHMARKS.md), and without them raw
    // Tesseract took 2% less CPU and `majlis import` about 0.6% less.
    // These variables only take effect when passed to Init.
    // NOTE: measured for "ara" only; a model whose beam search relies on its
    // word list would read worse without it.
    const std::vector<std::string> names = {"load_system_dawg", "load_freq_dawg", "load_punc_dawg", "load_number_dawg"};
    const std::vector<std::string> values(names.size(), "0");
    if (api_->Init(dataPath, settings_.languages.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values, false)
        != 0) {
        throw Error(ErrorCode::unavailable, "ocr.models_missing",
            "Tesseract could not load the language models \"" + settings_.languages
                + "\"; install tesseract-ocr-ara and tesseract-ocr-eng",
            {{"languages", settings_.languages}});
    }

    // Tesseract would otherwise write its debug messages to stderr for every page.
    api_->SetVariable("debug_file", "/dev/null");
    // Tesseract 5.3 reads each line of low confidence a second time from an
    // inverted image, for light text on a dark ground. Without that retry
    // the 12 dev scans and 10 unseen ones of tests/bench/ocr_quality.sh kept
    // their character error rates (0.0417 and 0.0711, against 0.0417 and
    // 0.0713 with it). The saving is small: 0.07% of the instructions of a
    // 2-page office-quality scan (valgrind --tool=callgrind).
    api_->SetVariable("tessedit_do_invert", "0");
    // Every row is taken as proportional text, as Arabic type is, so
    // Tesseract skips its search for fixed-pitch (typewriter) rows. The 22
    // pages above read to the same text either way, and a 2-page scan took
    // 3.3% fewer instructions (valgrind --tool=callgrind).
    // NOTE: no typewritten page has been measured.
    api_->SetVariable("textord_all_prop", "1");
    std::string loaded = "Tesseract " + std::string(tesseract::TessBaseAPI::Version()) + " loaded with languages "
        + settings_.languages;
    if (!settings_.lineRereadLanguages.empty())
        loaded += "; lines of low confidence are read again with " + settings_.lineRereadLanguages;
    logger("ocr").information(loaded);
}

OcrEngine::~OcrEngine() = default;

PageText OcrEngine::recognise(Pix* page)
{
    const detail::PixPtr image = cleaner_.clean(page);
    if (isBlank(image.get())) {
        PageText blank;
        if (hook_) {
            // A blank page still belongs in a searchable copy of the scan.
            api_->SetImage(image.get());
            api_->Recognize(nullptr);
        }
        blank.reason = "the page image is blank";
        return finish(blank, page);
    }

    PageText result = recogniseWithMode(image.get(), tesseract::PSM_AUTO);
    result.reason = "page image read with automatic page segmentation";
    if (!result.words.empty())
        return finish(result, page);

    result = recogniseWithMode(image.get(), tesseract::PSM_SINGLE_BLOCK);
    result.reason = "automatic page segmentation found no text; read as a single block";
    if (!result.words.empty())
        return finish(result, page);

    result = recogniseWithMode(image.get(), tesseract::PSM_SINGLE_LINE);
    result.reason = "automatic page segmentation found no text; read as a single line";
    return finish(result, page);
}

PageText OcrEngine::finish(PageText result, Pix* page)
{
    if (hook_)
        hook_(*api_, page);
    api_->Clear();
    return result;
}

PageText OcrEngine::recogniseWithMode(Pix* image, int pageSegMode)
{
    api_->SetPageSegMode(static_cast<tesseract::PageSegMode>(pageSegMode));
    api_->SetImage(image);
    if (pixGetXRes(image) > 0)
        api_->SetSourceResolution(pixGetXRes(image));

    PageText page;
    if (api_->Recognize(nullptr) != 0) {
        api_->Clear();
        return page;
    }

    // Lines in reading order; Tesseract's result iterator already puts the
    // words of a right-to-left line in logical order.
    page.text = OcrTextFilter::clean(lineRereader_.readLines(*api_, image));

    // NOTE: the words and their confidences are the first model's, also on
    // lines whose text the second model gave, so a page with English lines
    // read well may still be flagged for low confidence.

    const std::unique_ptr<tesseract::ResultIterator> words(api_->GetIterator());
    if (words) {
        do {
            const std::string word = detail::takeText(words->GetUTF8Text(tesseract::RIL_WORD));
            if (!word.empty() && !OcrTextFilter::isNoise(word))
                page.words.push_back({word, words->Confidence(tesseract::RIL_WORD)});
        } while (words->Next(tesseract::RIL_WORD));
    }
    page.meanConfidence = weightedMean(page.words);
    return page;
}

} // namespace majlis::ocr
