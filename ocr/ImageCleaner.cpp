#include "ocr/ImageCleaner.h"

#include "ocr/detail/SauvolaThreshold.h"

#include "core/Error.h"

#include <cmath>

namespace majlis::ocr {

namespace {

using detail::PixPtr;

// Tesseract and the steps below work on 8-bit grey; colour and 1-bit scans
// are converted first.
PixPtr toGrey(Pix* page)
{
    if (pixGetDepth(page) == 8 && !pixGetColormap(page))
        return PixPtr(pixClone(page));
    return PixPtr(pixConvertTo8(page, 0));
}

// Skews under about a tenth of a degree are measurement noise; rotating for
// them only blurs the glyphs.
PixPtr deskew(Pix* grey)
{
    l_float32 angle = 0;
    l_float32 confidence = 0;
    PixPtr binary(pixConvertTo1(grey, 160));
    if (!binary || pixFindSkew(binary.get(), &angle, &confidence) != 0)
        return PixPtr(pixClone(grey));
    if (confidence < 3.0 || std::abs(angle) < 0.1)
        return PixPtr(pixClone(grey));
    return PixPtr(pixRotate(grey, -angle * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
}

// Scanner shadows along the page edges: dark regions touching the border.
PixPtr removeBorder(Pix* grey)
{
    PixPtr binary(pixConvertTo1(grey, 128));
    PixPtr border(pixExtractBorderConnComps(binary.get(), 8));
    if (!border || pixCountPixels(border.get(), nullptr, nullptr) == 0)
        return PixPtr(pixClone(grey));
    PixPtr cleaned(pixCopy(nullptr, grey));
    pixPaintThroughMask(cleaned.get(), border.get(), 0, 0, 0xff);
    return cleaned;
}

// Returns the 1-bit result: Tesseract reads it as it is, where an 8-bit
// copy would be converted and thresholded again by Tesseract's own Otsu.
// detail::sauvolaBinarize gives the same result as Leptonica's own, in a
// fraction of the time. Leptonica's runs only on images the first rejects.
PixPtr binarise(Pix* grey)
{
    constexpr int halfWindow = 25;
    constexpr float factor = 0.35f;
    if (PixPtr binary = detail::sauvolaBinarize(grey, halfWindow, factor))
        return binary;
    Pix* binary = nullptr;
    if (pixSauvolaBinarizeTiled(grey, halfWindow, factor, 1, 1, nullptr, &binary) != 0 || !binary)
        return PixPtr(pixClone(grey));
    return PixPtr(binary);
}

// Specks of a few pixels, the salt-and-pepper noise of poor scans.
PixPtr despeckle(Pix* grey)
{
    PixPtr binary(pixConvertTo1(grey, 128));
    PixPtr specks(pixSelectBySize(binary.get(), 3, 3, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE, nullptr));
    if (!specks)
        return PixPtr(pixClone(grey));
    PixPtr cleaned(pixCopy(nullptr, grey));
    pixPaintThroughMask(cleaned.get(), specks.get(), 0, 0, 0xff);
    return cleaned;
}

} // namespace

ImageCleaner::ImageCleaner(CleanupOptions options)
    : options_(options)
{
}

PixPtr ImageCleaner::clean(Pix* page) const
{
    // A 1-bit scan is already binary, and Tesseract reads it as it is faster
    // than a grey copy of it.
    const bool binary = pixGetDepth(page) == 1;
    if (binary && !options_.removeBorder && !options_.despeckle && !options_.deskew)
        return PixPtr(pixClone(page));

    PixPtr image = toGrey(page);
    if (!image)
        throw Error(ErrorCode::invalid_argument, "ocr.pixel_format_unsupported",
            "The page image has an unsupported pixel format; save it as grey or colour PNG or TIFF");

    if (options_.removeBorder)
        image = removeBorder(image.get());
    if (options_.despeckle)
        image = despeckle(image.get());
    if (options_.deskew)
        image = deskew(image.get());
    if (options_.binarise && !binary)
        image = binarise(image.get());

    pixCopyResolution(image.get(), page);
    return image;
}

} // namespace majlis::ocr
