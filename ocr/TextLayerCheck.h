#pragma once

#include <string>
#include <string_view>

namespace majlis::ocr {

// Whether a page's text layer can be trusted, and the reason either way.
struct TextLayerVerdict {
    bool usable = false;
    std::string reason;
};

// Decides whether the text layer of a PDF page is real text or the output of
// a font without a usable Unicode mapping, in which case the page is OCR'd.
class TextLayerCheck {
public:
    // Pages with fewer visible characters than this are also checked for ink
    // outside their text layer.
    static constexpr int sparseTextLength = 200;

    // `text` is the repaired page text, in logical order.
    static TextLayerVerdict assess(std::string_view text);

    // Rejects a short text layer on a page with much ink outside it, the mark
    // of a scan that carries only a stamped caption or a scanner app's footer.
    // `inkShareOutsideText` is PdfDocument::inkShareOutsideText, from 0 to 1;
    // typeset scans measured 3-4% and born-digital text pages under 0.1%.
    static TextLayerVerdict assessSparse(std::string_view text, double inkShareOutsideText);

    static int countVisibleCharacters(std::string_view text);
};

} // namespace majlis::ocr
