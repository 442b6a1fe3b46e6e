#include "ocr/PdfDocument.h"

#include "ocr/PdfPageImage.h"

#include "core/Error.h"
#include "core/Log.h"
#include "core/Utf8.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>
#include <vector>

namespace majlis::ocr {

namespace {

// Poppler reports syntax errors through one process-wide callback and calls
// it on the thread that reads the document. A thread-local count therefore
// gives each document the number of errors its own reading raised.
thread_local int popplerErrorCount = 0;

void countPopplerError(const std::string& message, void*)
{
    ++popplerErrorCount;
    if (popplerErrorCount <= 3)
        logger("ocr").debug("Poppler: " + message);
}

void installPopplerErrorHandler()
{
    static std::once_flag installed;
    std::call_once(installed, [] { poppler::set_debug_error_function(countPopplerError, nullptr); });
}

Error pdfError(const std::string& id, const std::filesystem::path& path, const std::string& reason)
{
    return Error(ErrorCode::invalid_argument, id, "Cannot read " + path.filename().string() + ": " + reason,
        {{"file", path.filename().string()}, {"reason", reason}});
}

struct Glyph {
    double x = 0;
    char32_t character = 0;
};

// One word box of the text layer with its glyphs in left-to-right order.
struct WordBox {
    double left = 0;
    double right = 0;
    double top = 0;
    double bottom = 0;
    bool spaceAfter = false;
    std::vector<Glyph> glyphs;
};

WordBox toWordBox(const poppler::text_box& box)
{
    const poppler::rectf bounds = box.bbox();
    WordBox word{bounds.left(), bounds.right(), bounds.top(), bounds.bottom(), box.has_space_after(), {}};

    // Characters outside the Basic Multilingual Plane would take two UTF-16
    // units but one glyph box; Arabic and Latin text never needs them.
    const poppler::ustring text = box.text();
    for (std::size_t i = 0; i < text.size(); ++i) {
        const double x = box.char_bbox(static_cast<int>(i)).left();
        word.glyphs.push_back({x, static_cast<char32_t>(text[i])});
    }
    std::stable_sort(word.glyphs.begin(), word.glyphs.end(), [](const Glyph& a, const Glyph& b) { return a.x < b.x; });
    return word;
}

// Whether two boxes share a text line: their vertical extents overlap by
// more than half the height of the smaller one.
bool onSameLine(const WordBox& a, const WordBox& b)
{
    const double overlap = std::min(a.bottom, b.bottom) - std::max(a.top, b.top);
    const double smaller = std::min(a.bottom - a.top, b.bottom - b.top);
    return overlap > 0.5 * smaller;
}

// NOTE: boxes at the same height form one line even when they belong to
// different columns, so a two-column page reads across its columns.
std::vector<std::vector<WordBox>> groupIntoLines(std::vector<WordBox> words)
{
    std::stable_sort(words.begin(), words.end(), [](const WordBox& a, const WordBox& b) { return a.top < b.top; });
    std::vector<std::vector<WordBox>> lines;
    for (auto& word : words) {
        if (!lines.empty() && onSameLine(lines.back().front(), word))
            lines.back().push_back(std::move(word));
        else
            lines.push_back({std::move(word)});
    }
    return lines;
}

std::string paintLine(std::vector<WordBox> line)
{
    std::stable_sort(line.begin(), line.end(), [](const WordBox& a, const WordBox& b) { return a.left < b.left; });

    // Words are separated where Poppler saw a space, or where the gap is wider
    // than a tenth of the box height. Box heights span the font's ascent and
    // descent, so that is about a sixth of the font size. Glyphs of one word
    // touch or overlap, also when a producer places every glyph on its own.
    std::u32string painted;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const double height = line[i].bottom - line[i].top;
        if (i > 0 && (line[i - 1].spaceAfter || line[i].left - line[i - 1].right > height / 10))
            painted += U' ';
        for (const auto& glyph : line[i].glyphs)
            painted += glyph.character;
    }

    std::string utf8;
    for (const char32_t c : painted)
        appendUtf8(utf8, c);
    return utf8;
}

// Copies the rows of an 8-bit grey image into `pix`. Leptonica keeps each
// 32-bit word's bytes in big-endian order, so on a little-endian machine
// the rows are copied whole and the words swapped once, instead of placing
// each byte with SET_DATA_BYTE.
void copyRows(const poppler::image& image, Pix* pix)
{
    const auto* data = reinterpret_cast<const unsigned char*>(image.const_data());
    const int height = image.height();
    const std::size_t rowBytes = static_cast<std::size_t>(image.width());
    const std::ptrdiff_t sourceStride = image.bytes_per_row();
    const std::ptrdiff_t targetStride = static_cast<std::ptrdiff_t>(pixGetWpl(pix)) * 4;
    auto* target = reinterpret_cast<unsigned char*>(pixGetData(pix));
    for (int y = 0; y < height; ++y)
        std::memcpy(target + y * targetStride, data + y * sourceStride, rowBytes);
    pixEndianByteSwap(pix);
}

} // namespace

PdfDocument::PdfDocument(const std::filesystem::path& path)
    : path_(path)
{
    installPopplerErrorHandler();
    if (!std::filesystem::is_regular_file(path))
        throw Error(ErrorCode::not_found, "ocr.file_not_found", "File not found: " + path.string(), {{"file", path.string()}});

    errorCountAtOpen_ = popplerErrorCount;
    document_.reset(poppler::document::load_from_file(path.string()));
    if (!document_)
        throw pdfError("ocr.pdf_damaged", path, "the PDF is damaged beyond repair or is not a PDF");
    if (document_->is_locked() || document_->is_encrypted())
        throw pdfError("ocr.pdf_encrypted", path, "the PDF is encrypted; upload an unprotected copy");
    if (document_->pages() < 1)
        throw pdfError("ocr.pdf_no_pages", path, "the PDF has no readable pages; it is damaged");
}

