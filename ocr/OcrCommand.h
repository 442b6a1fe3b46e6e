#pragma once

#include "ocr/OcrEngine.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace majlis::ocr {

// Exit status of runOcrCommand when memory ran out, so a supervisor can tell
// it from other failures.
inline constexpr int ocrExitOutOfMemory = 3;

// Runs `majlis ocr [--json] [--searchable-pdf OUT.pdf] FILE`: prints the
// text of FILE page by page, or its DocumentText as JSON with --json. On
// failure the error goes to `errors` (and, with --json, to `out` as
// {"error": {...}}). Returns 0 on success, 1 when the file cannot be read,
// 2 on a usage error and ocrExitOutOfMemory when memory runs out.
// `arguments` are those after "ocr". The program's main() should call
// limitOpenMpThreads(argv) before this.
int runOcrCommand(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& errors);

} // namespace majlis::ocr
