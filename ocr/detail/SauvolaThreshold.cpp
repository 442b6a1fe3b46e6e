#include "ocr/detail/SauvolaThreshold.h"

#include <cmath>
#include <cstdint>
#include <vector>

namespace majlis::ocr::detail {

namespace {

// The index that mirroring at the edges gives `index` in 0 .. size - 1:
// -1 reads 0, -2 reads 1, size reads size - 1.
int mirrored(int index, int size)
{
    if (index < 0)
        return -1 - index;
    if (index >= size)
        return 2 * size - 1 - index;
    return index;
}

// Adds (sign 1) or removes (sign -1) one image row to the window's
// column sums, which span the columns -halfWindow .. width + halfWindow - 1.
void addRow(const l_uint32* line, int width, int halfWindow, int sign, std::vector<std::int64_t>& sums,
    std::vector<std::int64_t>& squares)
{
    const int columns = width + 2 * halfWindow;
    for (int x = 0; x < columns; ++x) {
        const std::int64_t value = GET_DATA_BYTE(line, mirrored(x - halfWindow, width));
        sums[x] += sign * value;
        squares[x] += sign * value * value;
    }
}

} // namespace

PixPtr sauvolaBinarize(Pix* grey, int halfWindow, float factor)
{
    if (!grey || pixGetDepth(grey) != 8 || pixGetColormap(grey) || halfWindow < 2)
        return nullptr;
    const int width = pixGetWidth(grey);
    const int height = pixGetHeight(grey);
    if (width < 2 * halfWindow + 3 || height < 2 * halfWindow + 3)
        return nullptr;
    PixPtr binary(pixCreate(width, height, 1));
    if (!binary)
        return nullptr;
    pixCopyResolution(binary.get(), grey);

    // The same arithmetic as Leptonica: the mean is truncated in float, the
    // mean square rounded in double, and sqrtf gives the deviation.
    const int side = 2 * halfWindow + 1;
    const float meanNorm = static_cast<float>(1.0 / (static_cast<float>(side) * side));
    const double squareNorm = 1.0 / (static_cast<float>(side) * side);

    const l_uint32* source = pixGetData(grey);
    const int sourceWpl = pixGetWpl(grey);
    l_uint32* target = pixGetData(binary.get());
    const int targetWpl = pixGetWpl(binary.get());
    const auto row = [&](int y) { return source + static_cast<std::ptrdiff_t>(mirrored(y, height)) * sourceWpl; };

    std::vector<std::int64_t> sums(static_cast<std::size_t>(width + 2 * halfWindow), 0);
    std::vector<std::int64_t> squares(sums.size(), 0);
    for (int y = -halfWindow; y < halfWindow; ++y)
        addRow(row(y), width, halfWindow, 1, sums, squares);

    for (int y = 0; y < height; ++y) {
        addRow(row(y + halfWindow), width, halfWindow, 1, sums, squares);

        std::int64_t sum = 0;
        std::int64_t square = 0;
        for (int x = 0; x < side - 1; ++x) {
            sum += sums[x];
            square += squares[x];
        }
        const l_uint32* line = source + static_cast<std::ptrdiff_t>(y) * sourceWpl;
        l_uint32* out = target + static_cast<std::ptrdiff_t>(y) * targetWpl;
        for (int x = 0; x < width; ++x) {
            sum += sums[x + side - 1];
            square += squares[x + side - 1];

            const int mean = static_cast<std::uint8_t>(meanNorm * static_cast<float>(sum));
            const int meanSquare = static_cast<int>(static_cast<std::uint32_t>(squareNorm * static_cast<double>(square) + 0.5));
            const float deviation = std::sqrt(static_cast<float>(meanSquare - mean * mean));
            const int threshold = static_cast<int>(mean * (1.0 - factor * (1.0 - deviation / 128.)));
            if (static_cast<int>(GET_DATA_BYTE(line, x)) < (threshold & 0xff))
                SET_DATA_BIT(out, x);

            sum -= sums[x];
            square -= squares[x];
        }

        addRow(row(y - halfWindow), width, halfWindow, -1, sums, squares);
    }
    return binary;
}

} // namespace majlis::ocr::detail
