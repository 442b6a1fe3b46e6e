#include "ocr/PdfDocument.h"
#include "ocr/TextExtractor.h"

#include "tests/support/SharedCorpus.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

using majlis::ocr::OcrPageImage;
using majlis::ocr::PdfDocument;
using majlis::ocr::detail::PixPtr;
namespace fs = std::filesystem;

namespace {

// A 60 x 40 test image of 10 x 10 blocks of distinct grey, so that a turn
// or a mirror shows even in a resampled rendering. A fine pattern on top
// makes a shift by one pixel show in an exact comparison.
constexpr int imageWidth = 60;
constexpr int imageHeight = 40;
// The page size in points at which the test image is 300 ppi.
constexpr double pageWidth = imageWidth * 72.0 / 300;
constexpr double pageHeight = imageHeight * 72.0 / 300;

unsigned greyAt(int x, int y)
{
    const int block = (37 * (x / 10) + 71 * (y / 10) + 20) % 240;
    return static_cast<unsigned>(block + (x + 2 * y) % 3 * 3);
}

bool blackAt(int x, int y)
{
    return (x / 3 + y / 5) % 2 == 0 || x == y;
}

struct PdfImage {
    std::string dictionary; // entries besides /Type, /Subtype, /Width, /Height, /Length
    std::string data;
};

// The bytes of a one-page PDF: `content` drawn on a page of `width` x
// `height` points with /Rotate `rotate`, the images as /Im0, /Im1, … and
// Helvetica as /F1.
std::string onePagePdf(double width, double height, int rotate, const std::string& content,
    const std::vector<PdfImage>& images)
{
    std::vector<std::string> objects;
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objects.push_back("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    std::ostringstream page;
    page << "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " << width << ' ' << height << "] /Rotate " << rotate
         << " /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject <<";
    for (std::size_t i = 0; i < images.size(); ++i)
        page << " /Im" << i << ' ' << 6 + i << " 0 R";
    page << " >> >> >>";
    objects.push_back(page.str());
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
    objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    for (const auto& image : images) {
        objects.push_back("<< /Type /XObject /Subtype /Image /Width " + std::to_string(imageWidth) + " /Height "
            + std::to_string(imageHeight) + ' ' + image.dictionary + " /Length " + std::to_string(image.data.size())
            + " >>\nstream\n" + image.data + "\nendstream");
    }

    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const std::size_t offset : offsets) {
        char line[24];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n"
        + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

PdfImage greyImage()
{
    PdfImage image{"/ColorSpace /DeviceGray /BitsPerComponent 8", {}};
    for (int y = 0; y < imageHeight; ++y)
        for (int x = 0; x < imageWidth; ++x)
            image.data += static_cast<char>(greyAt(x, y));
    return image;
}

// Each sample is 1 where `blackAt` holds, unless `inverted`.
std::string bitRows(bool inverted)
{
    std::string data;
    for (int y = 0; y < imageHeight; ++y) {
        for (int x = 0; x < imageWidth; x += 8) {
            unsigned char byte = 0;
            for (int bit = 0; bit < 8 && x + bit < imageWidth; ++bit) {
                if (blackAt(x + bit, y) != inverted)
                    byte |= static_cast<unsigned char>(0x80 >> bit);
            }
            data += static_cast<char>(byte);
        }
    }
    return data;
}

PixPtr expectedGrey()
{
    PixPtr pix(pixCreate(imageWidth, imageHeight, 8));
    for (int y = 0; y < imageHeight; ++y)
        for (int x = 0; x < imageWidth; ++x)
            pixSetPixel(pix.get(), x, y, greyAt(x, y));
    return pix;
}

PixPtr expectedBits()
{
    PixPtr pix(pixCreate(imageWidth, imageHeight, 1));
    for (int y = 0; y < imageHeight; ++y)
        for (int x = 0; x < imageWidth; ++x)
            pixSetPixel(pix.get(), x, y, blackAt(x, y) ? 1 : 0);
    return pix;
}

// The `cm` operator that draws the image over a `width` x `height` page.
std::string upright(double width, double height)
{
    std::ostringstream out;
    out << "q " << width << " 0 0 " << height << " 0 0 cm /Im0 Do Q";
    return out.str();
}

bool samePixels(Pix* a, Pix* b)
{
    l_int32 same = 0;
    return a && b && pixEqual(a, b, &same) == 0 && same == 1;
}

OcrPageImage readPage(const majlis::test::TempDir& folder, const std::string& pdf)
{
    const fs::path path = folder / "page.pdf";
    std::ofstream(path, std::ios::binary) << pdf;
    const PdfDocument document(path);
    return document.imageForOcr(0, majlis::ocr::TextExtractor::renderDpi);
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

BOOST_AUTO_TEST_SUITE(pdf_page_image)

BOOST_AUTO_TEST_CASE(dev_scans_equal_scanner_pngs)
{
    const auto folder = majlis::test::sharedPath("corpus/scans/dev");
    if (!folder)
        return;
    int pagesCompared = 0;
    for (const auto& entry : fs::directory_iterator(*folder)) {
        if (entry.path().extension() != ".pdf")
            continue;
        const PdfDocument document(entry.path());
        for (int i = 0; i < document.pageCount(); ++i) {
            // "name.p001.png" beside "name.pdf"
            char suffix[32];
            std::snprintf(suffix, sizeof suffix, ".p%03d.png", i + 1);
            fs::path png = entry.path();
            png.replace_extension();
            png += suffix;
            BOOST_TEST_REQUIRE(fs::exists(png), png);

            const OcrPageImage image = document.imageForOcr(i, 300);
            BOOST_TEST(startsWith(image.source, "embedded 2480x3508 "), png.filename() << ": " << image.source);
            const PixPtr scan(pixRead(png.c_str()));
            BOOST_TEST_REQUIRE(scan.get() != nullptr, png);
            BOOST_TEST(pixGetDepth(image.image.get()) == pixGetDepth(scan.get()), png.filename());
            BOOST_TEST(samePixels(image.image.get(), scan.get()), png.filename());
            BOOST_TEST(pixGetXRes(image.image.get()) == 300, png.filename());
            BOOST_TEST(pixGetYRes(image.image.get()) == 300, png.filename());
            ++pagesCompared;
        }
        BOOST_TEST(document.repairedErrorCount() == 0, entry.path().filename());
    }
    BOOST_TEST(pagesCompared == 12);
}

BOOST_AUTO_TEST_CASE(orientations_follow_page_and_matrix)
{
    struct Case {
        std::string name;
        bool portrait; // the page is the image turned a quarter
        int rotate;
        std::string content;
        Pix* (*expected)(Pix*);
    };
    const auto same = [](Pix* pix) { return pixClone(pix); };
    const auto clockwise = [](Pix* pix) { return pixRotate90(pix, 1); };
    const auto anticlockwise = [](Pix* pix) { return pixRotate90(pix, -1); };
    const auto halfTurn = [](Pix* pix) { return pixRotate180(nullptr, pix); };
    const auto mirror = [](Pix* pix) { return pixFlipLR(nullptr, pix); };
    const auto upsideDown = [](Pix* pix) { return pixFlipTB(nullptr, pix); };
    const auto transposed = [](Pix* pix) { return pixFlipLR(nullptr, PixPtr(pixRotate90(pix, 1)).get()); };

    std::ostringstream mirrored, flipped, turnedLeft, turnedRight, diagonal;
    mirrored << "q " << -pageWidth << " 0 0 " << pageHeight << ' ' << pageWidth << " 0 cm /Im0 Do Q";
    flipped << "q " << pageWidth << " 0 0 " << -pageHeight << " 0 " << pageHeight << " cm /Im0 Do Q";
    // On a portrait page: columns run up the page and rows to the right,
    // or columns down and rows to the left.
    turnedLeft << "q 0 " << pageWidth << ' ' << -pageHeight << " 0 " << pageHeight << " 0 cm /Im0 Do Q";
    turnedRight << "q 0 " << -pageWidth << ' ' << pageHeight << " 0 0 " << pageWidth << " cm /Im0 Do Q";
    // Columns down the page and rows to the right: a mirror image turned.
    diagonal << "q 0 " << -pageWidth << ' ' << -pageHeight << " 0 " << pageHeight << ' ' << pageWidth
             << " cm /Im0 Do Q";

    const Case cases[] = {
        {"upright", false, 0, upright(pageWidth, pageHeight), same},
        {"/Rotate 90", false, 90, upright(pageWidth, pageHeight), clockwise},
        {"/Rotate 180", false, 180, upright(pageWidth, pageHeight), halfTurn},
        {"/Rotate 270", false, 270, upright(pageWidth, pageHeight), anticlockwise},
        {"mirrored matrix", false, 0, mirrored.str(), mirror},
        {"flipped matrix", false, 0, flipped.str(), upsideDown},
        {"matrix turned left", true, 0, turnedLeft.str(), anticlockwise},
        {"matrix turned right", true, 0, turnedRight.str(), clockwise},
        {"matrix turned and mirrored", true, 0, diagonal.str(), transposed},
        {"matrix turned left, /Rotate 90", true, 90, turnedLeft.str(), same},
    };

    const majlis::test::TempDir folder;
    const PixPtr source = expectedGrey();
    for (const auto& c : cases) {
        const double width = c.portrait ? pageHeight : pageWidth;
        const double height = c.portrait ? pageWidth : pageHeight;
        const fs::path path = folder / "page.pdf";
        std::ofstream(path, std::ios::binary) << onePagePdf(width, height, c.rotate, c.content, {greyImage()});
        const PdfDocument document(path);
        const OcrPageImage image = document.imageForOcr(0, 300);
        BOOST_TEST(startsWith(image.source, "embedded "), c.name << ": " << image.source);

        const PixPtr expected(c.expected(source.get()));
        BOOST_TEST(samePixels(image.image.get(), expected.get()), c.name);
        BOOST_TEST(pixGetXRes(image.image.get()) == 300, c.name);

        // Poppler's rendering at the image's own resolution shows the page
        // the same way up. It resamples, so only the mean difference is
        // compared.
        const PixPtr rendered = document.render(0, 300);
        BOOST_TEST_REQUIRE(pixGetWidth(rendered.get()) == pixGetWidth(expected.get()), c.name);
        BOOST_TEST_REQUIRE(pixGetHeight(rendered.get()) == pixGetHeight(expected.get()), c.name);
        l_float32 difference = 0;
        const PixPtr absolute(pixAbsDifference(rendered.get(), expected.get()));
        pixGetAverageMasked(absolute.get(), nullptr, 0, 0, 1, L_MEAN_ABSVAL, &difference);
        // The right way up differs by 3 to 9 grey levels on average, a
        // flipped image by about 80.
        BOOST_TEST(difference < 20.0f, c.name << ": mean difference from the rendering " << difference);
    }
}

BOOST_AUTO_TEST_CASE(decode_arrays_and_masks_honoured)
{
    struct Case {
        std::string name;
        PdfImage image;
        int depth;
    };
    const Case cases[] = {
        {"1-bit grey, 1 = white", {"/ColorSpace /DeviceGray /BitsPerComponent 1", bitRows(true)}, 1},
        {"1-bit grey, /Decode [1 0]", {"/ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0]", bitRows(false)},
            1},
        {"image mask, 0 painted", {"/ImageMask true", bitRows(true)}, 1},
        {"image mask, /Decode [1 0]", {"/ImageMask true /Decode [1 0]", bitRows(false)}, 1},
        {"1-bit indexed", {"/ColorSpace [/Indexed /DeviceRGB 1 <FFFFFF000000>] /BitsPerComponent 1", bitRows(false)},
            8},
    };

    const majlis::test::TempDir folder;
    const PixPtr bits = expectedBits();
    for (const auto& c : cases) {
        const OcrPageImage image
            = readPage(folder, onePagePdf(pageWidth, pageHeight, 0, "0 g " + upright(pageWidth, pageHeight), {c.image}));
        BOOST_TEST_REQUIRE(image.image.get() != nullptr, c.name);
        BOOST_TEST(startsWith(image.source, "embedded "), c.name << ": " << image.source);
        BOOST_TEST(pixGetDepth(image.image.get()) == c.depth, c.name);
        const PixPtr binary(c.depth == 1 ? pixClone(image.image.get()) : pixConvertTo1(image.image.get(), 128));
        BOOST_TEST(samePixels(binary.get(), bits.get()), c.name);
    }
}

BOOST_AUTO_TEST_CASE(colour_image_grey_as_renderer)
{
    const auto red = [](int x, int y) { return greyAt(x, y); };
    const auto green = [](int x, int y) { return 255 - greyAt(x, y); };
    const auto blue = [](int x, int) { return static_cast<unsigned>(x / 10 * 50); };
    PdfImage image{"/ColorSpace /DeviceRGB /BitsPerComponent 8", {}};
    for (int y = 0; y < imageHeight; ++y) {
        for (int x = 0; x < imageWidth; ++x) {
            image.data += static_cast<char>(red(x, y));
            image.data += static_cast<char>(green(x, y));
            image.data += static_cast<char>(blue(x, y));
        }
    }
    const majlis::test::TempDir folder;
    const fs::path path = folder / "page.pdf";
    std::ofstream(path, std::ios::binary) << onePagePdf(pageWidth, pageHeight, 0, upright(pageWidth, pageHeight), {image});
    const PdfDocument document(path);
    const OcrPageImage embedded = document.imageForOcr(0, 300);
    BOOST_TEST(embedded.source == "embedded 60x40 image at 300 ppi");
    BOOST_TEST_REQUIRE(pixGetDepth(embedded.image.get()) == 8);

    // Poppler 22.12 converts a line of DeviceRGB samples to grey
    // (GfxDeviceRGBColorSpace::getGrayLine) with the weights 0.299, 0.587
    // and 0.114 in 16.16 fixed point, rounding down.
    int differing = 0;
    for (int y = 0; y < imageHeight; ++y) {
        for (int x = 0; x < imageWidth; ++x) {
            const l_uint32 expected = (red(x, y) * 19595 + green(x, y) * 38470 + blue(x, y) * 7471) >> 16;
            l_uint32 value = 0;
            pixGetPixel(embedded.image.get(), x, y, &value);
            differing += value != expected ? 1 : 0;
        }
    }
    BOOST_TEST(differing == 0, differing << " pixels differ from 0.299 R + 0.587 G + 0.114 B");

    // Poppler's 8-bit grey rendering converts the same way; it resamples,
    // so only the mean difference is compared.
    const PixPtr rendered = document.render(0, 300);
    const PixPtr absolute(pixAbsDifference(rendered.get(), embedded.image.get()));
    l_float32 difference = 0;
    pixGetAverageMasked(absolute.get(), nullptr, 0, 0, 1, L_MEAN_ABSVAL, &difference);
    BOOST_TEST(difference < 8.0f, "mean difference from the rendering " << difference);
}

BOOST_AUTO_TEST_CASE(other_pages_rendered_with_reason)
{
    struct Case {
        std::string name;
        std::string content;
        int images;
        std::string reason;
    };
    std::ostringstream half, slanted;
    half << "q " << pageWidth / 2 << " 0 0 " << pageHeight << " 0 0 cm /Im0 Do Q";
    slanted << "q 10 3 -2 7 1 1 cm /Im0 Do Q";
    const std::string whole = upright(pageWidth, pageHeight);
    const Case cases[] = {
        {"text over the image", whole + " BT /F1 4 Tf 1 1 Td (Majlis) Tj ET", 1, "the page draws text"},
        {"invisible text", whole + " BT 3 Tr /F1 4 Tf 1 1 Td (Majlis) Tj ET", 1, "the page draws text"},
        {"a line", whole + " 0 0 m 5 5 l S", 1, "the page draws lines or shapes"},
        {"a white background", "1 g 0 0 14.4 9.6 re f " + whole, 1, "the page draws lines or shapes"},
        {"two images", whole + " q 1 0 0 1 0 0 cm /Im1 Do Q", 2, "the page draws more than one image"},
        {"half the page", half.str(), 1, "the page image does not cover the whole page"},
        {"slanted", slanted.str(), 1, "the page image is drawn at an angle that is not a multiple of 90 degrees"},
        {"clipped", "0 0 5 5 re W n " + whole, 1, "the page image is clipped"},
        {"no image", "", 0, "the page draws no image"},
    };

    const majlis::test::TempDir folder;
    for (const auto& c : cases) {
        const std::vector<PdfImage> images(static_cast<std::size_t>(c.images), greyImage());
        const OcrPageImage image = readPage(folder, onePagePdf(pageWidth, pageHeight, 0, c.content, images));
        BOOST_TEST(image.source == "rendered at 300 dpi: " + c.reason, c.name);
        BOOST_TEST_REQUIRE(image.image.get() != nullptr, c.name);
        BOOST_TEST(pixGetDepth(image.image.get()) == 8, c.name);
        BOOST_TEST(pixGetWidth(image.image.get()) == imageWidth, c.name);
    }
}

BOOST_AUTO_TEST_CASE(poppler_errors_fall_back_to_rendering)
{
    const majlis::test::TempDir folder;
    const fs::path path = folder / "page.pdf";

    // Image data that is not Flate data: Poppler decodes what it can and
    // reports errors.
    const PdfImage damaged{"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", "not flate data"};
    std::ofstream(path, std::ios::binary) << onePagePdf(pageWidth, pageHeight, 0, upright(pageWidth, pageHeight), {damaged});
    {
        const PdfDocument document(path);
        const OcrPageImage image = document.imageForOcr(0, 300);
        BOOST_TEST(startsWith(image.source, "rendered at 300 dpi: Poppler reported "), image.source);
        BOOST_TEST(image.source.find(" errors while reading the page image") != std::string::npos, image.source);
        BOOST_TEST(pixGetWidth(image.image.get()) == imageWidth);
    }

    // The catalogue's entry in the cross-reference table points 3 bytes
    // past the object, so Poppler reports it and rebuilds the table.
    std::string pdf = onePagePdf(pageWidth, pageHeight, 0, upright(pageWidth, pageHeight), {greyImage()});
    const std::string catalogueEntry = "0000000009 00000 n \n";
    const std::size_t entry = pdf.find(catalogueEntry);
    BOOST_TEST_REQUIRE(entry != std::string::npos);
    pdf.replace(entry, catalogueEntry.size(), "0000000012 00000 n \n");
    std::ofstream(path, std::ios::binary | std::ios::trunc) << pdf;
    const PdfDocument document(path);
    BOOST_TEST(document.repairedErrorCount() > 0);
    const OcrPageImage image = document.imageForOcr(0, 300);
    BOOST_TEST(image.source == "rendered at 300 dpi: Poppler reported errors while opening the file");
    BOOST_TEST(pixGetWidth(image.image.get()) == imageWidth);
}

BOOST_AUTO_TEST_CASE(distant_resolutions_rendered)
{
    // The same 60 x 40 image over a page four times as large is 75 ppi,
    // over a page half as large 600 ppi.
    const majlis::test::TempDir folder;
    const OcrPageImage low = readPage(folder,
        onePagePdf(pageWidth * 4, pageHeight * 4, 0, upright(pageWidth * 4, pageHeight * 4), {greyImage()}));
    BOOST_TEST(low.source == "rendered at 300 dpi: embedded 60x40 image at 75 ppi, below 270 ppi");
    BOOST_TEST(pixGetWidth(low.image.get()) == imageWidth * 4);

    const OcrPageImage high = readPage(folder,
        onePagePdf(pageWidth / 2, pageHeight / 2, 0, upright(pageWidth / 2, pageHeight / 2), {greyImage()}));
    BOOST_TEST(high.source == "rendered at 300 dpi: embedded 60x40 image at 600 ppi, above 450 ppi");
    BOOST_TEST(pixGetWidth(high.image.get()) == imageWidth / 2);

    const OcrPageImage near = readPage(folder, onePagePdf(pageWidth * 300 / 280, pageHeight * 300 / 280, 0,
        upright(pageWidth * 300 / 280, pageHeight * 300 / 280), {greyImage()}));
    BOOST_TEST(near.source == "embedded 60x40 image at 280 ppi");
}

BOOST_AUTO_TEST_CASE(born_digital_pdf_rendered)
{
    const auto path = majlis::test::sharedPath("corpus/pdfs/arabic/ThuluthFeatures.pdf");
    if (!path)
        return;
    const PdfDocument document(*path);
    const OcrPageImage image = document.imageForOcr(0, 300);
    BOOST_TEST(image.source == "rendered at 300 dpi: the page draws text");
    BOOST_TEST(pixGetXRes(image.image.get()) == 300);

    // The extractor records the path in the page's reason.
    majlis::ocr::TextExtractor extractor;
    const auto text = extractor.extract(*path);
    BOOST_TEST_REQUIRE(text.pages.size() == 1u);
    BOOST_TEST(text.pages[0].method == "ocr");
    BOOST_TEST(text.pages[0].reason.find("; rendered at 300 dpi: the page draws text; ") != std::string::npos,
        text.pages[0].reason);
}

BOOST_AUTO_TEST_SUITE_END()
