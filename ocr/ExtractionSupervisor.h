#pragma once

#include "ocr/DocumentText.h"

#include <nlohmann/json.hpp>

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace majlis::ocr {

// Limits on one supervised extraction request.
struct ExtractionLimits {
    // Wall time of one request: one page of a PDF, or a whole image file.
    std::chrono::milliseconds wallTime{std::chrono::minutes(10)};
    // Address space of the child (RLIMIT_AS). Reading a four-page 300-dpi
    // scan with "ara" peaked at 190 MB resident and fit in a 400 MB limit.
    std::size_t memoryBytes = std::size_t{2} << 30;
};

// Runs text extraction in a long-lived child process, so that a page that
// hangs Poppler or Tesseract, or eats memory, is cut off without taking the
// calling server down, while the child loads Tesseract once for many pages.
// The child is a fresh program started with fork and exec: it shares no
// state, locks or LMDB handles with the caller. It reads one JSON request a
// line and writes one JSON response a line (`majlis ocr --worker`, see
// runOcrWorker). A request past its wall time ends the child, as does a
// crash or running out of memory. The next request then starts a new child.
// Not thread-safe: one supervisor per worker thread.
class ExtractionSupervisor {
public:
    // Runs `executable` with `arguments`, which start the worker mode.
    ExtractionSupervisor(std::filesystem::path executable, std::vector<std::string> arguments, ExtractionLimits limits = {});
    ~ExtractionSupervisor();
    ExtractionSupervisor(const ExtractionSupervisor&) = delete;
    ExtractionSupervisor& operator=(const ExtractionSupervisor&) = delete;

    // Sends `request` (it names its file under "file") and returns the
    // child's response. Throws majlis::Error: timed_out when the wall time
    // runs out, unavailable when the child runs out of memory or crashes,
    // and the child's own error when it reports one.
    nlohmann::json request(const nlohmann::json& request);

    // Extracts every page of `file`, throwing as request() does.
    DocumentText extract(const std::filesystem::path& file);

    // The process id of the running child; 0 when none runs.
    pid_t childPid() const { return child_; }

    // The number of children started so far.
    std::size_t childrenStarted() const { return childrenStarted_; }

private:
    void startChild();
    void stopChild();
    // Closes the pipes to the child and returns its process id.
    pid_t closeChannels();
    nlohmann::json awaitResponse(const std::string& name);
    [[noreturn]] void failChild(const std::string& name, bool timedOut);

    std::filesystem::path executable_;
    std::vector<std::string> arguments_;
    ExtractionLimits limits_;

    pid_t child_ = 0;
    int requestFd_ = -1;
    int responseFd_ = -1;
    int errorFd_ = -1;
    std::string responseBuffer_;
    std::string errorTail_;
    std::size_t childrenStarted_ = 0;
};

// Joins the one-page PDFs `pages` into `output` with pdfunite (Debian
// package poppler-utils), run as a child under `limits`. Throws
// majlis::Error (unavailable) when pdfunite is missing or fails.
void joinPdfPages(const std::vector<std::filesystem::path>& pages, const std::filesystem::path& output,
    const ExtractionLimits& limits);

} // namespace majlis::ocr
