#pragma once

#include <Poco/Net/ServerSocket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace majlis::test {

// A message as an SMTP client delivered it.
struct ReceivedMail {
    std::string helo;
    std::string from;
    std::vector<std::string> recipients;
    std::string data; // the message after DATA, dot-stuffing removed, CRLF line ends
};

// A small SMTP server on 127.0.0.1 and a free port, for tests. It speaks
// EHLO (and HELO), MAIL, RCPT, DATA, RSET, NOOP and QUIT, one connection at
// a time, and keeps what it receives. It can refuse the first N messages
// with a temporary error (451) or answer slowly, to test retries and
// queueing.
class SmtpSink {
public:
    SmtpSink();
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    std::uint16_t port() const;

    // The next `count` messages are refused after DATA with 451.
    void refuseNext(int count) { refuseCount_ = count; }
    // Each reply waits this long first.
    void setReplyDelay(std::chrono::milliseconds delay) { replyDelayMs_ = static_cast<int>(delay.count()); }

    // Waits until at least `count` messages arrived or `timeout` passed.
    std::vector<ReceivedMail> waitForMessages(std::size_t count, std::chrono::milliseconds timeout);
    std::vector<ReceivedMail> messages() const;
    int connections() const { return connections_; }
    int refused() const { return refusedTotal_; }

private:
    void serve();
    void converse(Poco::Net::StreamSocket& socket);

    Poco::Net::ServerSocket server_;
    std::atomic<bool> stopping_{false};
    std::atomic<int> refuseCount_{0};
    std::atomic<int> replyDelayMs_{0};
    std::atomic<int> connections_{0};
    std::atomic<int> refusedTotal_{0};
    mutable std::mutex mutex_;
    std::condition_variable received_;
    std::vector<ReceivedMail> messages_;
    std::thread thread_;
};

} // namespace majlis::test
