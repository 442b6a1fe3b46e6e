#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace majlis::web {

// Limits of the public e-services, per client address and per submission.
struct CitizenLimits {
    std::size_t submissionsPerWindow = 10; // rejected attempts count too
    std::chrono::seconds submissionWindow{3600};
    std::size_t lookupsPerWindow = 60; // tracking lookups, API and page together
    std::chrono::seconds lookupWindow{600};
    std::size_t challengesPerWindow = 60;
    std::chrono::seconds challengeWindow{600};
    // Characters (Unicode code points), as a citizen counts them and as the
    // form's maxlength counts Arabic letters; at most 4 bytes each in UTF-8.
    std::size_t minTextCharacters = 10;
    std::size_t maxTextCharacters = 20000;
    std::size_t maxAttachments = 5;
    std::uint64_t maxAttachmentBytes = std::uint64_t(10) << 20; // each
    std::uint64_t maxBodyBytes = std::uint64_t(55) << 20;       // the whole request
    int challengeBits = 16; // about 65,000 hashes: a second or so for portal.js
};

} // namespace majlis::web
