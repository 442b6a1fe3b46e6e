#include "ocr/PdfPageImage.h"

#include <poppler/GfxState.h>
#include <poppler/GlobalParams.h>
#include <poppler/OutputDev.h>
#include <poppler/PDFDoc.h>
#include <poppler/Stream.h>
#include <poppler/goo/GooString.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace majlis::ocr {

namespace {

// Tolerance, in points, for an image edge to count as the page edge:
// producers round the page size and the image matrix differently.
constexpr double edgeTolerance = 1.0;

// Images above these sizes are rendered at the OCR resolution instead, so
// that one page cannot take gigabytes of memory.
constexpr long long maxSide = 20000;
constexpr long long maxPixels = 150'000'000;

// The quarter turns and mirror that bring a decoded image upright on the
// page, applied in this order.
struct Orientation {
    int quarterTurns = 0; // clockwise, 0 to 3
    bool mirror = false;  // left-right, after the turn
};

// The sign (-1, 0 or 1) of a matrix entry, with entries well below the
// largest counted as zero.
int signOf(double value, double scale)
{
    if (std::abs(value) <= scale * 1e-6)
        return 0;
    return value > 0 ? 1 : -1;
}

// The orientation of an image drawn with `ctm` in a device space whose y
// axis points down. Image space maps (u, v) in the unit square to the
// device as x = a*u + c*v + e, y = b*u + d*v + f, and the image's first
// row lies at v = 1, so one column to the right moves by (a, b) and one
// row down moves by (-c, -d). Returns nothing for a slanted image.
std::optional<Orientation> orientationOf(const double* ctm)
{
    const double scale = std::max({std::abs(ctm[0]), std::abs(ctm[1]), std::abs(ctm[2]), std::abs(ctm[3])});
    const int columnX = signOf(ctm[0], scale);
    const int columnY = signOf(ctm[1], scale);
    const int rowX = -signOf(ctm[2], scale);
    const int rowY = -signOf(ctm[3], scale);

    // Upright and mirrored images: columns run along x, rows along y.
    if (columnY == 0 && rowX == 0 && columnX != 0 && rowY != 0) {
        if (columnX > 0 && rowY > 0)
            return Orientation{0, false};
        if (columnX < 0 && rowY < 0)
            return Orientation{2, false};
        if (columnX < 0)
            return Orientation{0, true};
        return Orientation{2, true}; // upside down = turned twice and mirrored
    }

    // Turned images: columns run along y, rows along x. A clockwise quarter
    // turn sends columns down the page and rows to the left.
    if (columnX == 0 && rowY == 0 && columnY != 0 && rowX != 0) {
        if (columnY > 0 && rowX < 0)
            return Orientation{1, false};
        if (columnY < 0 && rowX > 0)
            return Orientation{3, false};
        if (columnY > 0)
            return Orientation{1, true};
        return Orientation{3, true};
    }
    return std::nullopt;
}

detail::PixPtr orient(detail::PixPtr image, Orientation orientation)
{
    if (orientation.quarterTurns == 1 || orientation.quarterTurns == 3)
        image.reset(pixRotate90(image.get(), orientation.quarterTurns == 1 ? 1 : -1));
    else if (orientation.quarterTurns == 2)
        image.reset(pixRotate180(nullptr, image.get()));
    if (image && orientation.mirror)
        image.reset(pixFlipLR(nullptr, image.get()));
    return image;
}

// The first byte of row `y`. Decoders write row bytes in memory order, and
// then put Leptonica's big-endian 32-bit words right with pixEndianByteSwap.
unsigned char* rowStart(Pix* pix, int y)
{
    return reinterpret_cast<unsigned char*>(pixGetData(pix) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(pix));
}

// Decodes a 1-bit image whose samples are packed as Leptonica packs its
// 1-bit rows (first pixel in the top bit, rows padded to whole bytes), so
// the rows are copied, inverted when a sample of 0 means black (Leptonica's
// 1). Returns null when the stream ends early.
detail::PixPtr readBitRows(Stream* str, int width, int height, bool zeroIsBlack)
{
    detail::PixPtr pix(pixCreate(width, height, 1));
    if (!pix)
        return nullptr;
    const int rowBytes = (width + 7) / 8;
    str->reset();
    for (int y = 0; y < height; ++y) {
        unsigned char* row = rowStart(pix.get(), y);
        if (str->doGetChars(rowBytes, row) != rowBytes) {
            str->close();
            return nullptr;
        }
        if (zeroIsBlack) {
            for (int i = 0; i < rowBytes; ++i)
                row[i] = static_cast<unsigned char>(~row[i]);
        }
    }
    str->close();
    pixEndianByteSwap(pix.get());
    pixSetPadBits(pix.get(), 0);
    return pix;
}

// Watches a page being drawn and keeps its image when the page draws one
// image over the whole page and nothing else. Coordinates are device space
// at 72 dpi with y pointing down, so page width and height are in points.
class PageImageProbe final : public OutputDev {
public:
    bool upsideDown() override { return true; }
    bool useDrawChar() override { return true; }
    bool interpretType3Chars() override { return false; }

