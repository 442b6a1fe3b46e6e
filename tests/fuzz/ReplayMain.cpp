// Runs a libFuzzer harness over corpus files without libFuzzer, so the
// corpora run in every build, GCC's included. Each argument is a file or a
// folder of files. Prints "N passed, 0 failed"; a crash or an escaped
// exception ends the process, naming the input.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
    std::vector<std::filesystem::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path argument = argv[i];
        if (std::filesystem::is_directory(argument)) {
            for (const auto& entry : std::filesystem::directory_iterator(argument))
                if (entry.is_regular_file())
                    inputs.push_back(entry.path());
        } else {
            inputs.push_back(argument);
        }
    }
    if (inputs.empty()) {
        std::cerr << "usage: " << argv[0] << " FILE_OR_FOLDER...; no input found\n";
        return 2;
    }

    std::size_t passed = 0;
    for (const auto& path : inputs) {
        std::ifstream in(path, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        std::cerr << "input " << path.string() << '\n';
        try {
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        } catch (const std::exception& error) {
            std::cerr << "FAILED: " << path.string() << " raised " << error.what() << '\n';
            std::cout << passed << " passed, 1 failed\n";
            return 1;
        }
        ++passed;
    }
    std::cout << passed << " passed, 0 failed\n";
    return 0;
}
