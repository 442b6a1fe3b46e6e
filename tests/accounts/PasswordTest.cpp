#include "accounts/Password.h"
#include "core/Error.h"

#include <boost/test/unit_test.hpp>

using namespace majlis;
using namespace majlis::accounts;

namespace {

std::string ruleBroken(const std::string& username, const std::string& password)
{
    try {
        checkPasswordRules(username, password);
    } catch (const Error& error) {
        BOOST_TEST(error.code() == ErrorCode::invalid_argument);
        return error.messageId();
    }
    return "";
}

} // namespace

BOOST_AUTO_TEST_SUITE(password_rules)

BOOST_AUTO_TEST_CASE(accepts_good_passwords)
{
    BOOST_TEST(ruleBroken("alice", "river-Stone-42") == "");
    BOOST_TEST(ruleBroken("alice", "correct horse battery") == ""); // letters and spaces
    // An Arabic passphrase with Arabic-Indic digits: counted in characters, not bytes.
    BOOST_TEST(ruleBroken("alice", "نخلة الرياض ٢٠٢٦") == "");
}

BOOST_AUTO_TEST_CASE(refuses_short_passwords_counting_characters)
{
    BOOST_TEST(ruleBroken("alice", "Short-1") == "error.password_too_short");
    // Eleven Arabic letters and a digit are 23 bytes but 11 characters.
    BOOST_TEST(ruleBroken("alice", "مجلسبلدي٣٤") == "error.password_too_short");
    BOOST_TEST(ruleBroken("alice", std::string(129, 'a') + "1") == "error.password_too_long");
}

BOOST_AUTO_TEST_CASE(refuses_the_user_name_in_any_case)
{
    BOOST_TEST(ruleBroken("secretary.a", "my-SECRETARY.A-2026") == "error.password_contains_username");
}

BOOST_AUTO_TEST_CASE(refuses_one_class_and_repetition)
{
    BOOST_TEST(ruleBroken("alice", "abcdefghijklmn") == "error.password_one_class");
    BOOST_TEST(ruleBroken("alice", "12345678901234") == "error.password_one_class");
    BOOST_TEST(ruleBroken("alice", "كلمةالمرورطويلة") == "error.password_one_class");
    BOOST_TEST(ruleBroken("alice", "aaaaaaaa1111") == "error.password_repetitive");
}

BOOST_AUTO_TEST_CASE(refuses_control_characters)
{
    BOOST_TEST(ruleBroken("alice", "river-Stone-42\n") == "error.control_character");
}

BOOST_AUTO_TEST_CASE(hash_verifies_only_the_same_password)
{
    const std::string hash = hashPassword("river-Stone-42");
    BOOST_TEST(hash.starts_with("$argon2id$"));
    BOOST_TEST(verifyPassword("river-Stone-42", hash));
    BOOST_TEST(!verifyPassword("river-Stone-43", hash));
    BOOST_TEST(!verifyPassword("river-Stone-42", ""));
}

BOOST_AUTO_TEST_CASE(generated_passwords_meet_the_rules)
{
    for (int i = 0; i < 20; ++i) {
        const std::string password = generatePassword();
        BOOST_TEST(password.size() == 20u);
        BOOST_TEST(ruleBroken("admin", password) == "");
    }
}

BOOST_AUTO_TEST_SUITE_END()
