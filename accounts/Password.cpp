#include "accounts/Password.h"

#include "core/Error.h"
#include "core/Utf8.h"

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

namespace majlis::accounts {

namespace {

constexpr std::uint32_t kTimeCost = 3;
constexpr std::uint32_t kMemoryKiB = 64 * 1024;
constexpr std::uint32_t kParallelism = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::string randomBytes(std::size_t count)
{
    std::string bytes(count, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1)
        throw Error(ErrorCode::internal, "error.internal", "OpenSSL RAND_bytes failed to produce random bytes");
    return bytes;
}

std::string asciiLower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

Error ruleError(const std::string& key, const std::string& message, Error::Params params = {})
{
    return Error(ErrorCode::invalid_argument, key, message, std::move(params));
}

} // namespace

std::string hashPassword(const std::string& password)
{
    const std::string salt = randomBytes(kSaltBytes);
    const std::size_t length = argon2_encodedlen(kTimeCost, kMemoryKiB, kParallelism, kSaltBytes, kHashBytes, Argon2_id);
    std::string encoded(length, '\0');
    const int status = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kParallelism, password.data(), password.size(),
        salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
    if (status != ARGON2_OK)
        throw Error(ErrorCode::internal, "error.internal",
            std::string("Argon2id hashing failed: ") + argon2_error_message(status));
    encoded.resize(encoded.find('\0'));
    return encoded;
}

bool verifyPassword(const std::string& password, const std::string& encodedHash)
{
    return !encodedHash.empty() && argon2id_verify(encodedHash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string generatePassword()
{
    // No 0/O or 1/l/I, so the printed password is easy to copy by hand.
    static constexpr std::string_view alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (;;) {
        std::string password;
        // 256 is not a multiple of 56, so bytes past the largest multiple are
        // skipped to keep every character equally likely.
        for (unsigned char byte : randomBytes(64)) {
            if (byte >= 224)
                continue;
            password.push_back(alphabet[byte % alphabet.size()]);
            if (password.size() == 20)
                break;
        }
        if (password.size() == 20 && std::any_of(password.begin(), password.end(), ::isdigit)
            && std::any_of(password.begin(), password.end(), ::isalpha))
            return password;
    }
}

void checkPasswordRules(const std::string& username, const std::string& password)
{
    requireCleanText("password", password);
    std::vector<char32_t> characters;
    for (std::size_t position = 0; position < password.size();)
        characters.push_back(decodeUtf8(password, position));

    const std::string min = std::to_string(kMinPasswordLength);
    const std::string max = std::to_string(kMaxPasswordLength);
    if (characters.size() < kMinPasswordLength)
        throw ruleError("error.password_too_short", "the password must have at least " + min + " characters",
            {{"min", min}});
    if (characters.size() > kMaxPasswordLength)
        throw ruleError("error.password_too_long", "the password must have at most " + max + " characters",
            {{"max", max}});
    if (username.size() >= 3 && asciiLower(password).find(asciiLower(username)) != std::string::npos)
        throw ruleError("error.password_contains_username", "the password must not contain the user name");

    bool letters = false;
    bool digits = false;
    bool others = false;
    for (char32_t c : characters) {
        const bool digit = (c >= U'0' && c <= U'9') || (c >= U'\u0660' && c <= U'\u0669') || (c >= U'\u06F0' && c <= U'\u06F9');
        const bool asciiLetter = (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
        // Letters of Arabic and other scripts: anything past ASCII that is
        // not a digit or punctuation of the Arabic block.
        const bool arabicPunctuation = c == U'\u060C' || c == U'\u061B' || c == U'\u061F' || c == U'\u066A'
            || c == U'\u066B' || c == U'\u066C' || c == U'\u066D' || c == U'\u06D4';
        const bool otherLetter = c > 0x7F && !digit && !arabicPunctuation;
        digits = digits || digit;
        letters = letters || asciiLetter || otherLetter;
        others = others || (!digit && !asciiLetter && !otherLetter);
    }
    if (int(letters) + int(digits) + int(others) < 2)
        throw ruleError("error.password_one_class",
            "the password must mix at least two of letters, digits and symbols or spaces");
    if (std::set<char32_t>(characters.begin(), characters.end()).size() < 5)
        throw ruleError("error.password_repetitive", "the password must have at least 5 different characters");
}

std::string randomHex(std::size_t count)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char byte : randomBytes(count)) {
        hex.push_back(digits[byte >> 4]);
        hex.push_back(digits[byte & 0x0f]);
    }
    return hex;
}

bool secretsEqual(const std::string& a, const std::string& b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace majlis::accounts
