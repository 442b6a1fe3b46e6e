#include "tests/support/SmtpSink.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <algorithm>
#include <cctype>

namespace majlis::test {

namespace {

constexpr std::size_t kMaxLineBytes = 1 << 16;
constexpr std::size_t kMaxMessageBytes = std::size_t(8) << 20;

// Reads CRLF-terminated lines from a socket with a buffer of its own.
class LineReader {
public:
    explicit LineReader(Poco::Net::StreamSocket& socket)
        : socket_(socket)
    {
    }

    // The next line without its CRLF; false when the peer closed.
    bool next(std::string& line)
    {
        for (;;) {
            const auto end = buffer_.find("\r\n");
            if (end != std::string::npos) {
                line = buffer_.substr(0, end);
                buffer_.erase(0, end + 2);
                return true;
            }
            if (buffer_.size() > kMaxLineBytes)
                return false;
            char chunk[4096];
            const int received = socket_.receiveBytes(chunk, sizeof chunk);
            if (received <= 0)
                return false;
            buffer_.append(chunk, static_cast<std::size_t>(received));
        }
    }

private:
    Poco::Net::StreamSocket& socket_;
    std::string buffer_;
};

std::string upperVerb(const std::string& line)
{
    std::string verb = line.substr(0, line.find(' '));
    std::transform(verb.begin(), verb.end(), verb.begin(), [](unsigned char c) { return std::toupper(c); });
    return verb;
}

// The address between < and > of "MAIL FROM:<a@b>" or "RCPT TO:<a@b>".
std::string pathOf(const std::string& line)
{
    const auto open = line.find('<');
    const auto close = line.find('>', open);
    return open == std::string::npos || close == std::string::npos ? std::string() : line.substr(open + 1, close - open - 1);
}

} // namespace

SmtpSink::SmtpSink()
    : server_(Poco::Net::SocketAddress("127.0.0.1", 0))
{
    thread_ = std::thread([this] { serve(); });
}

SmtpSink::~SmtpSink()
{
    stopping_ = true;
    thread_.join();
}

std::uint16_t SmtpSink::port() const
{
    return server_.address().port();
}

void SmtpSink::serve()
{
    while (!stopping_) {
        if (!server_.poll(Poco::Timespan(0, 50000), Poco::Net::Socket::SELECT_READ))
            continue;
        Poco::Net::StreamSocket socket = server_.acceptConnection();
        socket.setReceiveTimeout(Poco::Timespan(5, 0));
        ++connections_;
        try {
            converse(socket);
        } catch (const Poco::Exception&) {
            // A client that drops or times out ends its conversation only.
        }
        socket.close();
    }
}

void SmtpSink::converse(Poco::Net::StreamSocket& socket)
{
    auto reply = [&](const std::string& text) {
        if (replyDelayMs_ > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(replyDelayMs_.load()));
        const std::string line = text + "\r\n";
        socket.sendBytes(line.data(), static_cast<int>(line.size()));
    };

    LineReader reader(socket);
    ReceivedMail mail;
    reply("220 sink.test ESMTP test sink");
    for (std::string line; reader.next(line);) {
        const std::string verb = upperVerb(line);
        if (verb == "EHLO") {
            mail.helo = line.substr(5);
            reply("250-sink.test\r\n250-8BITMIME\r\n250 SIZE 8388608");
        } else if (verb == "HELO") {
            mail.helo = line.substr(5);
            reply("250 sink.test");
        } else if (verb == "MAIL") {
            mail.from = pathOf(line);
            mail.recipients.clear();
            reply("250 2.1.0 sender ok");
        } else if (verb == "RCPT") {
            mail.recipients.push_back(pathOf(line));
            reply("250 2.1.5 recipient ok");
        } else if (verb == "DATA") {
            if (mail.recipients.empty()) {
                reply("503 5.5.1 no recipients");
                continue;
            }
            reply("354 end data with <CR><LF>.<CR><LF>");
            std::string data;
            for (std::string dataLine; reader.next(dataLine) && dataLine != ".";) {
                if (dataLine.starts_with("."))
                    dataLine.erase(0, 1);
                data += dataLine + "\r\n";
                if (data.size() > kMaxMessageBytes)
                    return;
            }
            if (refuseCount_ > 0) {
                --refuseCount_;
                ++refusedTotal_;
                reply("451 4.3.0 try again later");
                continue;
            }
            mail.data = data;
            {
                std::lock_guard lock(mutex_);
                messages_.push_back(mail);
            }
            received_.notify_all();
            reply("250 2.0.0 queued");
        } else if (verb == "RSET") {
            mail = ReceivedMail{mail.helo, {}, {}, {}};
            reply("250 2.0.0 ok");
        } else if (verb == "NOOP") {
            reply("250 2.0.0 ok");
        } else if (verb == "QUIT") {
            reply("221 2.0.0 bye");
            return;
        } else {
            reply("502 5.5.2 command not implemented");
        }
    }
}

std::vector<ReceivedMail> SmtpSink::waitForMessages(std::size_t count, std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    received_.wait_for(lock, timeout, [&] { return messages_.size() >= count; });
    return messages_;
}

std::vector<ReceivedMail> SmtpSink::messages() const
{
    std::lock_guard lock(mutex_);
    return messages_;
}

} // namespace majlis::test
