#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>
#include <string_view>

namespace majlis::records {

// Content-addressed attachment files under <data>/blobs/<first two hex
// digits>/<sha256>. A blob is written to a temporary file, fsynced, renamed
// into place and its folder fsynced before put() returns, so a transaction
// that references it can only commit after the bytes are durable.
class BlobStore {
public:
    struct Stored {
        std::string sha256;
        std::uint64_t size = 0;
    };

    explicit BlobStore(std::filesystem::path root);

    // Copies `in` into the store, failing with payload_too_large past `maxSize` bytes.
    Stored put(std::istream& in, std::uint64_t maxSize);

    // The path of a stored blob; throws not_found when it is missing and
    // invalid_argument when `sha256` is not a SHA-256 hex digest.
    std::filesystem::path pathOf(std::string_view sha256) const;
    bool contains(std::string_view sha256) const;

    const std::filesystem::path& root() const { return root_; }

private:
    std::filesystem::path locationOf(std::string_view sha256) const;

    std::filesystem::path root_;
};

// Writes the parent folder's entry of `path` to disk (fsync of the folder).
void syncParentDirectory(const std::filesystem::path& path);

} // namespace majlis::records
