#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace majlis::web {

struct ChallengeOptions {
    // Leading zero bits the SHA-256 of "NONCE:SOLUTION" needs: about
    // 2^bits hashes for the browser, one for the server.
    int difficultyBits = 16;
    std::chrono::seconds lifetime{900};
    // Unix seconds now; tests move it forward.
    std::function<std::int64_t()> now;
};

// A challenge as issued: the token the form sends back, the proof-of-work
// puzzle for portal.js and the arithmetic question for browsers without
// JavaScript. The answer is not in the token, only an HMAC of it.
struct Challenge {
    std::string token;
    std::string nonce;
    int difficultyBits = 0;
    int left = 0;  // the question is "left + right"
    int right = 0;
    std::int64_t expires = 0; // Unix seconds
};

// Challenges that a public form must pass, with no third-party service.
// A token is "NONCE.EXPIRES.BITS.ANSWER_TAG.MAC", signed with HMAC-SHA256
// under a key drawn at start, so the server keeps no state per issued
// challenge and a restart invalidates every token. A token is accepted with
// either a proof-of-work solution (a decimal counter, found by portal.js)
// or the answer of its arithmetic question, once: the nonces of spent tokens
// are kept until the tokens expire.
class SubmissionChallenge {
public:
    explicit SubmissionChallenge(ChallengeOptions options = {});

    Challenge issue();

    // Spends `token` and checks `solution` or else `answer`. Throws
    // invalid_argument for a missing (error.challenge_missing) or malformed
    // token (error.challenge_malformed), and forbidden for a token this
    // server did not sign (error.challenge_invalid), an expired one
    // (error.challenge_expired), one used before (error.challenge_used) and
    // a wrong solution and answer (error.challenge_failed).
    void verify(const std::string& token, const std::string& solution, const std::string& answer);

    // Whether SHA-256("NONCE:SOLUTION") starts with `bits` zero bits.
    static bool solves(const std::string& nonce, const std::string& solution, int bits);

private:
    std::string answerTag(const std::string& nonce, int answer) const;
    std::string sign(const std::string& payload) const;
    void spend(const std::string& nonce, std::int64_t expires, std::int64_t now);

    ChallengeOptions options_;
    std::string key_;
    std::mutex mutex_;
    std::map<std::string, std::int64_t> spent_;          // nonce -> expiry
    std::multimap<std::int64_t, std::string> spentByExpiry_;
};

} // namespace majlis::web
