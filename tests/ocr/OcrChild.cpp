// The child program of the supervisor tests. `ocr_test_child [--json] FILE`
// runs the OCR command, `--hang` never returns, `--eat-memory` allocates
// until the memory limit stops it, and `--print-thread-limit` prints
// the value of OMP_THREAD_LIMIT in its environment. `[ocr] --worker`
// serves requests as `majlis ocr --worker` does, except that a request for
// a file whose name or first line contains "hang" never returns and one
// whose name or first line contains "eat-memory" allocates until the memory
// limit stops it.

#include "ocr/OcrCommand.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

namespace {

int eatMemory()
{
    std::vector<std::vector<char>> blocks;
    for (;;) {
        blocks.emplace_back(std::size_t{64} << 20);
        std::memset(blocks.back().data(), 1, blocks.back().size());
    }
}

void injectFault(const nlohmann::json& request)
{
    const std::string file = request.at("file");
    std::string firstLine;
    std::ifstream in(file, std::ios::binary);
    std::getline(in, firstLine);
    const auto names = [&](const char* fault) {
        return file.find(fault) != std::string::npos || firstLine.find(fault) != std::string::npos;
    };
    if (names("hang"))
        std::this_thread::sleep_for(std::chrono::hours(1));
    if (names("eat-memory"))
        eatMemory();
}

} // namespace

int main(int argc, char** argv)
{
    majlis::ocr::limitOpenMpThreads(argv);
    std::vector<std::string> arguments(argv + 1, argv + argc);
    // The extraction pool runs its program as `PROGRAM ocr --worker`.
    if (!arguments.empty() && arguments[0] == "ocr")
        arguments.erase(arguments.begin());
    if (!arguments.empty() && arguments[0] == "--print-thread-limit") {
        const char* limit = std::getenv("OMP_THREAD_LIMIT");
        std::cout << (limit ? limit : "unset") << '\n';
        return 0;
    }
    if (!arguments.empty() && arguments[0] == "--hang") {
        std::this_thread::sleep_for(std::chrono::hours(1));
        return 0;
    }
    if (!arguments.empty() && arguments[0] == "--eat-memory") {
        try {
            eatMemory();
        } catch (const std::bad_alloc&) {
            return majlis::ocr::ocrExitOutOfMemory;
        }
    }
    if (!arguments.empty() && arguments[0] == "--worker")
        return majlis::ocr::serveOcrRequests(injectFault);
    return majlis::ocr::runOcrCommand(arguments, std::cout, std::cerr);
}
