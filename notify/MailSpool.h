#pragma once

#include "notify/EmailNotifier.h"
#include "records/Lmdb.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace majlis::notify {

// The messages an EmailNotifier has accepted and not yet sent or given up
// on, kept in the named LMDB database "mail_spool" of the record store's
// environment so that a restart or crash does not lose them:
//
//   SEQUENCE (8 bytes, big-endian) -> JSON {"to", "subject", "body", "reference"}
//
// The retry count is not kept, so a message restarts its attempts after a
// restart.
class MailSpool {
public:
    explicit MailSpool(records::LmdbEnvironment& environment);

    // Stores a message and returns its sequence number.
    std::uint64_t add(const EmailMessage& message);
    void remove(std::uint64_t sequence);

    // Every stored message, oldest first.
    std::vector<std::pair<std::uint64_t, EmailMessage>> pending() const;

    // Deletes every message to `address` (compared without case) and returns
    // how many there were, for the erasure of a citizen's details.
    std::size_t removeAddressedTo(const std::string& address);

private:
    records::LmdbEnvironment& environment_;
    MDB_dbi database_;
};

} // namespace majlis::notify
