#include "ocr/TextExtractor.h"

#include "ocr/ArabicTextRepair.h"
#include "ocr/MediaType.h"
#include "ocr/PageImages.h"
#include "ocr/PdfDocument.h"
#include "ocr/ReviewFlagger.h"
#include "ocr/SearchablePdfWriter.h"
#include "ocr/TextLayerCheck.h"

#include "core/Error.h"
#include "core/Log.h"
#include "core/Utf8.h"

#include <tesseract/baseapi.h>

#include <fstream>
#include <sstream>

namespace majlis::ocr {

namespace {

std::string readWholeFile(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream contents;
    contents << in.rdbuf();
    return contents.str();
}

void requireFile(const std::filesystem::path& file)
{
    if (!std::filesystem::is_regular_file(file))
        throw Error(ErrorCode::not_found, "ocr.file_not_found", "File not found: " + file.string(), {{"file", file.string()}});
}

Error unsupportedMediaType(const std::filesystem::path& file, const std::string& mediaType)
{
    const std::string typeName = mediaType.empty() ? "an unknown type" : mediaType;
    return Error(ErrorCode::unsupported_media_type, "ocr.unsupported_media_type",
        "Cannot extract text from " + file.filename().string() + ": it is " + typeName
            + "; upload a PDF, PNG, JPEG, TIFF or UTF-8 text file",
        {{"file", file.filename().string()}, {"media_type", mediaType}});
}

} // namespace

TextExtractor::TextExtractor(OcrSettings settings)
    : settings_(std::move(settings))
{
}

TextExtractor::~TextExtractor() = default;

// Poppler repairs many damaged files silently; the archivist should know
// that what was read may be incomplete.
void TextExtractor::flagDamagedPdf(DocumentText& document, const std::filesystem::path& file, int errorCount)
{
    if (errorCount <= 0)
        return;
    bool anyText = false;
    for (const auto& page : document.pages)
        anyText = anyText || !page.text.empty();
    const std::string reason = "the PDF is damaged (Poppler reported " + std::to_string(errorCount) + " errors)";
    if (!anyText) {
        throw Error(ErrorCode::invalid_argument, "ocr.pdf_damaged",
            "Cannot read " + file.filename().string() + ": " + reason + " and no text could be read from it",
            {{"file", file.filename().string()}, {"reason", reason}});
    }
    for (auto& page : document.pages)
        page.flags.push_back({"damaged_pdf", std::to_string(errorCount), reason + "; the text may be incomplete"});
}

OcrEngine& TextExtractor::engine()
{
    if (!engine_)
        engine_ = std::make_unique<OcrEngine>(settings_);
    return *engine_;
}

DocumentText TextExtractor::extract(const std::filesystem::path& file, std::string mediaType)
{
    requireFile(file);
    if (mediaType.empty())
        mediaType = sniffMediaType(file);

    if (mediaType == media_type::pdf)
        return extractPdf(file);
    if (mediaType == media_type::png || mediaType == media_type::jpeg || mediaType == media_type::tiff)
        return extractImages(file, mediaType);
    if (mediaType == media_type::plainText)
        return extractPlainText(file);
    throw unsupportedMediaType(file, mediaType);
}

bool TextExtractor::extractWithSearchablePdf(const std::filesystem::path& file,
    const std::filesystem::path& searchablePdf, DocumentText& text)
{
    return recordSearchablePdf(file, searchablePdf, [&]() -> const std::vector<PageText>& {
        text = extract(file);
        return text.pages;
    });
}

PdfPageText TextExtractor::extractPdfPage(const std::filesystem::path& file, int number,
    const std::filesystem::path& searchablePdf)
{
    requireFile(file);
    PdfPageText result;
    std::vector<PageText> pages;
    const auto readPage = [&]() -> const std::vector<PageText>& {
        const PdfDocument document(file);
        result.pageCount = document.pageCount();
        if (number < 1 || number > result.pageCount) {
            throw Error(ErrorCode::invalid_argument, "ocr.pdf_no_such_page",
                "Cannot read page " + std::to_string(number) + " of " + file.filename().string() + ": it has "
                    + std::to_string(result.pageCount) + " pages",
                {{"file", file.filename().string()}, {"page", std::to_string(number)}});
        }
        pages.push_back(readPdfPage(document, number - 1));
        result.repairedErrors = document.repairedErrorCount();
        return pages;
    };

    if (searchablePdf.empty())
        readPage();
    else
        result.searchablePdfWritten = recordSearchablePdf(file, searchablePdf, readPage);
    result.page = std::move(pages.at(0));
    return result;
}

bool TextExtractor::recordSearchablePdf(const std::filesystem::path& file, const std::filesystem::path& searchablePdf,
    const std::function<const std::vector<PageText>&()>& extractPages)
{
    std::unique_ptr<SearchablePdfSession> session;
    engine().setRecognitionHook([&](tesseract::TessBaseAPI& api, Pix* page) {
        if (!session)
            session = std::make_unique<SearchablePdfSession>(searchablePdf, api.GetDatapath());
        session->addPage(api, page, file);
    });
    const std::vector<PageText>* pages = nullptr;
    try {
        pages = &extractPages();
    } catch (...) {
        engine().setRecognitionHook({});
        if (session)
            session->finish();
        std::error_code ignored;
        std::filesystem::remove(searchablePdf, ignored);
        throw;
    }
    engine().setRecognitionHook({});
    if (!session)
        return false;

    bool allScanned = !pages->empty();
    for (const auto& page : *pages)
        allScanned = allScanned && page.method == "ocr";
    const bool written = session->finish();
    // A PDF that already carries text on some pages is searchable as it is.
    if (written && !allScanned) {
        std::error_code ignored;
        std::filesystem::remove(searchablePdf, ignored);
        return false;
    }
    return written;
}

DocumentText TextExtractor::extractPdf(const std::filesystem::path& file)
{
    const PdfDocument document(file);
    DocumentText result;
    for (int i = 0; i < document.pageCount(); ++i) {
        result.pages.push_back(readPdfPage(document, i));
        reportProgress(i + 1, document.pageCount());
    }

    flagDamagedPdf(result, file, document.repairedErrorCount());
    return result;
}

PageText TextExtractor::readPdfPage(const PdfDocument& document, int index)
{
    // Lines assembled from glyph positions are in visual order. When the glyph
    // boxes carry no usable positions (all at one x, say), the producer's
    // logical order survives instead. The word shapes tell the two apart.
    const std::string painted = document.visualText(index);
    const bool logical = ArabicTextRepair::detectOrder(painted) == TextOrder::logical;
    const std::string text = ArabicTextRepair::repairLines(painted, logical ? TextOrder::logical : TextOrder::visual);
    TextLayerVerdict verdict = TextLayerCheck::assess(text);
    if (verdict.usable && TextLayerCheck::countVisibleCharacters(text) < TextLayerCheck::sparseTextLength)
        verdict = TextLayerCheck::assessSparse(text, document.inkShareOutsideText(index));
    if (verdict.usable) {
        PageText page{index + 1, text, "text_layer", verdict.reason, 100.0, {}, {}};
        page.flags = ReviewFlagger::checkNumbers(page.text);
        return page;
    }

    const OcrPageImage image = document.imageForOcr(index, renderDpi);
    PageText page = recognise(image.image.get(), index + 1);
    page.reason = "text layer unusable: " + verdict.reason + "; " + image.source + "; " + page.reason;
    return page;
}

DocumentText TextExtractor::extractImages(const std::filesystem::path& file, const std::string& mediaType)
{
    DocumentText result;
    const auto images = PageImages::loadImage(file, mediaType);
    const int pageCount = static_cast<int>(images.size());
    for (int i = 0; i < pageCount; ++i) {
        result.pages.push_back(recognise(images[i].get(), i + 1));
        reportProgress(i + 1, pageCount);
    }
    return result;
}

void TextExtractor::reportProgress(int pagesDone, int pageCount) const
{
    if (progress_)
        progress_(pagesDone, pageCount);
}

PageText TextExtractor::recognise(Pix* image, int number)
{
    PageText page = engine().recognise(image);
    page.number = number;
    page.method = "ocr";
    page.flags = ReviewFlagger::review(page);
    return page;
}

DocumentText TextExtractor::extractPlainText(const std::filesystem::path& file)
{
    const std::string contents = readWholeFile(file);
    if (!isValidUtf8(contents)) {
        throw Error(ErrorCode::invalid_argument, "ocr.text_not_utf8",
            "Cannot read " + file.filename().string() + ": the text is not valid UTF-8; save it as UTF-8 and upload it again",
            {{"file", file.filename().string()}});
    }

    PageText page{1, ArabicTextRepair::repairText(contents), "plain_text", "UTF-8 text file", 100.0, {}, {}};
    page.flags = ReviewFlagger::checkNumbers(page.text);
    return {{page}};
}

void TextExtractor::writeSearchablePdf(const std::filesystem::path& file, const std::filesystem::path& output)
{
    requireFile(file);
    const std::string mediaType = sniffMediaType(file);
    if (mediaType != media_type::pdf && mediaType != media_type::png && mediaType != media_type::jpeg
        && mediaType != media_type::tiff)
        throw unsupportedMediaType(file, mediaType);

    const auto images = PageImages::load(file, mediaType, renderDpi);
    SearchablePdfWriter writer(engine());
    writer.write(file, images, output);
}

} // namespace majlis::ocr