    bool rejected() const { return !reason_.empty(); }

    EmbeddedPageImage result()
    {
        if (rejected())
            return {nullptr, reason_};
        if (!image_)
            return {nullptr, "the page draws no image"};
        return {std::move(image_), description_};
    }

    void beginStringOp(GfxState*) override { reject("the page draws text"); }
    void drawChar(GfxState*, double, double, double, double, double, double, CharCode, int, const Unicode*, int) override
    {
        reject("the page draws text");
    }
    bool beginType3Char(GfxState*, double, double, double, double, CharCode, const Unicode*, int) override
    {
        reject("the page draws text");
        return true;
    }
    void stroke(GfxState*) override { reject("the page draws lines or shapes"); }
    void fill(GfxState*) override { reject("the page draws lines or shapes"); }
    void eoFill(GfxState*) override { reject("the page draws lines or shapes"); }
    void beginTransparencyGroup(GfxState*, const double*, GfxColorSpace*, bool, bool, bool) override
    {
        reject("the page uses transparency");
    }
    void setSoftMask(GfxState*, const double*, bool, Function*, GfxColor*) override
    {
        reject("the page uses a soft mask");
    }

    void setSoftMaskFromImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
        bool inlineImg, double* baseMatrix) override
    {
        reject("the page fills with an image mask");
        OutputDev::setSoftMaskFromImageMask(state, ref, str, width, height, invert, inlineImg, baseMatrix);
    }

    void drawMaskedImage(GfxState* state, Object* ref, Stream* str, int width, int height,
        GfxImageColorMap* colorMap, bool interpolate, Stream* maskStr, int maskWidth, int maskHeight,
        bool maskInvert, bool maskInterpolate) override
    {
        reject("the page image has a mask");
        OutputDev::drawMaskedImage(state, ref, str, width, height, colorMap, interpolate, maskStr, maskWidth,
            maskHeight, maskInvert, maskInterpolate);
    }

    void drawSoftMaskedImage(GfxState* state, Object* ref, Stream* str, int width, int height,
        GfxImageColorMap* colorMap, bool interpolate, Stream* maskStr, int maskWidth, int maskHeight,
        GfxImageColorMap* maskColorMap, bool maskInterpolate) override
    {
        reject("the page image has a soft mask");
        OutputDev::drawSoftMaskedImage(state, ref, str, width, height, colorMap, interpolate, maskStr, maskWidth,
            maskHeight, maskColorMap, maskInterpolate);
    }

