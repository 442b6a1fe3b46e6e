#include "web/SubmissionChallenge.h"

#include "accounts/Password.h"
#include "core/Error.h"
#include "core/Sha256.h"
#include "core/Utf8.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <sstream>
#include <vector>

namespace majlis::web {

namespace {

constexpr std::size_t kNonceBytes = 16;
constexpr std::size_t kAnswerTagHexDigits = 16;
constexpr std::size_t kMaxSolutionDigits = 20;

std::string toHex(std::string_view bytes)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (const unsigned char byte : bytes) {
        hex.push_back(kDigits[byte >> 4]);
        hex.push_back(kDigits[byte & 0xf]);
    }
    return hex;
}

// A number in [low, high] from the CSPRNG; the slight bias of the modulo
// does not matter for a question shown in clear.
int randomBetween(int low, int high)
{
    const unsigned value = static_cast<unsigned>(std::stoul(accounts::randomHex(2), nullptr, 16));
    return low + static_cast<int>(value % static_cast<unsigned>(high - low + 1));
}

std::int64_t unixNow()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool isDecimal(std::string_view text, std::size_t maxDigits)
{
    return !text.empty() && text.size() <= maxDigits
        && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::vector<std::string> splitDots(const std::string& text)
{
    std::vector<std::string> parts;
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, '.');)
        parts.push_back(part);
    return parts;
}

int leadingZeroBits(const std::string& hexDigest)
{
    int bits = 0;
    for (const char c : hexDigest) {
        const int nibble = c <= '9' ? c - '0' : c - 'a' + 10;
        if (nibble == 0) {
            bits += 4;
            continue;
        }
        for (int mask = 8; (nibble & mask) == 0; mask >>= 1)
            ++bits;
        break;
    }
    return bits;
}

Error malformed()
{
    return Error(ErrorCode::invalid_argument, "error.challenge_malformed",
        "the challenge token is malformed; fetch a new one from GET /api/v1/challenge or reload the form");
}

} // namespace

SubmissionChallenge::SubmissionChallenge(ChallengeOptions options)
    : options_(std::move(options))
    , key_(accounts::randomHex(32))
{
    if (!options_.now)
        options_.now = unixNow;
}

std::string SubmissionChallenge::sign(const std::string& payload) const
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
            reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), digest, &length))
        throw Error(ErrorCode::internal, "error.internal", "OpenSSL HMAC failed");
    return toHex(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string SubmissionChallenge::answerTag(const std::string& nonce, int answer) const
{
    return sign("answer:" + nonce + ":" + std::to_string(answer)).substr(0, kAnswerTagHexDigits);
}

Challenge SubmissionChallenge::issue()
{
    Challenge challenge;
    challenge.nonce = accounts::randomHex(kNonceBytes);
    challenge.difficultyBits = options_.difficultyBits;
    challenge.left = randomBetween(11, 59);
    challenge.right = randomBetween(2, 29);
    challenge.expires = options_.now() + options_.lifetime.count();
    const std::string payload = challenge.nonce + "." + std::to_string(challenge.expires) + "."
        + std::to_string(challenge.difficultyBits) + "." + answerTag(challenge.nonce, challenge.left + challenge.right);
    challenge.token = payload + "." + sign(payload);
    return challenge;
}

bool SubmissionChallenge::solves(const std::string& nonce, const std::string& solution, int bits)
{
    return isDecimal(solution, kMaxSolutionDigits) && leadingZeroBits(Sha256::hex(nonce + ":" + solution)) >= bits;
}

void SubmissionChallenge::spend(const std::string& nonce, std::int64_t expires, std::int64_t now)
{
    std::lock_guard lock(mutex_);
    while (!spentByExpiry_.empty() && spentByExpiry_.begin()->first < now) {
        spent_.erase(spentByExpiry_.begin()->second);
        spentByExpiry_.erase(spentByExpiry_.begin());
    }
    if (!spent_.emplace(nonce, expires).second)
        throw Error(ErrorCode::forbidden, "error.challenge_used",
            "this challenge was used already; reload the form or fetch a new one from GET /api/v1/challenge");
    spentByExpiry_.emplace(expires, nonce);
}

void SubmissionChallenge::verify(const std::string& token, const std::string& solution, const std::string& answer)
{
    if (token.empty())
        throw Error(ErrorCode::invalid_argument, "error.challenge_missing",
            "the challenge is missing; fetch one from GET /api/v1/challenge and send challenge_token with "
            "challenge_solution or challenge_answer");
    const std::vector<std::string> parts = splitDots(token);
    if (token.size() > 256 || parts.size() != 5 || parts[0].size() != 2 * kNonceBytes || !isDecimal(parts[1], 19)
        || !isDecimal(parts[2], 2))
        throw malformed();
    const std::string payload = token.substr(0, token.rfind('.'));
    if (!accounts::secretsEqual(sign(payload), parts[4]))
        throw Error(ErrorCode::forbidden, "error.challenge_invalid",
            "the challenge token was not issued by this server, or the server restarted since; reload the form");
    const std::string& nonce = parts[0];
    const std::int64_t expires = std::stoll(parts[1]);
    const int bits = std::stoi(parts[2]);
    const std::int64_t now = options_.now();
    if (expires < now)
        throw Error(ErrorCode::forbidden, "error.challenge_expired",
            "the challenge expired; reload the form or fetch a new one from GET /api/v1/challenge");
    spend(nonce, expires, now);

    if (solves(nonce, solution, bits))
        return;
    const std::string typed = foldDigitsToAscii(trimWhitespace(answer));
    if (isDecimal(typed, 4) && accounts::secretsEqual(answerTag(nonce, std::stoi(typed)), parts[3]))
        return;
    throw Error(ErrorCode::forbidden, "error.challenge_failed",
        "the answer to the question is wrong; reload the form and answer the new question");
}

} // namespace majlis::web
