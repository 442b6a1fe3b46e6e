#include "pipeline/ProcessLease.h"

#include "core/Error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace majlis::pipeline {

ProcessLease::ProcessLease(std::filesystem::path path)
    : path_(std::move(path))
{
}

ProcessLease::~ProcessLease()
{
    release();
}

bool ProcessLease::tryAcquire()
{
    if (fd_ >= 0)
        return true;
    const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0)
        throw Error(ErrorCode::storage_failure, "error.storage_failure",
            "cannot open lock file " + path_.string() + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return false;
    }
    fd_ = fd;
    return true;
}

void ProcessLease::release()
{
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

} // namespace majlis::pipeline
