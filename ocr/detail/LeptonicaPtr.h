#pragma once

// unique_ptr types for Leptonica objects, which are freed through
// pointer-to-pointer destroy functions.

#include <leptonica/allheaders.h>

#include <memory>

namespace majlis::ocr::detail {

struct PixDeleter {
    void operator()(Pix* pix) const { pixDestroy(&pix); }
};
struct BoxDeleter {
    void operator()(Box* box) const { boxDestroy(&box); }
};
struct PixaDeleter {
    void operator()(Pixa* pixa) const { pixaDestroy(&pixa); }
};

using PixPtr = std::unique_ptr<Pix, PixDeleter>;
using BoxPtr = std::unique_ptr<Box, BoxDeleter>;
using PixaPtr = std::unique_ptr<Pixa, PixaDeleter>;

} // namespace majlis::ocr::detail
