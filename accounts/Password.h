#pragma once

#include <cstddef>
#include <string>

namespace majlis::accounts {

// Argon2id through libargon2: 3 passes over 64 MiB, one lane, 16-byte random
// salt, 32-byte hash, in the PHC string format ($argon2id$v=19$…).
std::string hashPassword(const std::string& password);
bool verifyPassword(const std::string& password, const std::string& encodedHash);

// A random password of 20 characters without look-alikes (no 0/O, 1/l/I),
// about 115 bits: what first start and password resets hand out once.
std::string generatePassword();

// The password rules, checked when a password is set (never at sign-in).
// Throws invalid_argument with one of the catalogue keys
//   error.password_too_short          fewer than kMinPasswordLength characters
//   error.password_too_long           more than kMaxPasswordLength characters
//   error.password_contains_username  contains the user name, in any letter case
//   error.password_one_class          letters only, digits only or symbols only
//   error.password_repetitive         fewer than 5 different characters
//   error.invalid_utf8, error.control_character  not UTF-8, or has control characters
// Characters are Unicode code points, so an Arabic passphrase counts by
// letters, not bytes; Arabic-Indic digits count as digits.
void checkPasswordRules(const std::string& username, const std::string& password);

inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 128;

// `count` bytes from OpenSSL's CSPRNG as lower-case hex.
std::string randomHex(std::size_t count);

// Compares two secrets in time that does not depend on where they differ.
bool secretsEqual(const std::string& a, const std::string& b);

} // namespace majlis::accounts
