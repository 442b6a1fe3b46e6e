#include "records/BlobStore.h"

#include "core/Error.h"
#include "core/Sha256.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <unistd.h>
#include <vector>

namespace majlis::records {

namespace {

Error writeFailure(const std::filesystem::path& path, int error)
{
    if (error == ENOSPC || error == EDQUOT)
        return Error(ErrorCode::storage_full, "error.storage_full",
            "no space left to store an attachment in " + path.parent_path().string() + "; free disk space");
    return Error(ErrorCode::storage_failure, "error.storage_failure",
        "failed to write " + path.string() + ": " + std::strerror(error));
}

// A file descriptor closed on every path out of scope.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd)
        : fd_(fd)
    {
    }
    ~FileDescriptor()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }
    int release()
    {
        int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_;
};

void writeAll(int fd, const char* data, std::size_t size, const std::filesystem::path& path)
{
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            throw writeFailure(path, errno);
        }
        data += written;
        size -= static_cast<std::size_t>(written);
    }
}

} // namespace

void syncParentDirectory(const std::filesystem::path& path)
{
    const std::filesystem::path parent = path.parent_path();
    FileDescriptor dir(::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() < 0 || ::fsync(dir.get()) != 0)
        throw writeFailure(path, errno);
}

BlobStore::BlobStore(std::filesystem::path root)
    : root_(std::move(root))
{
    std::filesystem::create_directories(root_ / "tmp");
}

BlobStore::Stored BlobStore::put(std::istream& in, std::uint64_t maxSize)
{
    std::string temporary = (root_ / "tmp" / "upload-XXXXXX").string();
    FileDescriptor fd(::mkostemp(temporary.data(), O_CLOEXEC));
    if (fd.get() < 0)
        throw writeFailure(temporary, errno);

    Stored stored;
    try {
        Sha256 hasher;
        std::vector<char> buffer(1 << 16);
        while (in) {
            in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            const auto count = static_cast<std::size_t>(in.gcount());
            stored.size += count;
            if (stored.size > maxSize)
                throw Error(ErrorCode::payload_too_large, "error.file_too_large",
                    "the file is larger than the limit of " + std::to_string(maxSize) + " bytes; split or compress it",
                    {{"limit", std::to_string(maxSize)}});
            hasher.update(buffer.data(), count);
            writeAll(fd.get(), buffer.data(), count, temporary);
        }
        if (in.bad())
            throw Error(ErrorCode::invalid_argument, "error.read_failed", "failed to read the uploaded file");
        if (::fsync(fd.get()) != 0)
            throw writeFailure(temporary, errno);
        stored.sha256 = hasher.finishHex();

        const std::filesystem::path target = locationOf(stored.sha256);
        const bool newFolder = std::filesystem::create_directories(target.parent_path());
        if (newFolder)
            syncParentDirectory(target.parent_path());
        if (std::filesystem::exists(target)) {
            std::filesystem::remove(temporary);
            return stored;
        }
        std::filesystem::rename(temporary, target);
        syncParentDirectory(target);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
    return stored;
}

std::filesystem::path BlobStore::locationOf(std::string_view sha256) const
{
    if (!isSha256Hex(sha256))
        throw Error(ErrorCode::invalid_argument, "error.invalid_blob_id",
            "'" + std::string(sha256) + "' is not a SHA-256 hex digest");
    return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

std::filesystem::path BlobStore::pathOf(std::string_view sha256) const
{
    std::filesystem::path path = locationOf(sha256);
    if (!std::filesystem::exists(path))
        throw Error(ErrorCode::not_found, "error.blob_missing",
            "attachment " + std::string(sha256) + " is missing from " + root_.string()
                + "; restore it from a backup and run 'majlis verify'");
    return path;
}

bool BlobStore::contains(std::string_view sha256) const
{
    return std::filesystem::exists(locationOf(sha256));
}

} // namespace majlis::records
