#include "tests/support/MajlisServer.h"

#include "tests/support/SharedCorpus.h"

#include <Poco/PipeStream.h>

#include <future>
#include <regex>
#include <stdexcept>

namespace majlis::test {

namespace {

struct Started {
    std::uint16_t port = 0;
    std::optional<std::string> password;
};

} // namespace

MajlisServer::MajlisServer(const std::filesystem::path& data)
{
    process_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(majlisBinary().string(),
        {"serve", "--data", data.string(), "--listen", "127.0.0.1:0"}, nullptr, &output_, nullptr));

    // The reader reports the serving line, then drains stdout until the
    // server exits, so a later write to it never blocks or fails.
    std::promise<Started> started;
    std::future<Started> startedFuture = started.get_future();
    reader_ = std::thread([this, promise = std::move(started)]() mutable {
        Poco::PipeInputStream in(output_);
        const std::regex passwordLine("Password: (\\S+)");
        const std::regex servingLine("Majlis is serving .* on http://127\\.0\\.0\\.1:([0-9]+)/");
        Started result;
        bool reported = false;
        std::smatch match;
        for (std::string line; std::getline(in, line);) {
            if (!reported && std::regex_search(line, match, passwordLine))
                result.password = match[1];
            if (!reported && std::regex_search(line, match, servingLine)) {
                result.port = static_cast<std::uint16_t>(std::stoi(match[1]));
                promise.set_value(result);
                reported = true;
            }
        }
        if (!reported)
            promise.set_value(result);
    });

    const Started result = startedFuture.get();
    if (result.port == 0) {
        stopped_ = true;
        const int status = process_->wait();
        reader_.join();
        throw std::runtime_error("majlis serve exited with " + std::to_string(status) + " before serving");
    }
    port_ = result.port;
    password_ = result.password;
}

MajlisServer::~MajlisServer()
{
    stop();
}

int MajlisServer::stop()
{
    if (stopped_)
        return 0;
    stopped_ = true;
    Poco::Process::requestTermination(process_->id());
    const int status = process_->wait();
    reader_.join();
    return status;
}

} // namespace majlis::test
