#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace majlis::notify {

// The SMTP server and sender of outgoing e-mail. Sending is off unless `enabled` is set.
struct SmtpSettings {
    bool enabled = false;
    std::string host;
    std::uint16_t port = 25;
    std::string sender;              // the From address
    std::string heloName = "majlis"; // the name given in EHLO
    std::chrono::milliseconds timeout{30000};  // connect and each reply
    int maxAttempts = 5;
    std::chrono::milliseconds firstRetryDelay{60000}; // doubled after each failure
    std::size_t maxQueued = 10000;

    // Reads {"enabled", "host", "port", "sender", "helo_name", "timeout_seconds",
    // "max_attempts", "first_retry_seconds", "max_queued"}; absent keys keep
    // their defaults. Throws invalid_argument naming a bad key or value.
    static SmtpSettings fromJson(const nlohmann::json& json);
};

// One plain-text message, in UTF-8.
struct EmailMessage {
    std::string to;
    std::string subject;
    std::string body;
    // The subject of the message for the log, such as a record id. It must not
    // contain personal data, because the log records it while it leaves out
    // addresses, subjects and bodies.
    std::string reference;
};

// Counts since start, for the dashboard and tests.
struct NotifierStats {
    std::uint64_t queued = 0;    // waiting now, including those waiting to retry
    std::uint64_t sent = 0;
    std::uint64_t failed = 0;    // given up after the last attempt
    std::uint64_t retried = 0;   // failed attempts that were retried
    std::uint64_t dropped = 0;   // refused because the queue was full
};

class MailSpool;

// Sends e-mail through an SMTP server from one background thread, so a
// slow or absent server never blocks the caller. A failed attempt is
// retried after a delay that doubles each time, up to maxAttempts. With a
// MailSpool, each accepted message is stored until it is sent or given up
// on, and the messages stored by an earlier run are queued at start.
// Without one, a restart loses what is queued.
class EmailNotifier {
public:
    // `spool` may be null; it must outlive the notifier.
    explicit EmailNotifier(SmtpSettings settings, MailSpool* spool = nullptr);
    ~EmailNotifier();
    EmailNotifier(const EmailNotifier&) = delete;
    EmailNotifier& operator=(const EmailNotifier&) = delete;

    // Queues `message` and returns at once. Returns false without queueing
    // when sending is off or the queue is full. Throws invalid_argument for
    // an address, subject or body that cannot be sent (empty, over the
    // limits of 254, 998 and 1 MiB bytes, or with line breaks in the address
    // or subject).
    bool send(EmailMessage message);

    // Waits until nothing is queued or `timeout` passes; returns whether idle.
    bool waitUntilIdle(std::chrono::milliseconds timeout);

    // Stops the thread after the attempt in progress. Queued messages stay
    // in the spool for the next start, or are lost without one (logged as a
    // count either way).
    void stop();

    // Drops every queued message to `address` (compared without case), from
    // memory and spool, and returns how many there were. A message being sent
    // at that moment still goes. For the erasure of a citizen's details.
    std::size_t forgetRecipient(const std::string& address);

    NotifierStats stats() const;
    bool enabled() const { return settings_.enabled; }

private:
    struct Pending {
        EmailMessage message;
        int attempts = 0;
        std::chrono::steady_clock::time_point notBefore;
        std::uint64_t spooled = 0; // its sequence in the spool; 0 when not stored
    };

    void run();
    void deliver(const EmailMessage& message) const;
    void settle(Pending pending, bool delivered, const std::string& failure);

    // Removes a message that is sent or given up on from the spool; logs a failure.
    void unspool(const Pending& pending);

    SmtpSettings settings_;
    MailSpool* spool_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Pending> queue_;
    bool sending_ = false;
    bool stopping_ = false;
    NotifierStats stats_;
    std::thread worker_;
};

} // namespace majlis::notify
