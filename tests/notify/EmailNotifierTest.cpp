#include "core/Error.h"
#include "core/Utf8.h"
#include "notify/EmailNotifier.h"
#include "notify/HeaderEncoding.h"
#include "notify/MailSpool.h"
#include "records/Lmdb.h"
#include "tests/support/TempDir.h"
#include "tests/support/SmtpSink.h"

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MessageHeader.h>

#include <boost/test/unit_test.hpp>

#include <sstream>
#include <thread>

using namespace majlis;
using namespace majlis::notify;
using namespace std::chrono_literals;

namespace {

SmtpSettings sinkSettings(const test::SmtpSink& sink)
{
    SmtpSettings settings;
    settings.enabled = true;
    settings.host = "127.0.0.1";
    settings.port = sink.port();
    settings.sender = "no-reply@majlis.test";
    settings.timeout = 5s;
    settings.firstRetryDelay = 50ms;
    return settings;
}

// Long enough to need several encoded-words, which must not split a letter.
const std::string kArabicSubject = "ردّ المجلس البلدي بمدينة الرياض على شكواك المقدمة بشأن الإنارة، رمز التتبع K7QM-WX4R-D92C";

EmailMessage arabicMessage()
{
    return EmailMessage{"citizen@example.test", kArabicSubject,
        "السلام عليكم،\nردّ المجلس البلدي على شكواك. تابعها برمز التتبع.\n.\nسطر يبدأ بنقطة.", "R00000001"};
}

// Reads the message as a mail reader does, decoding the body.
void parse(const std::string& data, Poco::Net::MailMessage& mail)
{
    std::istringstream in(data);
    mail.read(in);
}

// Decodes each RFC 2047 encoded-word on its own, as a strict mail reader
// does, and joins them. The white space between encoded-words is folding.
std::string decodeEncodedWords(const std::string& value)
{
    std::istringstream words(value);
    std::string decoded;
    for (std::string word; words >> word;) {
        BOOST_TEST(word.starts_with("=?UTF-8?B?"), word);
        BOOST_TEST(word.size() <= 75u, word);
        const std::string piece = Poco::Net::MessageHeader::decodeWord(word);
        BOOST_TEST(isValidUtf8(piece), "encoded-word " << word << " splits a character");
        decoded += piece;
    }
    return decoded;
}

// The raw value of the Subject header, its folded lines joined by spaces.
std::string rawSubject(const std::string& data)
{
    std::istringstream lines(data);
    std::string value;
    bool inSubject = false;
    for (std::string line; std::getline(lines, line) && !line.empty() && line != "\r";) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.starts_with("Subject: ")) {
            inSubject = true;
            value = line.substr(9);
        } else if (inSubject && (line.starts_with(" ") || line.starts_with("\t"))) {
            value += line;
        } else {
            inSubject = false;
        }
    }
    return value;
}

std::string withoutCarriageReturns(std::string text)
{
    std::erase(text, '\r');
    return text;
}

} // namespace

BOOST_AUTO_TEST_SUITE(email_notifier)

BOOST_AUTO_TEST_CASE(header_encoding_keeps_letters_whole)
{
    BOOST_TEST(encodeHeaderText("Reply to R00000001") == "Reply to R00000001");
    const std::vector<std::string> cases = {kArabicSubject, "ر", std::string(200, 'a') + "ب", "😀 emoji 𝔸 and Arabic ـــ تطويل"};
    for (const std::string& text : cases) {
        const std::string encoded = encodeHeaderText(text);
        for (const unsigned char c : encoded)
            BOOST_TEST_REQUIRE(c < 0x80);
        BOOST_TEST(decodeEncodedWords(encoded) == text);
    }
}

BOOST_AUTO_TEST_CASE(delivers_arabic_subject_and_body_to_sink)
{
    test::SmtpSink sink;
    EmailNotifier notifier(sinkSettings(sink));
    BOOST_TEST(notifier.send(arabicMessage()));
    const auto received = sink.waitForMessages(1, 10s);
    BOOST_REQUIRE(received.size() == 1u);

    const test::ReceivedMail& mail = received[0];
    BOOST_TEST(mail.helo == "majlis");
    BOOST_TEST(mail.from == "no-reply@majlis.test");
    BOOST_TEST(mail.recipients == std::vector<std::string>{"citizen@example.test"});
    for (const unsigned char c : mail.data)
        BOOST_TEST_REQUIRE(c < 0x80, "a raw byte above 0x7F in the message"); // RFC 2047 and quoted-printable keep it ASCII
    BOOST_TEST(mail.data.find("Subject: =?UTF-8?B?") != std::string::npos);

    Poco::Net::MailMessage parsed;
    parse(mail.data, parsed);
    BOOST_TEST(decodeEncodedWords(rawSubject(mail.data)) == kArabicSubject);
    // Mail lines end in CRLF on the wire, and the last line gets one too.
    BOOST_TEST(withoutCarriageReturns(parsed.getContent()) == arabicMessage().body + "\n");
    BOOST_TEST(parsed.getContentType().find("charset=UTF-8") != std::string::npos);

    BOOST_TEST(notifier.waitUntilIdle(5s));
    BOOST_TEST(notifier.stats().sent == 1u);
    BOOST_TEST(notifier.stats().queued == 0u);
}

BOOST_AUTO_TEST_CASE(temporary_failures_are_retried)
{
    test::SmtpSink sink;
    sink.refuseNext(2);
    EmailNotifier notifier(sinkSettings(sink));
    BOOST_TEST(notifier.send(arabicMessage()));
    BOOST_TEST(sink.waitForMessages(1, 10s).size() == 1u);
    BOOST_TEST(notifier.waitUntilIdle(5s));
    BOOST_TEST(sink.refused() == 2);
    BOOST_TEST(notifier.stats().retried == 2u);
    BOOST_TEST(notifier.stats().sent == 1u);
}

