#include "ocr/OcrCommand.h"

#include "ocr/PdfDocument.h"
#include "ocr/TextExtractor.h"

#include "core/Error.h"

#include <malloc.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <new>
#include <optional>
#include <ostream>

namespace majlis::ocr {

namespace {

constexpr const char* usage =
    "usage: majlis ocr [--json] [--searchable-pdf OUT.pdf] FILE\n"
    "       majlis ocr --worker\n"
    "  prints the text of FILE (PDF, PNG, JPEG, TIFF or UTF-8 text) page by page\n"
    "  --json                 print pages, methods, confidences and review flags as JSON\n"
    "  --searchable-pdf OUT   also write OUT, the scan with an invisible OCR text layer\n"
    "                         (only when every page was read by OCR)\n";

struct CommandLine {
    bool json = false;
    std::optional<std::string> searchablePdf;
    std::string file;
};

std::optional<CommandLine> parseArguments(const std::vector<std::string>& arguments)
{
    CommandLine command;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--json") {
            command.json = true;
        } else if (arguments[i] == "--searchable-pdf" && i + 1 < arguments.size()) {
            command.searchablePdf = arguments[++i];
        } else if (arguments[i].starts_with("--") || !command.file.empty()) {
            return std::nullopt;
        } else {
            command.file = arguments[i];
        }
    }
    if (command.file.empty())
        return std::nullopt;
    return command;
}

void printText(const DocumentText& document, std::ostream& out)
{
    for (const auto& page : document.pages) {
        out << "--- page " << page.number << " (" << page.method << ": " << page.reason << ")\n";
        out << page.text << '\n';
        for (const auto& flag : page.flags)
            out << "review: " << flag.value << ": " << flag.reason << '\n';
    }
}

nlohmann::json errorJson(const Error& error)
{
    return {{"error",
        {{"code", static_cast<int>(error.code())},
            {"name", std::string(errorCodeName(error.code()))},
            {"message_id", error.messageId()},
            {"message", error.what()},
            {"params", error.params()}}}};
}

void printError(const Error& error, bool json, std::ostream& out, std::ostream& errors)
{
    errors << "majlis ocr: " << error.what() << '\n';
    if (json)
        out << errorJson(error).dump() << '\n';
}

nlohmann::json answerRequest(TextExtractor& extractor, const nlohmann::json& request)
{
    const std::filesystem::path file = request.at("file").get<std::string>();
    const std::filesystem::path searchablePdf = request.value("searchable_pdf", std::string());

    if (request.value("count_pages", false)) {
        const PdfDocument document(file);
        return {{"page_count", document.pageCount()}, {"repaired_errors", document.repairedErrorCount()}};
    }
    if (request.contains("page")) {
        const PdfPageText page = extractor.extractPdfPage(file, request.at("page").get<int>(), searchablePdf);
        return {{"pages", nlohmann::json::array({page.page})}, {"page_count", page.pageCount},
            {"repaired_errors", page.repairedErrors}, {"searchable_pdf_written", page.searchablePdfWritten}};
    }

    DocumentText document;
    bool written = false;
    if (searchablePdf.empty())
        document = extractor.extract(file);
    else
        written = extractor.extractWithSearchablePdf(file, searchablePdf, document);
    nlohmann::json response = document;
    response["searchable_pdf_written"] = written;
    return response;
}

// Writes all of `text`; false when the reader has gone.
bool writeAll(int fd, const std::string& text)
{
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t count = ::write(fd, text.data() + written, text.size() - written);
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0)
            return false;
        written += static_cast<std::size_t>(count);
    }
    return true;
}

} // namespace

int runOcrWorker(std::istream& in, int responseFd, const std::function<void(const nlohmann::json&)>& beforeRequest)
{
    TextExtractor extractor;
    for (std::string line; std::getline(in, line);) {
        nlohmann::json response;
        try {
            const auto request = nlohmann::json::parse(line, nullptr, false);
            if (!request.is_object() || !request.contains("file") || !request.at("file").is_string())
                throw Error(ErrorCode::invalid_argument, "ocr.invalid_request",
                    "Invalid OCR worker request; expected a JSON object with a \"file\" string");
            if (beforeRequest)
                beforeRequest(request);
            response = answerRequest(extractor, request);
        } catch (const Error& error) {
            response = errorJson(error);
        } catch (const nlohmann::json::exception& error) {
            response = errorJson(Error(ErrorCode::invalid_argument, "ocr.invalid_request",
                std::string("Invalid OCR worker request: ") + error.what()));
        } catch (const std::bad_alloc&) {
            std::cerr << "majlis ocr: out of memory while reading a page\n";
            return ocrExitOutOfMemory;
        }
        if (!writeAll(responseFd, response.dump() + '\n'))
            return 1;
    }
    return 0;
}

int serveOcrRequests(const std::function<void(const nlohmann::json&)>& beforeRequest)
{
    // A page takes blocks of 9 to 70 MB: the image, Leptonica's Sauvola
    // accumulators and Tesseract's copies. glibc serves blocks above its
    // mmap threshold (32 MB at most, by default) with mmap and unmaps them
    // on free, so every page would fault its memory in afresh. A worker
    // that reads many pages keeps that memory instead.
    ::mallopt(M_MMAP_THRESHOLD, 256 << 20);
    ::mallopt(M_TRIM_THRESHOLD, 512 << 20);

    // Responses get a descriptor of their own, and whatever a library
    // prints on the standard output goes to the error output instead, where
    // it cannot break the framing of the responses.
    std::cout.flush();
    const int responseFd = ::dup(STDOUT_FILENO);
    if (responseFd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        std::cerr << "majlis ocr: cannot set up the worker's output: " << std::strerror(errno) << '\n';
        return 1;
    }
    const int status = runOcrWorker(std::cin, responseFd, beforeRequest);
    ::close(responseFd);
    return status;
}

int runOcrCommand(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& errors)
{
    if (arguments.size() == 1 && arguments[0] == "--worker") {
        out.flush();
        return serveOcrRequests();
    }

    const auto command = parseArguments(arguments);
    if (!command) {
        errors << usage;
        return 2;
    }

    try {
        TextExtractor extractor;
        DocumentText document;
        if (command->searchablePdf)
            extractor.extractWithSearchablePdf(command->file, *command->searchablePdf, document);
        else
            document = extractor.extract(command->file);

        if (command->json)
            out << nlohmann::json(document).dump() << '\n';
        else
            printText(document, out);
        return 0;
    } catch (const Error& error) {
        printError(error, command->json, out, errors);
        return 1;
    } catch (const std::bad_alloc&) {
        errors << "majlis ocr: out of memory while reading " << command->file << '\n';
        return ocrExitOutOfMemory;
    }
}

} // namespace majlis::ocr
