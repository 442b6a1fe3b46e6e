#include "workflow/TrackingCode.h"

#include "core/Error.h"

#include <openssl/rand.h>

#include <array>

namespace majlis::workflow {

namespace {

constexpr int kBase = static_cast<int>(TrackingCode::kAlphabet.size());
static_assert(kBase == 32, "one random byte gives one symbol without bias only for 32 symbols");

int symbolValue(char symbol)
{
    const auto at = TrackingCode::kAlphabet.find(symbol);
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

} // namespace

char TrackingCode::checkSymbol(std::string_view payload)
{
    // Luhn mod N: from the right, every second value is doubled and its
    // base-N digits summed. The check value brings the total to a multiple of N.
    int sum = 0;
    bool doubled = true;
    for (auto it = payload.rbegin(); it != payload.rend(); ++it) {
        int value = symbolValue(*it);
        if (doubled) {
            value *= 2;
            value = value / kBase + value % kBase;
        }
        sum += value;
        doubled = !doubled;
    }
    return kAlphabet[static_cast<std::size_t>((kBase - sum % kBase) % kBase)];
}

std::string TrackingCode::generate()
{
    std::array<unsigned char, kRandomSymbols> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw Error(ErrorCode::internal, "error.internal", "the random generator (OpenSSL RAND_bytes) failed");
    std::string code;
    for (const unsigned char byte : bytes)
        code += kAlphabet[byte % kBase]; // 256 is a multiple of 32, so every symbol is equally likely
    code += checkSymbol(code);
    return code;
}

std::optional<std::string> TrackingCode::normalize(std::string_view typed)
{
    if (typed.size() > 64)
        return std::nullopt;
    std::string code;
    for (const char c : typed) {
        if (c == '-' || c == ' ')
            continue;
        const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        if (symbolValue(upper) < 0)
            return std::nullopt;
        code += upper;
    }
    if (code.size() != kLength || checkSymbol(std::string_view(code).substr(0, kRandomSymbols)) != code.back())
        return std::nullopt;
    return code;
}

std::string TrackingCode::display(std::string_view canonical)
{
    std::string shown;
    for (std::size_t i = 0; i < canonical.size(); ++i) {
        if (i > 0 && i % 4 == 0)
            shown += '-';
        shown += canonical[i];
    }
    return shown;
}

} // namespace majlis::workflow
