#pragma once

#include <filesystem>
#include <string>

namespace majlis::test {

// Overwrites every byte of one glass table (such as "postlist") of the index
// generation that <data>/index links to. The index must be closed; Xapian
// then reports DatabaseCorruptError for it. Returns the generation folder.
std::filesystem::path damageIndexTable(const std::filesystem::path& dataDirectory, const std::string& table);

} // namespace majlis::test
