#include "ocr/OcrCommand.h"

#include "ocr/TextExtractor.h"

#include "core/Error.h"

#include <nlohmann/json.hpp>

#include <new>
#include <optional>
#include <ostream>

namespace majlis::ocr {

namespace {

constexpr const char* usage =
    "usage: majlis ocr [--json] [--searchable-pdf OUT.pdf] FILE\n"
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

void printError(const Error& error, bool json, std::ostream& out, std::ostream& errors)
{
    errors << "majlis ocr: " << error.what() << '\n';
    if (!json)
        return;
    const nlohmann::json body = {{"error",
        {{"code", static_cast<int>(error.code())},
            {"name", std::string(errorCodeName(error.code()))},
            {"message_id", error.messageId()},
            {"message", error.what()},
            {"params", error.params()}}}};
    out << body.dump() << '\n';
}

} // namespace

int runOcrCommand(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& errors)
{
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
