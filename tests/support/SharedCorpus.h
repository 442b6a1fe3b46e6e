#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace majlis::test {

// The ../shared folder beside the checkout (MAJLIS_SHARED_DIR), or nothing
// when it is absent, so tests that need it can skip.
std::optional<std::filesystem::path> sharedDir();

// The path of `relative` under ../shared, or nothing when it is absent;
// prints a skip message naming the path in that case.
std::optional<std::filesystem::path> sharedPath(const std::string& relative);

// The source checkout (MAJLIS_SOURCE_DIR) and the built majlis executable (MAJLIS_BINARY).
std::filesystem::path sourceDir();
std::filesystem::path majlisBinary();

std::string readFile(const std::filesystem::path& path);

} // namespace majlis::test
