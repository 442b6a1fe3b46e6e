#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace majlis::workflow {

// Tracking codes that citizens receive for a submission and type back to
// follow it, such as "K7QM-WX4R-D92C". Eleven symbols come from a CSPRNG
// (55 bits) and a twelfth is a Luhn mod 32 check symbol, so any single
// mistyped symbol and most swaps of neighbours are rejected as malformed
// before any lookup. The alphabet leaves out 0, O, 1 and I.
class TrackingCode {
public:
    static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static constexpr std::size_t kRandomSymbols = 11;
    static constexpr std::size_t kLength = kRandomSymbols + 1;

    // A new code in canonical form (12 symbols, no separators), from
    // OpenSSL's RAND_bytes. Throws `internal` when the generator fails.
    static std::string generate();

    // The canonical form of what a user typed: upper case, without spaces
    // or hyphens, at most 64 input bytes; nothing when the length, a
    // symbol or the check symbol is wrong.
    static std::optional<std::string> normalize(std::string_view typed);

    // Groups of four symbols joined by hyphens, for showing to users.
    static std::string display(std::string_view canonical);

    // The Luhn mod N check symbol of `payload` (symbols of kAlphabet).
    static char checkSymbol(std::string_view payload);
};

} // namespace majlis::workflow
