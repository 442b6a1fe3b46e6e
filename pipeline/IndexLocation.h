#pragma once

#include <filesystem>

namespace majlis::pipeline {

// Where the current Xapian index lives: <data>/index is a symbolic link to a
// generation folder <data>/index-<N>. A rebuild writes a new generation and
// swaps the link with one rename, so readers switch at once and the server
// keeps serving searches from the old generation until they do.
class IndexLocation {
public:
    explicit IndexLocation(const std::filesystem::path& dataDirectory);

    // The generation folder the link points to now, creating the first one.
    std::filesystem::path current() const;

    // A new, empty generation folder name (not created).
    std::filesystem::path nextGeneration() const;

    // Points the link at `generation` atomically and removes generations
    // older than the one it replaced.
    void swapTo(const std::filesystem::path& generation);

private:
    std::filesystem::path dataDirectory_;
    std::filesystem::path link_;
};

} // namespace majlis::pipeline
