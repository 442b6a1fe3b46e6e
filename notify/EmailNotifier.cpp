#include "notify/EmailNotifier.h"

#include "core/Error.h"
#include "core/Log.h"
#include "notify/HeaderEncoding.h"
#include "notify/MailSpool.h"

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>

#include <algorithm>

namespace majlis::notify {

namespace {

constexpr std::size_t kMaxAddressBytes = 254;
constexpr std::size_t kMaxSubjectBytes = 998;
constexpr std::size_t kMaxBodyBytes = std::size_t(1) << 20;

Error invalidMessage(const std::string& problem)
{
    // The notifier sends in the background and logs this; no client sees it.
    return Error(ErrorCode::invalid_argument, "notify.invalid_message", "cannot send e-mail: " + problem);
}

bool hasLineBreak(const std::string& text)
{
    return text.find_first_of("\r\n") != std::string::npos;
}

// A deliberately simple check: one '@' with text on both sides and no
// spaces, angle brackets or line breaks, which would break the SMTP command.
bool isPlausibleAddress(const std::string& address)
{
    const auto at = address.find('@');
    return !address.empty() && address.size() <= kMaxAddressBytes && at != std::string::npos && at > 0
        && at + 1 < address.size() && address.find('@', at + 1) == std::string::npos
        && address.find_first_of(" <>\r\n\t,;") == std::string::npos;
}

void checkMessage(const EmailMessage& message)
{
    if (!isPlausibleAddress(message.to))
        throw invalidMessage("the recipient address is not valid; give one address such as name@example.org");
    if (message.subject.empty() || message.subject.size() > kMaxSubjectBytes || hasLineBreak(message.subject))
        throw invalidMessage("the subject must be one line of 1 to " + std::to_string(kMaxSubjectBytes) + " bytes");
    if (message.body.size() > kMaxBodyBytes)
        throw invalidMessage("the body is larger than " + std::to_string(kMaxBodyBytes) + " bytes");
    if (message.reference.size() > 200 || hasLineBreak(message.reference))
        throw invalidMessage("the reference must be one line of at most 200 bytes");
}

template <typename T>
T valueOr(const nlohmann::json& json, const char* key, T fallback)
{
    if (!json.contains(key))
        return fallback;
    try {
        return json.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(ErrorCode::invalid_argument, "error.invalid_setting",
            "the SMTP setting '" + std::string(key) + "' has the wrong type: " + json.at(key).dump(), {{"key", key}});
    }
}

} // namespace

SmtpSettings SmtpSettings::fromJson(const nlohmann::json& json)
{
    if (!json.is_object())
        throw Error(ErrorCode::invalid_argument, "error.invalid_setting", "the SMTP settings must be a JSON object");
    SmtpSettings settings;
    settings.enabled = valueOr(json, "enabled", settings.enabled);
    settings.host = valueOr(json, "host", settings.host);
    const int port = valueOr(json, "port", static_cast<int>(settings.port));
    settings.sender = valueOr(json, "sender", settings.sender);
    settings.heloName = valueOr(json, "helo_name", settings.heloName);
    settings.timeout = std::chrono::seconds(valueOr(json, "timeout_seconds", 30));
    settings.maxAttempts = valueOr(json, "max_attempts", settings.maxAttempts);
    settings.firstRetryDelay = std::chrono::seconds(valueOr(json, "first_retry_seconds", 60));
    settings.maxQueued = valueOr(json, "max_queued", settings.maxQueued);

    if (port < 1 || port > 65535)
        throw Error(ErrorCode::invalid_argument, "error.invalid_setting",
            "the SMTP port " + std::to_string(port) + " is outside 1 to 65535", {{"key", "port"}});
    settings.port = static_cast<std::uint16_t>(port);
    if (settings.maxAttempts < 1 || settings.maxAttempts > 100)
        throw Error(ErrorCode::invalid_argument, "error.invalid_setting",
            "max_attempts must be 1 to 100, not " + std::to_string(settings.maxAttempts), {{"key", "max_attempts"}});
    if (settings.enabled && (settings.host.empty() || !isPlausibleAddress(settings.sender)))
        throw Error(ErrorCode::invalid_argument, "error.invalid_setting",
            "e-mail is enabled but 'host' is empty or 'sender' is not an address; set both or disable e-mail");
    if (settings.heloName.empty() || hasLineBreak(settings.heloName) || settings.heloName.size() > 255)
        throw Error(ErrorCode::invalid_argument, "error.invalid_setting", "helo_name must be one line of 1 to 255 bytes");
    return settings;
}

EmailNotifier::EmailNotifier(SmtpSettings settings, MailSpool* spool)
    : settings_(std::move(settings))
    , spool_(spool)
{
    if (!settings_.enabled) {
        logger("notify").information("e-mail notifications are off");
        return;
    }
    if (spool_) {
        for (auto& [sequence, message] : spool_->pending())
            queue_.push_back(Pending{std::move(message), 0, std::chrono::steady_clock::now(), sequence});
        if (!queue_.empty())
            logger("notify").information("queued %z e-mail messages stored by an earlier run", queue_.size());
    }
    worker_ = std::thread([this] { run(); });
    logger("notify").information("e-mail notifications go through %s:%hu", settings_.host, settings_.port);
}

EmailNotifier::~EmailNotifier()
{
    stop();
}

bool EmailNotifier::send(EmailMessage message)
{
    checkMessage(message);
    if (!settings_.enabled)
        return false;
    std::lock_guard lock(mutex_);
    if (stopping_)
        return false;
    if (queue_.size() >= settings_.maxQueued) {
        ++stats_.dropped;
        // One warning per hundred drops keeps a burst from filling the log.
        if (stats_.dropped % 100 == 1)
            logger("notify").warning("e-mail queue full (%z messages); dropped %Lu so far",
                settings_.maxQueued, static_cast<unsigned long long>(stats_.dropped));
        return false;
    }
    Pending pending{std::move(message), 0, std::chrono::steady_clock::now()};
    if (spool_) {
        try {
            pending.spooled = spool_->add(pending.message);
        } catch (const Error& error) {
            // A full disk must not fail the step that sends the message, so
            // it is still sent from memory.
            logger("notify").error("could not store the e-mail about %s; it is kept in memory only: %s",
                pending.message.reference, std::string(error.what()));
        }
    }
    queue_.push_back(std::move(pending));
    changed_.notify_all();
    return true;
}

bool EmailNotifier::waitUntilIdle(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return queue_.empty() && !sending_; });
}

