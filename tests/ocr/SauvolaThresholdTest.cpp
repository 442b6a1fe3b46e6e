#include "ocr/detail/SauvolaThreshold.h"

#include "tests/support/SharedCorpus.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <algorithm>
#include <random>

using majlis::ocr::detail::PixPtr;
using majlis::ocr::detail::sauvolaBinarize;

namespace {

// Leptonica's own Sauvola binarisation, with the mirrored border it adds.
PixPtr leptonicaSauvola(Pix* grey, int halfWindow, float factor)
{
    Pix* binary = nullptr;
    if (pixSauvolaBinarizeTiled(grey, halfWindow, factor, 1, 1, nullptr, &binary) != 0)
        return nullptr;
    return PixPtr(binary);
}

// Noise over a gradient, with dark strokes, so that both the mean and the
// deviation vary across the image.
PixPtr syntheticPage(int width, int height, unsigned seed)
{
    PixPtr pix(pixCreate(width, height, 8));
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> noise(-40, 40);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            int value = 120 + (x * 100) / width + noise(random);
            if ((x / 7 + y / 11) % 5 == 0)
                value -= 90;
            pixSetPixel(pix.get(), x, y, static_cast<l_uint32>(std::clamp(value, 0, 255)));
        }
    }
    return pix;
}

int differingPixels(Pix* a, Pix* b)
{
    const PixPtr difference(pixXor(nullptr, a, b));
    l_int32 count = 0;
    pixCountPixels(difference.get(), &count, nullptr);
    return count;
}

} // namespace

BOOST_AUTO_TEST_SUITE(sauvola_threshold)

BOOST_AUTO_TEST_CASE(synthetic_pages_match_leptonica)
{
    const struct {
        int width;
        int height;
        int halfWindow;
        float factor;
    } cases[] = {
        {53, 53, 25, 0.35f},
        {61, 97, 25, 0.35f},
        {400, 300, 25, 0.35f},
        {333, 257, 7, 0.5f},
        {700, 500, 25, 0.2f},
    };
    unsigned seed = 1;
    for (const auto& c : cases) {
        const PixPtr page = syntheticPage(c.width, c.height, seed++);
        const PixPtr expected = leptonicaSauvola(page.get(), c.halfWindow, c.factor);
        const PixPtr actual = sauvolaBinarize(page.get(), c.halfWindow, c.factor);
        BOOST_TEST_REQUIRE(expected != nullptr);
        BOOST_TEST_REQUIRE(actual != nullptr);
        BOOST_TEST(pixGetWidth(actual.get()) == c.width);
        BOOST_TEST(pixGetHeight(actual.get()) == c.height);
        BOOST_TEST(differingPixels(actual.get(), expected.get()) == 0, c.width << "x" << c.height);
    }
}

BOOST_AUTO_TEST_CASE(scanned_pages_match_leptonica)
{
    const auto folder = majlis::test::sharedPath("corpus/scans/dev");
    if (!folder)
        return;
    int pages = 0;
    for (const auto& entry : std::filesystem::directory_iterator(*folder)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".png" || name.find(".p001.") == std::string::npos)
            continue;
        PixPtr read(pixRead(entry.path().c_str()));
        BOOST_TEST_REQUIRE(read != nullptr);
        const PixPtr grey(pixConvertTo8(read.get(), 0));
        const PixPtr expected = leptonicaSauvola(grey.get(), 25, 0.35f);
        const PixPtr actual = sauvolaBinarize(grey.get(), 25, 0.35f);
        BOOST_TEST_REQUIRE(actual != nullptr);
        BOOST_TEST(differingPixels(actual.get(), expected.get()) == 0, name);
        ++pages;
    }
    BOOST_TEST(pages == 4);
}

BOOST_AUTO_TEST_CASE(unsuitable_images_rejected)
{
    const PixPtr small = syntheticPage(52, 80, 9);
    BOOST_TEST(sauvolaBinarize(small.get(), 25, 0.35f) == nullptr);
    const PixPtr colour(pixCreate(100, 100, 32));
    BOOST_TEST(sauvolaBinarize(colour.get(), 25, 0.35f) == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
