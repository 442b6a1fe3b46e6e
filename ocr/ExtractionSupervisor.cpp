#include "ocr/ExtractionSupervisor.h"

#include "ocr/OcrCommand.h"

#include "core/Error.h"
#include "core/Log.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <utility>

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
    int release() { return std::exchange(fd_, -1); }
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

ChildCommand buildCommand(const std::filesystem::path& executable, const std::vector<std::string>& arguments)
{
    ChildCommand command;
    command.storage.push_back(executable.string());
    command.storage.insert(command.storage.end(), arguments.begin(), arguments.end());
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

// Runs in the forked child. `inputFd` below zero leaves the standard input
// as inherited.
[[noreturn]] void runChild(const ChildCommand& command, int inputFd, int outputFd, int errorFd, std::size_t memoryBytes)
{
    if (inputFd >= 0)
        ::dup2(inputFd, STDIN_FILENO);
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

// Waits up to `grace` for the child to exit by itself, then kills it.
int reapChild(pid_t child, std::chrono::milliseconds grace)
{
    const auto deadline = Clock::now() + grace;
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(child, &status, WNOHANG);
        if (done == child)
            return status;
        if (done < 0 && errno != EINTR)
            throw systemError("waitpid");
        if (Clock::now() >= deadline)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(child, SIGKILL);
    return waitForChild(child);
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

// Starts a one-shot child and collects its output until it exits or the deadline passes.
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
        runChild(command, -1, output.write.get(), errors.write.get(), limits.memoryBytes);

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

Error childFailed(const std::string& name, const std::string& reason)
{
    return Error(ErrorCode::internal, "ocr.child_failed", "Text extraction of " + name + " failed: " + reason,
        {{"file", name}});
}

// The file and page a request is about, as errors name them.
std::string requestName(const nlohmann::json& request)
{
    std::string name = std::filesystem::path(request.value("file", std::string())).filename().string();
    if (request.contains("page") && request.at("page").is_number_integer())
        name += " page " + std::to_string(request.at("page").get<int>());
    return name;
}

std::filesystem::path findProgram(const std::string& name)
{
    const char* path = std::getenv("PATH");
    std::string folders = path ? path : "/usr/bin:/bin";
    for (std::size_t start = 0; start <= folders.size();) {
        const std::size_t end = std::min(folders.find(':', start), folders.size());
        const std::filesystem::path candidate = std::filesystem::path(folders.substr(start, end - start)) / name;
        if (end > start && ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
        start = end + 1;
    }
    return {};
}

} // namespace

ExtractionSupervisor::ExtractionSupervisor(std::filesystem::path executable, std::vector<std::string> arguments,
    ExtractionLimits limits)
    : executable_(std::move(executable))
    , arguments_(std::move(arguments))
    , limits_(limits)
{
}

ExtractionSupervisor::~ExtractionSupervisor()
{
    try {
        stopChild();
    } catch (const Error& error) {
        logger("ocr").error("Could not stop the OCR worker: " + std::string(error.what()));
    }
}

void ExtractionSupervisor::startChild()
{
    const ChildCommand command = buildCommand(executable_, arguments_);
    // Requests go through a socket rather than a pipe, so that writing to a
    // child that has died fails with EPIPE (MSG_NOSIGNAL) instead of raising
    // SIGPIPE in the server.
    int sockets[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0)
        throw systemError("socketpair");
    FileDescriptor requestRead(sockets[1]);
    FileDescriptor requestWrite(sockets[0]);
    Pipe output;
    Pipe errors;
    openPipe(output);
    openPipe(errors);

    const pid_t child = ::fork();
    if (child < 0)
        throw systemError("fork");
    if (child == 0)
        runChild(command, requestRead.get(), output.write.get(), errors.write.get(), limits_.memoryBytes);

    child_ = child;
    requestFd_ = requestWrite.release();
    responseFd_ = output.read.release();
    errorFd_ = errors.read.release();
    responseBuffer_.clear();
    ++childrenStarted_;
    logger("ocr").information("Started OCR worker process " + std::to_string(child));
}

void ExtractionSupervisor::stopChild()
{
    if (child_ == 0)
        return;
    // The end of its input makes an idle worker exit.
    const pid_t child = closeChannels();
    reapChild(child, std::chrono::seconds(2));
}

pid_t ExtractionSupervisor::closeChannels()
{
    for (int* fd : {&requestFd_, &responseFd_, &errorFd_}) {
        if (*fd >= 0)
            ::close(*fd);
        *fd = -1;
    }
    responseBuffer_.clear();
    return std::exchange(child_, 0);
}

nlohmann::json ExtractionSupervisor::request(const nlohmann::json& request)
{
    const std::string name = requestName(request);
    if (child_ == 0)
        startChild();
    errorTail_.clear();

    const std::string line = request.dump() + '\n';
    for (std::size_t sent = 0; sent < line.size();) {
        const ssize_t count = ::send(requestFd_, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
        if (count < 0 && errno == EINTR)
            continue;
        if (count <= 0)
            failChild(name, false);
        sent += static_cast<std::size_t>(count);
    }
    return awaitResponse(name);
}

DocumentText ExtractionSupervisor::extract(const std::filesystem::path& file)
{
    const nlohmann::json response = request({{"file", file.string()}});
    try {
        return response.get<DocumentText>();
    } catch (const nlohmann::json::exception& error) {
        throw childFailed(file.filename().string(), std::string("invalid JSON: ") + error.what());
    }
}

nlohmann::json ExtractionSupervisor::awaitResponse(const std::string& name)
{
    const auto deadline = Clock::now() + limits_.wallTime;
    for (;;) {
        if (const auto newline = responseBuffer_.find('\n'); newline != std::string::npos) {
            const std::string line = responseBuffer_.substr(0, newline);
            responseBuffer_.erase(0, newline + 1);
            auto json = nlohmann::json::parse(line, nullptr, false);
            if (!json.is_object()) {
                stopChild();
                throw childFailed(name, "the worker returned invalid JSON");
            }
            if (json.contains("error"))
                throw errorFromChild(json.at("error"));
            return json;
        }

        const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (remaining.count() <= 0)
            failChild(name, true);
        pollfd fds[2] = {{responseFd_, POLLIN, 0}, {errorFd_, POLLIN, 0}};
        const int ready = ::poll(fds, 2, static_cast<int>(std::min<long long>(remaining.count(), 1000)));
        if (ready < 0 && errno != EINTR)
            throw systemError("poll");
        if (fds[1].revents != 0 && !drain(errorFd_, errorTail_, maxErrorBytes, true)) {
            ::close(errorFd_);
            errorFd_ = -1;
        }
        if (fds[0].revents != 0 && !drain(responseFd_, responseBuffer_, maxOutputBytes, false))
            failChild(name, false);
        if (responseBuffer_.size() >= maxOutputBytes) {
            stopChild();
            throw childFailed(name, "the worker's response is larger than " + std::to_string(maxOutputBytes >> 20) + " MB");
        }
    }
}

void ExtractionSupervisor::failChild(const std::string& name, bool timedOut)
{
    ChildResult result;
    result.timedOut = timedOut;
    if (timedOut)
        ::kill(child_, SIGKILL);
    // The error output of a child that ended contains the reason, so it is read to its end.
    while (errorFd_ >= 0 && !timedOut) {
        pollfd fd{errorFd_, POLLIN, 0};
        if (::poll(&fd, 1, 1000) <= 0 || !drain(errorFd_, errorTail_, maxErrorBytes, true))
            break;
    }
    result.status = reapChild(closeChannels(), std::chrono::seconds(2));

    requireNormalExit(result, name, limits_);
    throw childFailed(name, errorTail_.empty() ? "the worker exited without a response" : lastLine(errorTail_));
}

void joinPdfPages(const std::vector<std::filesystem::path>& pages, const std::filesystem::path& output,
    const ExtractionLimits& limits)
{
    const std::filesystem::path program = findProgram("pdfunite");
    if (program.empty())
        throw Error(ErrorCode::unavailable, "ocr.pdfunite_missing",
            "Cannot join the pages of a searchable PDF: pdfunite was not found on PATH; install poppler-utils");

    std::vector<std::string> arguments;
    for (const auto& page : pages)
        arguments.push_back(page.string());
    arguments.push_back(output.string());
    const ChildResult result = runSupervised(buildCommand(program, arguments), limits);

    const std::string name = output.filename().string();
    if (result.timedOut || !WIFEXITED(result.status) || WEXITSTATUS(result.status) != 0) {
        std::error_code ignored;
        std::filesystem::remove(output, ignored);
        const std::string reason = result.timedOut ? "pdfunite timed out" : "pdfunite failed: " + lastLine(result.errors);
        throw Error(ErrorCode::unavailable, "ocr.searchable_pdf_failed", "Cannot write the searchable PDF " + name + ": " + reason,
            {{"file", name}});
    }
}

} // namespace majlis::ocr
