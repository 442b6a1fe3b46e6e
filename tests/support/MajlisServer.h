#pragma once

#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace majlis::test {

// `majlis serve` on a data folder, run as a child process on a port of
// 127.0.0.1 that the kernel chooses. The constructor returns once the
// server prints that it is serving; the destructor stops it with SIGTERM.
class MajlisServer {
public:
    explicit MajlisServer(const std::filesystem::path& data);
    ~MajlisServer();
    MajlisServer(const MajlisServer&) = delete;
    MajlisServer& operator=(const MajlisServer&) = delete;

    std::uint16_t port() const { return port_; }
    // The administrator's password, printed only by the first start on a
    // new data folder.
    const std::optional<std::string>& createdPassword() const { return password_; }
    // Sends SIGTERM and returns the exit status.
    int stop();

private:
    Poco::Pipe output_;
    std::unique_ptr<Poco::ProcessHandle> process_;
    std::thread reader_;
    std::uint16_t port_ = 0;
    std::optional<std::string> password_;
    bool stopped_ = false;
};

} // namespace majlis::test
