#pragma once

#include <filesystem>

namespace majlis::pipeline {

// An exclusive, non-blocking flock on a file under the data folder, held by
// at most one process at a time and released by the kernel when its holder
// exits or dies, so a crashed worker never blocks the next one.
class ProcessLease {
public:
    explicit ProcessLease(std::filesystem::path path);
    ~ProcessLease();
    ProcessLease(const ProcessLease&) = delete;
    ProcessLease& operator=(const ProcessLease&) = delete;

    // Takes the lease when free; returns whether this process holds it.
    bool tryAcquire();
    void release();
    bool held() const { return fd_ >= 0; }

private:
    std::filesystem::path path_;
    int fd_ = -1;
};

} // namespace majlis::pipeline