PdfDocument::~PdfDocument() = default;
PdfDocument::PdfDocument(PdfDocument&&) noexcept = default;
PdfDocument& PdfDocument::operator=(PdfDocument&&) noexcept = default;

int PdfDocument::pageCount() const
{
    return document_->pages();
}

std::string PdfDocument::visualText(int index) const
{
    const std::unique_ptr<poppler::page> page(document_->create_page(index));
    if (!page)
        return {};

    std::vector<WordBox> words;
    for (const auto& box : page->text_list())
        words.push_back(toWordBox(box));

    std::string text;
    for (auto& line : groupIntoLines(std::move(words))) {
        if (!text.empty())
            text += '\n';
        text += paintLine(std::move(line));
    }
    return text;
}

detail::PixPtr PdfDocument::render(int index, int dpi) const
{
    const std::unique_ptr<poppler::page> page(document_->create_page(index));
    if (!page)
        throw pdfError("ocr.pdf_damaged", path_, "page " + std::to_string(index + 1) + " cannot be read");

    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
    renderer.set_image_format(poppler::image::format_gray8);
    const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
    if (!image.is_valid() || image.format() != poppler::image::format_gray8)
        throw pdfError("ocr.pdf_damaged", path_, "page " + std::to_string(index + 1) + " cannot be rendered");

    detail::PixPtr pix(pixCreate(image.width(), image.height(), 8));
    if (!pix)
        throw Error(ErrorCode::internal, "ocr.out_of_memory", "Leptonica could not allocate a page image");
    pixSetResolution(pix.get(), dpi, dpi);
    copyRows(image, pix.get());
    return pix;
}

OcrPageImage PdfDocument::imageForOcr(int index, int dpi) const
{
    const auto rendered = [&](const std::string& reason) {
        return OcrPageImage{render(index, dpi), "rendered at " + std::to_string(dpi) + " dpi: " + reason};
    };
    if (!embeddedImagesUnusable_.empty())
        return rendered(embeddedImagesUnusable_);

    // Errors raised here would be counted again when the page is rendered,
    // so the count is put back and a page with errors is rendered instead.
    const int errorsBefore = popplerErrorCount;
    if (!embeddedImages_)
        embeddedImages_ = std::make_unique<PdfPageImage>(path_);
    if (popplerErrorCount > errorsBefore)
        embeddedImagesUnusable_ = "Poppler reported errors while opening the file";
    EmbeddedPageImage embedded = embeddedImagesUnusable_.empty() ? embeddedImages_->extract(index) : EmbeddedPageImage{};
    const int errors = popplerErrorCount - errorsBefore;
    popplerErrorCount = errorsBefore;

    if (!embeddedImagesUnusable_.empty())
        return rendered(embeddedImagesUnusable_);
    if (!embedded.image)
        return rendered(embedded.description);
    if (errors > 0)
        return rendered("Poppler reported " + std::to_string(errors) + " errors while reading the page image");

    // A scan far from the OCR resolution is scaled to it by rendering, as
    // all pages were before embedded images were read: a low one is
    // enlarged, and a high one would multiply Tesseract's time a page.
    // NOTE: the bounds, 90% and 150% of `dpi`, are not measured; only
    // 300 ppi scans have been.
    const int lowest = std::min(pixGetXRes(embedded.image.get()), pixGetYRes(embedded.image.get()));
    const int highest = std::max(pixGetXRes(embedded.image.get()), pixGetYRes(embedded.image.get()));
    if (lowest * 10 < dpi * 9)
        return rendered(embedded.description + ", below " + std::to_string(dpi * 9 / 10) + " ppi");
    if (highest * 10 > dpi * 15)
        return rendered(embedded.description + ", above " + std::to_string(dpi * 15 / 10) + " ppi");
    return OcrPageImage{std::move(embedded.image), embedded.description};
}

double PdfDocument::inkShareOutsideText(int index) const
{
    // A coarse rendering is enough to tell a scanned page from a blank one.
    constexpr int dpi = 36;
    constexpr double scale = dpi / 72.0;
    const detail::PixPtr image = render(index, dpi);

    // Text boxes are painted white, so only ink the text layer does not explain is left.
    const std::unique_ptr<poppler::page> page(document_->create_page(index));
    for (const auto& box : page->text_list()) {
        const poppler::rectf bounds = box.bbox();
        const detail::BoxPtr area(boxCreate(static_cast<l_int32>(bounds.left() * scale),
            static_cast<l_int32>(bounds.top() * scale), static_cast<l_int32>(std::ceil(bounds.width() * scale)) + 1,
            static_cast<l_int32>(std::ceil(bounds.height() * scale)) + 1));
        pixSetInRect(image.get(), area.get());
    }

    const detail::PixPtr binary(pixConvertTo1(image.get(), 160));
    l_int32 dark = 0;
    pixCountPixels(binary.get(), &dark, nullptr);
    const double area = static_cast<double>(pixGetWidth(binary.get())) * pixGetHeight(binary.get());
    return area > 0 ? dark / area : 0.0;
}

int PdfDocument::repairedErrorCount() const
{
    return popplerErrorCount - errorCountAtOpen_;
}

} // namespace majlis::ocr
