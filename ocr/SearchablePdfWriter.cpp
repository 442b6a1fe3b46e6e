#include "ocr/SearchablePdfWriter.h"

#include "ocr/OcrEngine.h"

#include "core/Error.h"

#include <tesseract/baseapi.h>
#include <tesseract/renderer.h>

#include <memory>
#include <string_view>

namespace majlis::ocr {

namespace {

Error writeFailed(const std::filesystem::path& output)
{
    return Error(ErrorCode::storage_failure, "ocr.searchable_pdf_failed",
        "Cannot write the searchable PDF " + output.string(), {{"file", output.string()}});
}

bool foundText(tesseract::TessBaseAPI& api)
{
    const std::unique_ptr<char[]> text(api.GetUTF8Text());
    return text && std::string_view(text.get()).find_first_not_of(" \n") != std::string_view::npos;
}

// Recognises the current image as OcrEngine does: automatic page
// segmentation first, a single block when that finds nothing.
bool recognisePage(tesseract::TessBaseAPI& api)
{
    api.SetPageSegMode(tesseract::PSM_AUTO);
    if (api.Recognize(nullptr) != 0)
        return false;
    if (foundText(api))
        return true;
    api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    return api.Recognize(nullptr) == 0;
}

} // namespace

SearchablePdfWriter::SearchablePdfWriter(OcrEngine& engine)
    : engine_(engine)
{
}

void SearchablePdfWriter::write(const std::filesystem::path& source, const std::vector<detail::PixPtr>& pages,
    const std::filesystem::path& output)
{
    tesseract::TessBaseAPI& api = engine_.api();

    // TessPDFRenderer appends ".pdf" to the base name it is given, and needs
    // the folder of pdf.ttf, the glyphless font of the text layer.
    std::filesystem::path base = output;
    if (base.extension() == ".pdf")
        base.replace_extension();
    tesseract::TessPDFRenderer renderer(base.c_str(), api.GetDatapath(), false);
    if (!renderer.BeginDocument(""))
        throw writeFailed(output);

    for (const auto& page : pages) {
        // The renderer reads the input name: a JPEG source is embedded as it
        // is, anything else is encoded from the page image.
        api.SetInputName(source.c_str());
        // Tesseract takes ownership of the input image, so it gets its own
        // reference: pixClone only raises Leptonica's reference count.
        api.SetInputImage(pixClone(page.get()));
        api.SetImage(page.get());
        if (!recognisePage(api) || !renderer.AddImage(&api))
            throw writeFailed(output);
    }
    api.Clear();

    if (!renderer.EndDocument() || !renderer.happy())
        throw writeFailed(output);
}

SearchablePdfSession::SearchablePdfSession(const std::filesystem::path& output, const char* tessdataPath)
    : output_(output)
{
    // TessPDFRenderer appends ".pdf" to the base name it is given.
    std::filesystem::path base = output;
    if (base.extension() == ".pdf")
        base.replace_extension();
    renderer_ = std::make_unique<tesseract::TessPDFRenderer>(base.c_str(), tessdataPath, false);
    happy_ = renderer_->BeginDocument("");
}

SearchablePdfSession::~SearchablePdfSession() = default;

void SearchablePdfSession::addPage(tesseract::TessBaseAPI& api, Pix* page, const std::filesystem::path& source)
{
    if (!happy_)
        return;
    // The renderer embeds a JPEG source as it is; for anything else it must
    // encode the page image, so it gets no file name to read.
    const std::string extension = source.extension().string();
    const bool jpeg = extension == ".jpg" || extension == ".jpeg" || extension == ".JPG" || extension == ".JPEG";
    api.SetInputName(jpeg ? source.c_str() : "");
    // Tesseract takes ownership of the input image, so it gets its own
    // reference: pixClone only raises Leptonica's reference count.
    api.SetInputImage(pixClone(page));
    happy_ = renderer_->AddImage(&api);
}

bool SearchablePdfSession::finish()
{
    happy_ = happy_ && renderer_->EndDocument() && renderer_->happy();
    renderer_.reset();
    if (!happy_) {
        std::error_code ignored;
        std::filesystem::remove(output_, ignored);
    }
    return happy_;
}

} // namespace majlis::ocr