void EmailNotifier::stop()
{
    {
        std::lock_guard lock(mutex_);
        if (stopping_)
            return;
        stopping_ = true;
        changed_.notify_all();
    }
    if (worker_.joinable())
        worker_.join();
    std::lock_guard lock(mutex_);
    if (!queue_.empty())
        logger("notify").warning(spool_ ? "stopped with %z e-mail messages unsent; they are sent after the next start"
                                        : "stopped with %z e-mail messages unsent",
            queue_.size());
}

std::size_t EmailNotifier::forgetRecipient(const std::string& address)
{
    std::lock_guard lock(mutex_);
    const std::size_t before = queue_.size();
    std::erase_if(queue_, [&](const Pending& pending) { return Poco::icompare(pending.message.to, address) == 0; });
    std::size_t forgotten = before - queue_.size();
    if (spool_) {
        // Messages of the spool that this run did not queue (sending off) go too.
        const std::size_t stored = spool_->removeAddressedTo(address);
        forgotten = std::max(forgotten, stored);
    }
    changed_.notify_all();
    return forgotten;
}

void EmailNotifier::unspool(const Pending& pending)
{
    if (!spool_ || pending.spooled == 0)
        return;
    try {
        spool_->remove(pending.spooled);
    } catch (const Error& error) {
        logger("notify").error("could not remove the e-mail about %s from the spool: %s", pending.message.reference,
            std::string(error.what()));
    }
}

NotifierStats EmailNotifier::stats() const
{
    std::lock_guard lock(mutex_);
    NotifierStats stats = stats_;
    stats.queued = queue_.size() + (sending_ ? 1 : 0);
    return stats;
}

// Takes the earliest message that is due, sends it outside the lock, and
// settles its outcome.
void EmailNotifier::run()
{
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        const auto due = std::min_element(queue_.begin(), queue_.end(),
            [](const Pending& a, const Pending& b) { return a.notBefore < b.notBefore; });
        if (due == queue_.end()) {
            changed_.wait(lock);
            continue;
        }
        if (due->notBefore > std::chrono::steady_clock::now()) {
            changed_.wait_until(lock, due->notBefore);
            continue;
        }
        Pending pending = std::move(*due);
        queue_.erase(due);
        sending_ = true;
        lock.unlock();

        ++pending.attempts;
        std::string failure;
        try {
            deliver(pending.message);
        } catch (const Poco::Exception& error) {
            // The text of an SMTP error can quote the recipient, so only its
            // class and code are logged.
            failure = std::string(error.className()) + " (code " + std::to_string(error.code()) + ")";
        } catch (const std::exception& error) {
            failure = "std::exception";
        }

        lock.lock();
        sending_ = false;
        settle(std::move(pending), failure.empty(), failure);
        changed_.notify_all();
    }
}

void EmailNotifier::settle(Pending pending, bool delivered, const std::string& failure)
{
    const std::string& reference = pending.message.reference;
    if (delivered) {
        ++stats_.sent;
        logger("notify").information("sent e-mail about %s (attempt %d)", reference, pending.attempts);
        unspool(pending);
        return;
    }
    if (pending.attempts >= settings_.maxAttempts) {
        ++stats_.failed;
        logger("notify").error("gave up on e-mail about %s after %d attempts: %s", reference, pending.attempts, failure);
        unspool(pending);
        return;
    }
    ++stats_.retried;
    const auto delay = settings_.firstRetryDelay * (1 << std::min(pending.attempts - 1, 16));
    logger("notify").warning("e-mail about %s failed (attempt %d of %d): %s; retrying in %Ld ms", reference,
        pending.attempts, settings_.maxAttempts, failure, static_cast<long long>(delay.count()));
    pending.notBefore = std::chrono::steady_clock::now() + delay;
    queue_.push_back(std::move(pending));
}

void EmailNotifier::deliver(const EmailMessage& message) const
{
    Poco::Net::MailMessage mail;
    mail.setSender(settings_.sender);
    mail.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, message.to));
    mail.setSubject(encodeHeaderText(message.subject));
    mail.setContentType("text/plain; charset=UTF-8");
    mail.setContent(message.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);

    const Poco::Timespan timeout(std::chrono::duration_cast<std::chrono::microseconds>(settings_.timeout).count());
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(settings_.host, settings_.port), timeout);
    Poco::Net::SMTPClientSession session(socket);
    session.setTimeout(timeout);
    session.login(settings_.heloName);
    session.sendMessage(mail);
    session.close();
}

} // namespace majlis::notify
