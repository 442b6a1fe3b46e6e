#include "tests/support/SharedCorpus.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace majlis::test {

std::optional<std::filesystem::path> sharedDir()
{
    const char* value = std::getenv("MAJLIS_SHARED_DIR");
    if (!value || !std::filesystem::is_directory(value))
        return std::nullopt;
    return std::filesystem::path(value);
}

std::optional<std::filesystem::path> sharedPath(const std::string& relative)
{
    const auto shared = sharedDir();
    if (shared && std::filesystem::exists(*shared / relative))
        return *shared / relative;
    std::cerr << "SKIP: " << relative << " not found under ../shared (set MAJLIS_SHARED_DIR)\n";
    return std::nullopt;
}

std::filesystem::path sourceDir()
{
    const char* value = std::getenv("MAJLIS_SOURCE_DIR");
    if (!value)
        throw std::runtime_error("MAJLIS_SOURCE_DIR is not set; run the tests through ctest");
    return value;
}

std::filesystem::path majlisBinary()
{
    const char* value = std::getenv("MAJLIS_BINARY");
    if (!value)
        throw std::runtime_error("MAJLIS_BINARY is not set; run the tests through ctest");
    return value;
}

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace majlis::test
