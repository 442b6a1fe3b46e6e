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
    // `text` is the repaired page text, in logical order.
    static TextLayerVerdict assess(std::string_view text);
};

} // namespace majlis::ocr