    // An image mask paints the current fill colour where its samples are 0,
    // or 1 when `invert` (a /Decode of [1 0]), and leaves the rest as is.
    void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
        bool interpolate, bool inlineImg) override
    {
        const std::optional<Orientation> orientation = admit(state, width, height);
        if (orientation) {
            GfxGray fill = 0;
            state->getFillGray(&fill);
            if (colToByte(fill) != 0)
                reject("the page's image mask paints a colour other than black");
        }
        if (!orientation || rejected()) {
            OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inlineImg);
            return;
        }

        keep(readBitRows(str, width, height, !invert), *orientation, "image mask");
    }

    void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height, GfxImageColorMap* colorMap,
        bool interpolate, const int* maskColors, bool inlineImg) override
    {
        const std::optional<Orientation> orientation = admit(state, width, height);
        if (orientation) {
            if (maskColors)
                reject("the page image has a colour key mask");
            else if (!colorMap || !colorMap->isOk() || !supported(colorMap->getColorSpace()))
                reject("the page image has an unusual colour space");
        }
        if (!orientation || rejected()) {
            OutputDev::drawImage(state, ref, str, width, height, colorMap, interpolate, maskColors, inlineImg);
            return;
        }

        // A 1-bit grey image whose two samples are black and white, /Decode
        // applied, stays 1-bit.
        const int components = colorMap->getNumPixelComps();
        const GfxColorSpaceMode mode = colorMap->getColorSpace()->getMode();
        if (components == 1 && colorMap->getBits() == 1 && (mode == csDeviceGray || mode == csCalGray)) {
            const bool zeroIsBlack = isBlack(*colorMap, 0);
            if (zeroIsBlack != isBlack(*colorMap, 1)) {
                keep(readBitRows(str, width, height, zeroIsBlack), *orientation, "1-bit grey image");
                return;
            }
        }

        // The grey of each sample as Poppler's Splash renderer computes it
        // in its 8-bit grey mode, /Decode applied: GfxImageColorMap::getGrayLine.
        detail::PixPtr pix(pixCreate(width, height, 8));
        ImageStream samples(str, width, components, colorMap->getBits());
        samples.reset();
        for (int y = 0; pix && y < height; ++y) {
            unsigned char* line = samples.getLine();
            if (!line) {
                pix.reset();
                break;
            }
            colorMap->getGrayLine(line, rowStart(pix.get(), y), width);
        }
        samples.close();
        if (pix)
            pixEndianByteSwap(pix.get());
        keep(std::move(pix), *orientation, "image");
    }

