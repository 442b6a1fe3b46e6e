#include "pipeline/IndexLocation.h"

#include "core/Error.h"
#include "core/Log.h"

#include <algorithm>
#include <string>
#include <vector>

namespace majlis::pipeline {

namespace {

constexpr std::string_view kGenerationPrefix = "index-";

int generationNumber(const std::filesystem::path& folder)
{
    const std::string name = folder.filename().string();
    if (!name.starts_with(kGenerationPrefix))
        return -1;
    const std::string digits = name.substr(kGenerationPrefix.size());
    if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
        return -1;
    return std::stoi(digits);
}

void pointLink(const std::filesystem::path& link, const std::filesystem::path& target)
{
    const std::filesystem::path temporary = link.string() + ".swap";
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    std::filesystem::create_symlink(target.filename(), temporary);
    // rename(2) replaces the old link in one step.
    std::filesystem::rename(temporary, link);
}

} // namespace

IndexLocation::IndexLocation(const std::filesystem::path& dataDirectory)
    : dataDirectory_(dataDirectory)
    , link_(dataDirectory / "index")
{
    std::filesystem::create_directories(dataDirectory_);
    if (std::filesystem::is_symlink(link_))
        return;
    if (std::filesystem::exists(link_))
        throw Error(ErrorCode::storage_failure, "error.index_layout",
            link_.string() + " is not a link to an index generation; move it away and run 'majlis reindex'");
    const std::filesystem::path first = dataDirectory_ / (std::string(kGenerationPrefix) + "1");
    std::filesystem::create_directories(first);
    pointLink(link_, first);
}

std::filesystem::path IndexLocation::current() const
{
    return dataDirectory_ / std::filesystem::read_symlink(link_);
}

std::filesystem::path IndexLocation::nextGeneration() const
{
    int highest = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dataDirectory_))
        highest = std::max(highest, generationNumber(entry.path()));
    return dataDirectory_ / (std::string(kGenerationPrefix) + std::to_string(highest + 1));
}

void IndexLocation::swapTo(const std::filesystem::path& generation)
{
    const int previous = generationNumber(current());
    pointLink(link_, generation);
    logger("pipeline").information("switched the search index to %s", generation.string());

    // The generation just replaced stays for readers still open on it.
    for (const auto& entry : std::filesystem::directory_iterator(dataDirectory_)) {
        const int number = generationNumber(entry.path());
        if (number >= 0 && number < previous) {
            std::error_code error;
            std::filesystem::remove_all(entry.path(), error);
        }
    }
}

} // namespace majlis::pipeline
