#pragma once

#include "ocr/OcrEngine.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace majlis::ocr {

// Exit status of runOcrCommand when memory ran out, so a supervisor can tell
// it from other failures.
inline constexpr int ocrExitOutOfMemory = 3;

// Runs `majlis ocr [--json] [--searchable-pdf OUT.pdf] FILE`, or `majlis ocr
// --worker` (runOcrWorker on the standard input and output): prints the
// text of FILE page by page, or its DocumentText as JSON with --json. On
// failure the error goes to `errors` (and, with --json, to `out` as
// {"error": {...}}). Returns 0 on success, 1 when the file cannot be read,
// 2 on a usage error and ocrExitOutOfMemory when memory runs out.
// `arguments` are those after "ocr". The program's main() should call
// limitOpenMpThreads(argv) before this.
int runOcrCommand(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& errors);

// Serves extraction requests with one TextExtractor, so the Tesseract
// models are loaded once for every page the worker reads. Reads one JSON
// request a line from `in` and writes one JSON response a line to the file
// descriptor `responseFd`, until `in` ends. A request is one of:
//   {"file": F, "count_pages": true}  ->  {"page_count": N, "repaired_errors": E}
//   {"file": F, "page": N, "searchable_pdf"?: OUT}
//       ->  {"pages": [page N], "page_count", "repaired_errors", "searchable_pdf_written"}
//   {"file": F, "searchable_pdf"?: OUT}  ->  DocumentText with "searchable_pdf_written"
// where F is a PDF for the first two. A failure is sent as {"error": {...}}
// as `majlis ocr --json` prints it. Returns 0 at the end of the input and
// ocrExitOutOfMemory when memory runs out, after which the process must
// exit because Tesseract may be left in an unknown state. `beforeRequest`
// is called with each parsed request, for tests that inject faults.
int runOcrWorker(std::istream& in, int responseFd,
    const std::function<void(const nlohmann::json&)>& beforeRequest = {});

// Runs runOcrWorker on the standard input and writes its responses to the
// standard output. Anything else written to the standard output goes to the error
// output from then on.
int serveOcrRequests(const std::function<void(const nlohmann::json&)>& beforeRequest = {});

} // namespace majlis::ocr
