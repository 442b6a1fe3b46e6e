#include "notify/MailSpool.h"

#include <Poco/String.h>

#include <nlohmann/json.hpp>

namespace majlis::notify {

namespace {

std::string encodeMessage(const EmailMessage& message)
{
    return nlohmann::json{{"to", message.to}, {"subject", message.subject}, {"body", message.body},
        {"reference", message.reference}}
        .dump();
}

EmailMessage decodeMessage(std::string_view text)
{
    const nlohmann::json json = nlohmann::json::parse(text);
    return EmailMessage{json.at("to"), json.at("subject"), json.at("body"), json.value("reference", "")};
}

} // namespace

MailSpool::MailSpool(records::LmdbEnvironment& environment)
    : environment_(environment)
    , database_(environment.openDatabase("mail_spool"))
{
}

std::uint64_t MailSpool::add(const EmailMessage& message)
{
    std::uint64_t sequence = 0;
    const std::string value = encodeMessage(message);
    environment_.write([&](records::LmdbTransaction& txn) {
        const auto last = txn.last(database_);
        sequence = last ? records::decodeBigEndian64(last->first) + 1 : 1;
        txn.put(database_, records::encodeBigEndian64(sequence), value);
    });
    return sequence;
}

void MailSpool::remove(std::uint64_t sequence)
{
    environment_.write(
        [&](records::LmdbTransaction& txn) { txn.erase(database_, records::encodeBigEndian64(sequence)); });
}

std::vector<std::pair<std::uint64_t, EmailMessage>> MailSpool::pending() const
{
    std::vector<std::pair<std::uint64_t, EmailMessage>> messages;
    environment_.read([&](records::LmdbTransaction& txn) {
        txn.scan(database_, "", [&](std::string_view key, std::string_view value) {
            messages.emplace_back(records::decodeBigEndian64(key), decodeMessage(value));
            return true;
        });
    });
    return messages;
}

std::size_t MailSpool::removeAddressedTo(const std::string& address)
{
    std::size_t removed = 0;
    environment_.write([&](records::LmdbTransaction& txn) {
        removed = 0;
        std::vector<std::string> keys;
        txn.scan(database_, "", [&](std::string_view key, std::string_view value) {
            if (Poco::icompare(decodeMessage(value).to, address) == 0)
                keys.emplace_back(key);
            return true;
        });
        for (const std::string& key : keys)
            removed += txn.erase(database_, key) ? 1 : 0;
    });
    return removed;
}

} // namespace majlis::notify
