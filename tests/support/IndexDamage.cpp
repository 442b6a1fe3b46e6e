#include "tests/support/IndexDamage.h"

#include <fstream>
#include <stdexcept>

namespace majlis::test {

std::filesystem::path damageIndexTable(const std::filesystem::path& dataDirectory, const std::string& table)
{
    const std::filesystem::path generation = dataDirectory / std::filesystem::read_symlink(dataDirectory / "index");
    const std::filesystem::path file = generation / (table + ".glass");
    const std::string junk(std::filesystem::file_size(file), '\x5a');
    std::ofstream out(file, std::ios::binary | std::ios::in | std::ios::out);
    out.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    if (!out.good())
        throw std::runtime_error("cannot overwrite " + file.string());
    return generation;
}

} // namespace majlis::test
