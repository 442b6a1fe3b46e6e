#pragma once

#include "ocr/DocumentText.h"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace majlis::ocr {

// Limits on one supervised extraction.
struct ExtractionLimits {
    std::chrono::milliseconds wallTime{std::chrono::minutes(10)};
    // Address space of the child (RLIMIT_AS). Reading a four-page 300-dpi
    // scan with "ara" peaked at 190 MB resident and fit in a 400 MB limit.
    std::size_t memoryBytes = std::size_t{2} << 30;
};

// Runs the extraction of one file in a child process, so that a page that
// hangs Poppler or Tesseract, or eats memory, is cut off without taking the
// calling server down. The child is a fresh program started with fork and
// exec: it shares no state, locks or LMDB handles with the caller, and
// prints the DocumentText as JSON on its standard output (as `majlis ocr
// --json FILE` does).
class ExtractionSupervisor {
public:
    // Runs `executable` with `arguments` followed by the file's path.
    ExtractionSupervisor(std::filesystem::path executable, std::vector<std::string> arguments, ExtractionLimits limits = {});

    // Throws majlis::Error: timed_out when the wall time runs out,
    // unavailable when the child runs out of memory or crashes, and the
    // child's own error when it reports one.
    DocumentText extract(const std::filesystem::path& file) const;

private:
    std::filesystem::path executable_;
    std::vector<std::string> arguments_;
    ExtractionLimits limits_;
};

} // namespace majlis::ocr
