#pragma once

#include <string_view>

// The JSON files of affairs/data, compiled in by CMake.
namespace majlis::affairs::embedded {

std::string_view regionsJson();
std::string_view councilsJson();
std::string_view statutesJson();

} // namespace majlis::affairs::embedded
