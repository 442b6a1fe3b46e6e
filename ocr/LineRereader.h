#pragma once

#include "ocr/detail/LeptonicaPtr.h"

#include <memory>
#include <string>

namespace tesseract {
class TessBaseAPI;
}

namespace majlis::ocr {

// Reads the lines of low confidence on a page again with a second model and
// keeps the surer reading. Debian's "ara" model cannot output Latin letters
// and reads Western digits poorly. English lines and many dates therefore
// come out as Arabic-looking noise with low confidence, and "eng" reads
// them. Lines that "ara" reads well are never read twice.
class LineRereader {
public:
    // Loads the second model, `languages` as Tesseract names it; empty
    // `languages` turns re-reading off. Throws majlis::Error (unavailable)
    // when the model is missing.
    LineRereader(const std::string& dataPath, const std::string& languages);
    ~LineRereader();
    LineRereader(const LineRereader&) = delete;
    LineRereader& operator=(const LineRereader&) = delete;

    // Returns the lines that `first` has just recognised on `image`, in
    // reading order and joined by '\n'. A line whose mean word confidence is
    // under 60 is read again from its box in `image`, and the second reading
    // replaces it when its confidence is at least 10 points higher. `first`
    // keeps its own result, so the page's words and the text layer of its
    // searchable PDF stay those of the first model.
    std::string readLines(tesseract::TessBaseAPI& first, Pix* image);

private:
    struct ApiDeleter {
        void operator()(tesseract::TessBaseAPI* api) const;
    };

    std::unique_ptr<tesseract::TessBaseAPI, ApiDeleter> second_;
};

} // namespace majlis::ocr
