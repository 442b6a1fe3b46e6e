#include "ocr/ExtractionSupervisor.h"

#include "ocr/OcrCommand.h"

#include "core/Error.h"
#include "core/Log.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace majlis::ocr {

namespace {

using Clock = std::chrono::steady_clock;

// Bounds on what is kept of the child's output. The JSON of a very long
// document still fits, and of the error output only the end is kept, where
// the error message is.
constexpr std::size_t maxOutputBytes = std::size_t{512} << 20;
constexpr std::size_t maxErrorBytes = 16 << 10;

class FileDescriptor {
public:
    explicit FileDescriptor(int fd = -1) : fd_(fd) {}
    ~FileDescriptor() { reset(); }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;

    int get() const { return fd_; }
    void reset(int fd = -1)
    {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = fd;
    }

private:
    int fd_;
};

struct Pipe {
    FileDescriptor read;
    FileDescriptor write;
};

Error systemError(const std::string& call)
{
    return Error(ErrorCode::internal, "ocr.supervisor_failed", call + " failed: " + std::strerror(errno));
}

void openPipe(Pipe& pipe)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw systemError("pipe2");
    pipe.read.reset(fds[0]);
    pipe.write.reset(fds[1]);
}

// Everything exec needs, built before fork because the child may only make
// async-signal-safe calls until exec.
struct ChildCommand {
    std::vector<std::string> storage;
    std::vector<char*> argv;
    std::vector<std::string> environmentStorage;
    std::vector<char*> environment;
};

ChildCommand buildCommand(const std::filesystem::path& executable, const std::vector<std::string>& arguments,
    const std::filesystem::path& file)
{
    ChildCommand command;
    command.storage.push_back(executable.string());
    command.storage.insert(command.storage.end(), arguments.begin(), arguments.end());
    command.storage.push_back(file.string());
    for (auto& argument : command.storage)
        command.argv.push_back(argument.data());
    command.argv.push_back(nullptr);

    // The child inherits the environment, with Tesseract held to one OpenMP
    // thread unless the caller chose otherwise.
    bool hasThreadLimit = false;
    for (char** variable = environ; *variable; ++variable) {
        command.environmentStorage.emplace_back(*variable);
        hasThreadLimit = hasThreadLimit || command.environmentStorage.back().starts_with("OMP_THREAD_LIMIT=");
    }
    if (!hasThreadLimit)
        command.environmentStorage.emplace_back("OMP_THREAD_LIMIT=1");
    for (auto& variable : command.environmentStorage)
        command.environment.push_back(variable.data());
    command.environment.push_back(nullptr);
    return command;
}

[[noreturn]] void runChild(const ChildCommand& command, int outputFd, int errorFd, std::size_t memoryBytes)
{
    ::dup2(outputFd, STDOUT_FILENO);
    ::dup2(errorFd, STDERR_FILENO);
    // Descriptors the parent opened without O_CLOEXEC, such as database
    // files, must not stay open in the OCR program.
    ::close_range(3, ~0U, 0);

    const rlimit memory{memoryBytes, memoryBytes};
    ::setrlimit(RLIMIT_AS, &memory);
    const rlimit noCore{0, 0};
    ::setrlimit(RLIMIT_CORE, &noCore);

    ::execve(command.argv[0], command.argv.data(), command.environment.data());
    static const char message[] = "cannot execute the OCR program\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(127);
}

struct ChildResult {
    std::string output;
    std::string errors;
    int status = 0;
    bool timedOut = false;
};

// Appends what is readable on `fd` and returns false at end of file. Past
// `limit` bytes the oldest output is dropped when `keepEnd` is set, the
// newest otherwise.
bool drain(int fd, std::string& into, std::size_t limit, bool keepEnd)
{
    char buffer[65536];
    const ssize_t count = ::read(fd, buffer, sizeof buffer);
    if (count < 0)
        return errno == EINTR || errno == EAGAIN;
    if (count == 0)
        return false;

    if (keepEnd) {
        into.append(buffer, static_cast<std::size_t>(count));
        if (into.size() > limit)
            into.erase(0, into.size() - limit);
    } else if (into.size() < limit) {
        into.append(buffer, std::min(static_cast<std::size_t>(count), limit - into.size()));
    }
    return true;
}

void collectOutput(pid_t child, Pipe& output, Pipe& errors, Clock::time_point deadline, ChildResult& result)
{
    bool outputOpen = true;
    bool errorsOpen = true;
    while (outputOpen || errorsOpen) {
        const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (remaining.count() <= 0) {
            ::kill(child, SIGKILL);
            result.timedOut = true;
            return;
        }

        pollfd fds[2] = {{outputOpen ? output.read.get() : -1, POLLIN, 0}, {errorsOpen ? errors.read.get() : -1, POLLIN, 0}};
        const int ready = ::poll(fds, 2, static_cast<int>(std::min<long long>(remaining.count(), 1000)));
        if (ready < 0 && errno != EINTR)
            throw systemError("poll");
        if (fds[0].revents != 0)
            outputOpen = drain(output.read.get(), result.output, maxOutputBytes, false);
        if (fds[1].revents != 0)
            errorsOpen = drain(errors.read.get(), result.errors, maxErrorBytes, true);
    }
}

