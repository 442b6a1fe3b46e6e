// libFuzzer harness: the import manifest parser. The first byte chooses the
// format (even: CSV, odd: JSON lines); the rest is written to a manifest
// file, because ImportManifest reads from a path.
#include "core/Error.h"
#include "pipeline/ImportManifest.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

std::filesystem::path manifestFolder()
{
    const std::filesystem::path folder
        = std::filesystem::temp_directory_path() / ("majlis-fuzz-manifest-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    return folder;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    static const std::filesystem::path folder = manifestFolder();
    const std::filesystem::path path = folder / (data[0] % 2 == 0 ? "manifest.csv" : "manifest.jsonl");
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
    }
    try {
        const auto manifest = majlis::pipeline::ImportManifest::load(path);
        manifest.find(folder / "scan.pdf");
        manifest.find("sub/قرار.pdf");
    } catch (const majlis::Error&) {
        // A rejected manifest: the import names the manifest and line.
    }
    try {
        majlis::pipeline::splitCsvLine(text);
    } catch (const majlis::Error&) {
    }
    return 0;
}
