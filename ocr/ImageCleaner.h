#pragma once

#include "ocr/detail/LeptonicaPtr.h"

namespace majlis::ocr {

// Leptonica clean-up steps applied to a page image before OCR. Each is
// optional because each helps some scans and hurts others. The defaults keep
// what lowered the character error rate (CER) on twelve typeset 300-dpi pages
// of clean, office and poor scan quality, measured with majlis_bench_ocr.
// Sauvola binarisation took the CER from 0.047 to 0.042. Deskewing raised it
// from 0.042 to 0.045. Border and speck removal left it unchanged.
struct CleanupOptions {
    bool deskew = false;
    bool removeBorder = false;
    bool binarise = true; // Sauvola adaptive thresholding of grey pages; 1-bit scans are left alone
    bool despeckle = false;
};

// Prepares page images for Tesseract with Leptonica.
class ImageCleaner {
public:
    explicit ImageCleaner(CleanupOptions options = {});

    // Returns a cleaned copy of `page`, at the same resolution: 1-bit when
    // binarised or when `page` is 1-bit, 8-bit grey otherwise.
    detail::PixPtr clean(Pix* page) const;

private:
    CleanupOptions options_;
};

} // namespace majlis::ocr
