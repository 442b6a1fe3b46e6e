#include "ocr/LineRereader.h"

#include "ocr/detail/TesseractText.h"

#include "core/Error.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <leptonica/allheaders.h>

#include <algorithm>
#include <optional>

namespace majlis::ocr {

namespace {

// Lines that the first model reads with a mean word confidence under this
// (Tesseract's 0 to 100 scale) are read again. On the dev, alike and wide
// page sets of docs/BENCHMARKS.md section 1, 70 gave error rates within
// 0.0003 of these and read more lines twice.
constexpr float lowConfidence = 60.0f;

// How much higher the second model's line confidence must be for its
// reading to be kept. The two models' confidences are not calibrated
// against each other: an Arabic line read by "eng" can still score in the
// sixties.
constexpr float confidenceMargin = 10.0f;

// Pixels added on each side of a line's box, so that ascenders, descenders
// and dots cut off by the box are read too.
constexpr int linePadding = 6;

// Mean confidence of the words of the line at `line`, weighted by their
// length in bytes, as OcrEngine weighs a page's words. Tesseract's own line
// confidence is not used: "eng" gave Arabic lines it turned into Latin noise
// a line confidence above that of "ara" for the same line.
float wordConfidence(const tesseract::ResultIterator& line)
{
    tesseract::ResultIterator word(line);
    double total = 0;
    double weight = 0;
    do {
        const std::string text = detail::takeText(word.GetUTF8Text(tesseract::RIL_WORD));
        total += word.Confidence(tesseract::RIL_WORD) * static_cast<double>(text.size());
        weight += static_cast<double>(text.size());
        if (word.IsAtFinalElement(tesseract::RIL_TEXTLINE, tesseract::RIL_WORD))
            break;
    } while (word.Next(tesseract::RIL_WORD));
    return weight > 0 ? static_cast<float>(total / weight) : 0.0f;
}

struct LineReading {
    std::string text;
    float confidence = 0;
};

// Reads the box from (left, top) to (right, bottom) of `image`, with
// linePadding around it, as one line with `api`. Nothing when no text is read.
std::optional<LineReading> readLine(tesseract::TessBaseAPI& api, Pix* image, int left, int top, int right, int bottom)
{
    const int x = std::max(0, left - linePadding);
    const int y = std::max(0, top - linePadding);
    const detail::BoxPtr box(boxCreate(x, y, right - x + linePadding, bottom - y + linePadding));
    const detail::PixPtr line(pixClipRectangle(image, box.get(), nullptr));
    if (!line)
        return std::nullopt;

    api.SetImage(line.get());
    if (pixGetXRes(image) > 0)
        api.SetSourceResolution(pixGetXRes(image));
    if (api.Recognize(nullptr) != 0) {
        api.Clear();
        return std::nullopt;
    }

    // A raw line gives one line. Should it give more, they are joined and
    // their confidences weighted by length.
    LineReading reading;
    double weightedConfidence = 0;
    const std::unique_ptr<tesseract::ResultIterator> lines(api.GetIterator());
    if (lines) {
        do {
            const std::string text = detail::trimLine(detail::takeText(lines->GetUTF8Text(tesseract::RIL_TEXTLINE)));
            if (text.empty())
                continue;
            if (!reading.text.empty())
                reading.text += ' ';
            reading.text += text;
            weightedConfidence += wordConfidence(*lines) * static_cast<double>(text.size());
        } while (lines->Next(tesseract::RIL_TEXTLINE));
    }
    api.Clear();
    if (reading.text.empty())
        return std::nullopt;
    reading.confidence = static_cast<float>(weightedConfidence / static_cast<double>(reading.text.size()));
    return reading;
}

} // namespace

void LineRereader::ApiDeleter::operator()(tesseract::TessBaseAPI* api) const
{
    api->End();
    delete api;
}

LineRereader::LineRereader(const std::string& dataPath, const std::string& languages)
{
    if (languages.empty())
        return;
    second_.reset(new tesseract::TessBaseAPI);
    if (second_->Init(dataPath.empty() ? nullptr : dataPath.c_str(), languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
        throw Error(ErrorCode::unavailable, "ocr.models_missing",
            "Tesseract could not load the language model \"" + languages
                + "\" that reads uncertain lines again; install tesseract-ocr-eng",
            {{"languages", languages}});
    }
    second_->SetVariable("debug_file", "/dev/null");
    second_->SetVariable("tessedit_do_invert", "0");
    // The box is one line already, so Tesseract's layout analysis is skipped.
    second_->SetPageSegMode(tesseract::PSM_RAW_LINE);
}

LineRereader::~LineRereader() = default;

std::string LineRereader::readLines(tesseract::TessBaseAPI& first, Pix* image)
{
    const std::unique_ptr<tesseract::ResultIterator> lines(first.GetIterator());
    std::string text;
    if (!lines)
        return text;
    do {
        std::string line = detail::trimLine(detail::takeText(lines->GetUTF8Text(tesseract::RIL_TEXTLINE)));
        if (line.empty())
            continue;

        const float confidence = wordConfidence(*lines);
        int left = 0, top = 0, right = 0, bottom = 0;
        if (second_ && confidence < lowConfidence
            && lines->BoundingBox(tesseract::RIL_TEXTLINE, &left, &top, &right, &bottom)) {
            const auto second = readLine(*second_, image, left, top, right, bottom);
            if (second && second->confidence >= confidence + confidenceMargin)
                line = second->text;
        }

        if (!text.empty())
            text += '\n';
        text += line;
    } while (lines->Next(tesseract::RIL_TEXTLINE));
    return text;
}

} // namespace majlis::ocr
