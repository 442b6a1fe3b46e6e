#pragma once

#include "records/Record.h"

#include <functional>
#include <istream>
#include <map>
#include <string>
#include <vector>

namespace majlis::web {

struct MultipartLimits {
    std::size_t maxParts = 210;
    std::size_t maxFieldBytes = std::size_t(1) << 20;
};

// A file part handed to the caller's storage function, which must consume the stream.
using FileSink = std::function<records::FileRef(std::istream& content, const std::string& fileName)>;

struct MultipartForm {
    std::map<std::string, std::vector<std::string>> fields;
    std::vector<records::FileRef> files;

    std::optional<std::string> field(const std::string& name) const;
};

// Reads a multipart/form-data body. Parts with a file name go to `storeFile`
// (filename* wins over filename); other parts become text fields, which must
// be UTF-8. Throws invalid_argument for a malformed body or missing boundary.
MultipartForm readMultipartForm(std::istream& body, const std::string& contentType, const FileSink& storeFile,
    const MultipartLimits& limits = {});

} // namespace majlis::web
