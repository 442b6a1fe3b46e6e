#pragma once

#include "ocr/detail/LeptonicaPtr.h"

namespace majlis::ocr::detail {

// Binarises the 8-bit grey `grey` with Sauvola's local threshold
// t = m * (1 - factor * (1 - s / 128)), where m and s are the mean and
// standard deviation over a (2 * halfWindow + 1) square window, the image
// mirrored at its edges. The result is 1-bit and equals, pixel for pixel,
// that of Leptonica 1.82's pixSauvolaBinarize with a mirrored border
// (tests/ocr/SauvolaThresholdTest.cpp compares them). It sums each window
// from running column sums in one pass instead of building Leptonica's
// 32-bit and 64-bit accumulator images of the whole page. Returns null for
// a coloured, non-8-bit or too small image (either side under
// 2 * halfWindow + 3 pixels), which Leptonica rejects too.
PixPtr sauvolaBinarize(Pix* grey, int halfWindow, float factor);

} // namespace majlis::ocr::detail