private:
    void reject(const std::string& reason)
    {
        if (reason_.empty())
            reason_ = reason;
        image_.reset();
    }

    static bool isBlack(GfxImageColorMap& colorMap, unsigned char sample)
    {
        GfxGray grey = 0;
        colorMap.getGray(&sample, &grey);
        return colToByte(grey) < 128;
    }

    static bool supported(GfxColorSpace* space)
    {
        switch (space->getMode()) {
        case csDeviceGray:
        case csCalGray:
        case csDeviceRGB:
        case csCalRGB:
        case csICCBased:
        case csIndexed:
            return true;
        default:
            return false;
        }
    }

    // Checks that the image about to be drawn can be the page's only image
    // and covers the page, and returns how it is turned.
    std::optional<Orientation> admit(GfxState* state, int width, int height)
    {
        if (rejected())
            return std::nullopt;
        if (seenImage_) {
            reject("the page draws more than one image");
            return std::nullopt;
        }
        seenImage_ = true;
        if (width <= 0 || height <= 0 || width > maxSide || height > maxSide
            || static_cast<long long>(width) * height > maxPixels) {
            reject("the page image is larger than " + std::to_string(maxPixels) + " pixels or "
                + std::to_string(maxSide) + " pixels a side");
            return std::nullopt;
        }
        if (state->getFillOpacity() < 1.0 || state->getBlendMode() != gfxBlendNormal) {
            reject("the page image is drawn with transparency");
            return std::nullopt;
        }

        const double* ctm = state->getCTM();
        const std::optional<Orientation> orientation = orientationOf(ctm);
        if (!orientation) {
            reject("the page image is drawn at an angle that is not a multiple of 90 degrees");
            return std::nullopt;
        }

        const double left = ctm[4] + std::min(0.0, ctm[0]) + std::min(0.0, ctm[2]);
        const double right = ctm[4] + std::max(0.0, ctm[0]) + std::max(0.0, ctm[2]);
        const double top = ctm[5] + std::min(0.0, ctm[1]) + std::min(0.0, ctm[3]);
        const double bottom = ctm[5] + std::max(0.0, ctm[1]) + std::max(0.0, ctm[3]);
        pageWidth_ = state->getPageWidth();
        pageHeight_ = state->getPageHeight();
        if (std::abs(left) > edgeTolerance || std::abs(top) > edgeTolerance
            || std::abs(right - pageWidth_) > edgeTolerance || std::abs(bottom - pageHeight_) > edgeTolerance) {
            reject("the page image does not cover the whole page");
            return std::nullopt;
        }

        double clipLeft = 0, clipTop = 0, clipRight = 0, clipBottom = 0;
        state->getClipBBox(&clipLeft, &clipTop, &clipRight, &clipBottom);
        if (clipLeft > edgeTolerance || clipTop > edgeTolerance || clipRight < pageWidth_ - edgeTolerance
            || clipBottom < pageHeight_ - edgeTolerance) {
            reject("the page image is clipped");
            return std::nullopt;
        }
        return orientation;
    }

    void keep(detail::PixPtr pix, Orientation orientation, const std::string& kind)
    {
        if (rejected())
            return;
        if (!pix) {
            reject("the page image could not be decoded");
            return;
        }
        pix = orient(std::move(pix), orientation);
        if (!pix) {
            reject("the page image could not be turned upright");
            return;
        }

        // Pixels per inch: the image's pixels over the page's size in points / 72.
        const int width = pixGetWidth(pix.get());
        const int height = pixGetHeight(pix.get());
        const int xppi = static_cast<int>(std::lround(width * 72.0 / pageWidth_));
        const int yppi = static_cast<int>(std::lround(height * 72.0 / pageHeight_));
        pixSetResolution(pix.get(), xppi, yppi);
        std::string resolution = std::to_string(xppi);
        if (yppi != xppi)
            resolution += 'x' + std::to_string(yppi);
        description_ = "embedded " + std::to_string(width) + "x" + std::to_string(height) + " " + kind + " at "
            + resolution + " ppi";
        image_ = std::move(pix);
    }

    std::string reason_;
    std::string description_;
    detail::PixPtr image_;
    bool seenImage_ = false;
    double pageWidth_ = 0;
    double pageHeight_ = 0;
};

bool abortWhenRejected(void* probe)
{
    return static_cast<PageImageProbe*>(probe)->rejected();
}

// Errors go through the callback that poppler-cpp installed, because the
// open PdfDocument keeps Poppler's global parameters alive. This callback is
// installed only when no document is open, and it drops the messages.
void ignorePopplerError(ErrorCategory, Goffset, const char*) {}

} // namespace

struct PdfPageImage::Document {
    GlobalParamsIniter globalParams{ignorePopplerError};
    std::unique_ptr<PDFDoc> pdf;
};

PdfPageImage::PdfPageImage(const std::filesystem::path& path)
    : document_(std::make_unique<Document>())
{
    document_->pdf = std::make_unique<PDFDoc>(std::make_unique<GooString>(path.string()));
}

PdfPageImage::~PdfPageImage() = default;

EmbeddedPageImage PdfPageImage::extract(int index)
{
    PDFDoc& pdf = *document_->pdf;
    if (!pdf.isOk())
        return {nullptr, "Poppler could not open the file (error " + std::to_string(pdf.getErrorCode()) + ")"};
    if (index < 0 || index >= pdf.getNumPages())
        return {nullptr, "the PDF has no page " + std::to_string(index + 1)};

    // 72 dpi makes device units points. The crop box is the visible page,
    // and the page's own /Rotate is applied as a renderer applies it.
    PageImageProbe probe;
    pdf.displayPage(&probe, index + 1, 72, 72, 0, false, true, false, abortWhenRejected, &probe);
    return probe.result();
}

} // namespace majlis::ocr