BOOST_AUTO_TEST_CASE(gives_up_after_max_attempts)
{
    test::SmtpSink sink;
    sink.refuseNext(100);
    SmtpSettings settings = sinkSettings(sink);
    settings.maxAttempts = 3;
    settings.firstRetryDelay = 10ms;
    EmailNotifier notifier(settings);
    notifier.send(arabicMessage());
    BOOST_TEST(notifier.waitUntilIdle(10s));
    BOOST_TEST(sink.refused() == 3);
    BOOST_TEST(notifier.stats().failed == 1u);
    BOOST_TEST(notifier.stats().sent == 0u);
}

BOOST_AUTO_TEST_CASE(slow_server_does_not_block_sender)
{
    test::SmtpSink sink;
    sink.setReplyDelay(300ms);
    EmailNotifier notifier(sinkSettings(sink));
    const auto before = std::chrono::steady_clock::now();
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(notifier.send(arabicMessage()));
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - before);
    BOOST_TEST(elapsed.count() < 100);
    BOOST_TEST(sink.waitForMessages(3, 30s).size() == 3u);
}

BOOST_AUTO_TEST_CASE(off_by_default_and_checks_messages)
{
    EmailNotifier off{SmtpSettings{}};
    BOOST_TEST(!off.enabled());
    BOOST_TEST(!off.send(arabicMessage()));

    test::SmtpSink sink;
    EmailNotifier notifier(sinkSettings(sink));
    const std::vector<EmailMessage> bad = {
        {"", "subject", "body", "R1"},
        {"no-at-sign", "subject", "body", "R1"},
        {"a@b.test\r\nRCPT TO:<x@y.test>", "subject", "body", "R1"},
        {"a@b.test", "", "body", "R1"},
        {"a@b.test", "line\r\nBcc: x@y.test", "body", "R1"},
        {"a@b.test", "subject", std::string((1 << 20) + 1, 'x'), "R1"},
    };
    for (const EmailMessage& message : bad)
        BOOST_CHECK_THROW(notifier.send(message), Error);
    BOOST_TEST(notifier.stats().queued == 0u);
}

BOOST_AUTO_TEST_CASE(settings_from_json)
{
    const auto settings = SmtpSettings::fromJson(nlohmann::json::parse(
        R"({"enabled": true, "host": "127.0.0.1", "port": 2525, "sender": "a@b.test", "max_attempts": 3})"));
    BOOST_TEST(settings.enabled);
    BOOST_TEST(settings.port == 2525);
    BOOST_TEST(settings.maxAttempts == 3);
    BOOST_TEST(!SmtpSettings::fromJson(nlohmann::json::object()).enabled);
    BOOST_CHECK_THROW(SmtpSettings::fromJson(nlohmann::json::parse(R"({"port": 70000})")), Error);
    BOOST_CHECK_THROW(SmtpSettings::fromJson(nlohmann::json::parse(R"({"port": "25"})")), Error);
    BOOST_CHECK_THROW(SmtpSettings::fromJson(nlohmann::json::parse(R"({"enabled": true, "host": ""})")), Error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(mail_spool)

namespace {

// Settings under which every attempt fails and the next one waits an hour,
// so a message stays queued for the whole test.
SmtpSettings stalledSettings(const test::SmtpSink& sink)
{
    SmtpSettings settings = sinkSettings(sink);
    settings.maxAttempts = 10;
    settings.firstRetryDelay = 1h;
    return settings;
}

EmailMessage messageTo(const std::string& address, const std::string& reference)
{
    return EmailMessage{address, "تأكيد استلام الشكوى", "وصلت شكواك.", reference};
}

// A spool in a fresh LMDB environment and a sink that refuses every message.
struct SpoolFixture {
    test::TempDir dir;
    records::LmdbEnvironment environment{dir.path(), {}};
    MailSpool spool{environment};
    test::SmtpSink sink;

    SpoolFixture() { sink.refuseNext(1000); }
};

} // namespace

BOOST_FIXTURE_TEST_CASE(queued_message_survives_restart, SpoolFixture)
{
    {
        EmailNotifier notifier(stalledSettings(sink), &spool);
        BOOST_TEST(notifier.send(messageTo("citizen@example.test", "R00000007")));
        for (int i = 0; i < 100 && sink.refused() == 0; ++i)
            std::this_thread::sleep_for(20ms);
        BOOST_TEST(sink.refused() >= 1);
    }
    BOOST_TEST_REQUIRE(spool.pending().size() == 1u);
    BOOST_TEST(spool.pending()[0].second.reference == "R00000007");

    sink.refuseNext(0);
    EmailNotifier restarted(sinkSettings(sink), &spool);
    BOOST_TEST(sink.waitForMessages(1, 10s).size() == 1u);
    BOOST_TEST(restarted.waitUntilIdle(10s));
    BOOST_TEST(spool.pending().empty());
}

BOOST_FIXTURE_TEST_CASE(forget_recipient_drops_queue_and_spool, SpoolFixture)
{
    EmailNotifier notifier(stalledSettings(sink), &spool);
    BOOST_TEST(notifier.send(messageTo("first@example.test", "R00000001")));
    BOOST_TEST(notifier.send(messageTo("second@example.test", "R00000002")));
    BOOST_TEST(notifier.send(messageTo("First@Example.test", "R00000003")));

    BOOST_TEST(notifier.forgetRecipient("FIRST@example.test") == 2u);
    const auto left = spool.pending();
    BOOST_TEST_REQUIRE(left.size() == 1u);
    BOOST_TEST(left[0].second.to == "second@example.test");
}

BOOST_AUTO_TEST_SUITE_END()
