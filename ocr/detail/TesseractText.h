#pragma once

#include <string>

namespace majlis::ocr::detail {

// Takes ownership of a string that Tesseract allocated with new[] and
// returns it without bidi controls: Tesseract's Arabic model ends some
// words with a right-to-left mark (U+200F), which would keep them from
// matching typed queries. A null string gives empty text.
std::string takeText(char* text);

// Returns `line` without the newlines and spaces Tesseract puts after it.
std::string trimLine(std::string line);

} // namespace majlis::ocr::detail
