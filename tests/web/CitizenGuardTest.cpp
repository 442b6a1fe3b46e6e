// The abuse limits of the public e-services on their own: the per-address
// rate limiter and the signed, one-time submission challenge.

#include "core/Error.h"
#include "web/RateLimiter.h"
#include "web/SubmissionChallenge.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;
using namespace majlis::web;
using namespace std::chrono_literals;

namespace {

std::string messageIdOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const Error& error) {
        return error.messageId();
    }
    return "no error";
}

ErrorCode codeOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const Error& error) {
        return error.code();
    }
    return ErrorCode::internal;
}

std::string solve(const Challenge& challenge)
{
    for (std::uint64_t counter = 0;; ++counter)
        if (SubmissionChallenge::solves(challenge.nonce, std::to_string(counter), challenge.difficultyBits))
            return std::to_string(counter);
}

struct ChallengeFixture {
    std::int64_t now = 1'800'000'000;
    SubmissionChallenge challenges{ChallengeOptions{.difficultyBits = 8, .lifetime = 600s, .now = [this] { return now; }}};
};

} // namespace

BOOST_AUTO_TEST_SUITE(rate_limiter)

BOOST_AUTO_TEST_CASE(limit_per_address_with_retry_after)
{
    RateLimiter limiter(3, 60s);
    const auto start = RateLimiter::Clock::now();
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(!limiter.admit("192.0.2.1", start + std::chrono::seconds(i)).has_value());
    const auto wait = limiter.admit("192.0.2.1", start + 10s);
    BOOST_REQUIRE(wait.has_value());
    BOOST_TEST(wait->count() == 50); // the first request leaves the window at start + 60 s
    BOOST_TEST(!limiter.admit("192.0.2.2", start + 10s).has_value()); // another address
    BOOST_TEST(!limiter.admit("192.0.2.1", start + 60s).has_value()); // the first has expired
}

BOOST_AUTO_TEST_CASE(address_table_bounded)
{
    RateLimiter limiter(1, 60s, 2);
    const auto start = RateLimiter::Clock::now();
    BOOST_TEST(!limiter.admit("a", start).has_value());
    BOOST_TEST(!limiter.admit("b", start).has_value());
    BOOST_TEST(limiter.admit("c", start).has_value());         // full: new addresses wait
    BOOST_TEST(!limiter.admit("c", start + 61s).has_value());  // old entries expired
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(submission_challenge)

BOOST_FIXTURE_TEST_CASE(solution_accepted_once, ChallengeFixture)
{
    const Challenge challenge = challenges.issue();
    const std::string solution = solve(challenge);
    BOOST_TEST(messageIdOf([&] { challenges.verify(challenge.token, solution, ""); }) == "no error");
    BOOST_TEST(messageIdOf([&] { challenges.verify(challenge.token, solution, ""); }) == "error.challenge_used");
}

BOOST_FIXTURE_TEST_CASE(arithmetic_answer_accepted, ChallengeFixture)
{
    const Challenge challenge = challenges.issue();
    const std::string answer = std::to_string(challenge.left + challenge.right);
    BOOST_TEST(messageIdOf([&] { challenges.verify(challenge.token, "", " " + answer + " "); }) == "no error");
}

BOOST_FIXTURE_TEST_CASE(arabic_indic_answer_accepted, ChallengeFixture)
{
    Challenge challenge = challenges.issue();
    const std::string digits[] = {"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"};
    std::string answer;
    for (const char c : std::to_string(challenge.left + challenge.right))
        answer += digits[c - '0'];
    BOOST_TEST(messageIdOf([&] { challenges.verify(challenge.token, "", answer); }) == "no error");
}

BOOST_FIXTURE_TEST_CASE(wrong_answers_rejected, ChallengeFixture)
{
    const Challenge challenge = challenges.issue();
    const std::string wrong = std::to_string(challenge.left + challenge.right + 1);
    BOOST_TEST(codeOf([&] { challenges.verify(challenge.token, "", wrong); }) == ErrorCode::forbidden);
    // The failed attempt spent the token: the right answer is too late.
    const std::string right = std::to_string(challenge.left + challenge.right);
    BOOST_TEST(messageIdOf([&] { challenges.verify(challenge.token, "", right); }) == "error.challenge_used");

    const Challenge second = challenges.issue();
    BOOST_TEST(messageIdOf([&] { challenges.verify(second.token, "", ""); }) == "error.challenge_failed");
    const Challenge third = challenges.issue();
    BOOST_TEST(messageIdOf([&] { challenges.verify(third.token, "not-a-number", ""); }) == "error.challenge_failed");
}

BOOST_FIXTURE_TEST_CASE(missing_malformed_forged_expired, ChallengeFixture)
{
    BOOST_TEST(messageIdOf([&] { challenges.verify("", "1", ""); }) == "error.challenge_missing");
    BOOST_TEST(codeOf([&] { challenges.verify("", "1", ""); }) == ErrorCode::invalid_argument);
    BOOST_TEST(messageIdOf([&] { challenges.verify("abc", "1", ""); }) == "error.challenge_malformed");

    // A token with a changed difficulty keeps its old MAC, which no longer matches.
    const Challenge challenge = challenges.issue();
    std::string forged = challenge.token;
    const auto bits = forged.find(".8.");
    BOOST_REQUIRE(bits != std::string::npos);
    forged.replace(bits, 3, ".1.");
    BOOST_TEST(messageIdOf([&] { challenges.verify(forged, "0", ""); }) == "error.challenge_invalid");

    // Another server (another key) did not issue it.
    SubmissionChallenge other(ChallengeOptions{.difficultyBits = 8, .lifetime = 600s, .now = [this] { return now; }});
    BOOST_TEST(messageIdOf([&] { other.verify(challenge.token, solve(challenge), ""); }) == "error.challenge_invalid");

    const Challenge expiring = challenges.issue();
    now += 601;
    BOOST_TEST(messageIdOf([&] { challenges.verify(expiring.token, solve(expiring), ""); }) == "error.challenge_expired");
}

BOOST_AUTO_TEST_SUITE_END()