int waitForChild(pid_t child)
{
    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
        if (errno != EINTR)
            throw systemError("waitpid");
    }
    return status;
}

Error errorFromChild(const nlohmann::json& error)
{
    const auto params = error.value("params", std::map<std::string, std::string>{});
    return Error(static_cast<ErrorCode>(error.at("code").get<int>()), error.at("message_id").get<std::string>(),
        error.at("message").get<std::string>(), params);
}

std::string lastLine(const std::string& text)
{
    std::string trimmed = text;
    while (!trimmed.empty() && trimmed.back() == '\n')
        trimmed.pop_back();
    const auto newline = trimmed.rfind('\n');
    return newline == std::string::npos ? trimmed : trimmed.substr(newline + 1);
}

// Starts the child and collects its output until it exits or the deadline passes.
ChildResult runSupervised(const ChildCommand& command, const ExtractionLimits& limits)
{
    Pipe output;
    Pipe errors;
    openPipe(output);
    openPipe(errors);

    const auto deadline = Clock::now() + limits.wallTime;
    const pid_t child = ::fork();
    if (child < 0)
        throw systemError("fork");
    if (child == 0)
        runChild(command, output.write.get(), errors.write.get(), limits.memoryBytes);

    output.write.reset();
    errors.write.reset();
    ChildResult result;
    try {
        collectOutput(child, output, errors, deadline, result);
    } catch (const Error&) {
        // No child may outlive its supervisor.
        ::kill(child, SIGKILL);
        waitForChild(child);
        throw;
    }
    result.status = waitForChild(child);
    return result;
}

// Throws the error for a child that was stopped, crashed or ran out of memory.
void requireNormalExit(const ChildResult& result, const std::string& name, const ExtractionLimits& limits)
{
    if (result.timedOut) {
        const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(limits.wallTime).count();
        logger("ocr").warning("Stopped text extraction of " + name + " after " + std::to_string(seconds) + " s");
        throw Error(ErrorCode::timed_out, "ocr.timed_out",
            "Text extraction of " + name + " did not finish within " + std::to_string(seconds) + " s and was stopped",
            {{"file", name}, {"seconds", std::to_string(seconds)}});
    }

    const std::string megabytes = std::to_string(limits.memoryBytes >> 20);
    if (WIFEXITED(result.status) && WEXITSTATUS(result.status) == ocrExitOutOfMemory) {
        throw Error(ErrorCode::unavailable, "ocr.out_of_memory",
            "Text extraction of " + name + " exceeded its memory limit of " + megabytes + " MB",
            {{"file", name}, {"megabytes", megabytes}});
    }
    if (WIFSIGNALED(result.status)) {
        const std::string signal = ::strsignal(WTERMSIG(result.status));
        logger("ocr").error("Text extraction of " + name + " was killed by signal " + signal);
        throw Error(ErrorCode::unavailable, "ocr.child_crashed",
            "Text extraction of " + name + " crashed (" + signal + ") under a memory limit of " + megabytes
                + " MB; the file may be damaged",
            {{"file", name}, {"signal", signal}});
    }
}

DocumentText parseChildOutput(const ChildResult& result, const std::string& name)
{
    const auto json = nlohmann::json::parse(result.output, nullptr, false);
    if (json.is_object() && json.contains("error"))
        throw errorFromChild(json.at("error"));
    if (WEXITSTATUS(result.status) != 0 || !json.is_object()) {
        throw Error(ErrorCode::internal, "ocr.child_failed",
            "Text extraction of " + name + " failed: " + lastLine(result.errors), {{"file", name}});
    }

    try {
        return json.get<DocumentText>();
    } catch (const nlohmann::json::exception& error) {
        throw Error(ErrorCode::internal, "ocr.child_failed",
            "Text extraction of " + name + " returned invalid JSON: " + error.what(), {{"file", name}});
    }
}

} // namespace

ExtractionSupervisor::ExtractionSupervisor(std::filesystem::path executable, std::vector<std::string> arguments,
    ExtractionLimits limits)
    : executable_(std::move(executable))
    , arguments_(std::move(arguments))
    , limits_(limits)
{
}

DocumentText ExtractionSupervisor::extract(const std::filesystem::path& file) const
{
    const ChildCommand command = buildCommand(executable_, arguments_, file);
    const ChildResult result = runSupervised(command, limits_);

    const std::string name = file.filename().string();
    requireNormalExit(result, name, limits_);
    return parseChildOutput(result, name);
}

} // namespace majlis::ocr
