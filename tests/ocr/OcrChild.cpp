// The child program of the supervisor tests. `ocr_test_child [--json] FILE`
// runs the OCR command, `--hang` never returns, `--eat-memory` allocates
// until the memory limit stops it, and `--print-thread-limit` prints
// the value of OMP_THREAD_LIMIT in its environment.

#include "ocr/OcrCommand.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <thread>
#include <vector>

int main(int argc, char** argv)
{
    majlis::ocr::limitOpenMpThreads(argv);
    const std::vector<std::string> arguments(argv + 1, argv + argc);
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
            std::vector<std::vector<char>> blocks;
            for (;;) {
                blocks.emplace_back(std::size_t{64} << 20);
                std::memset(blocks.back().data(), 1, blocks.back().size());
            }
        } catch (const std::bad_alloc&) {
            return majlis::ocr::ocrExitOutOfMemory;
        }
    }
    return majlis::ocr::runOcrCommand(arguments, std::cout, std::cerr);
}
