#include "web/AdminAccount.h"

#include "core/Error.h"
#include "core/Sha256.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Exception.h>
#include <Poco/RandomStream.h>

#include <argon2.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace majlis::web {

namespace {

// Argon2id cost: 3 passes over 64 MiB, one lane (RFC 9106's second
// recommended option uses 64 MiB).
constexpr std::uint32_t kTimeCost = 3;
constexpr std::uint32_t kMemoryKiB = 64 * 1024;
constexpr std::uint32_t kParallelism = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::string randomBytes(std::size_t count)
{
    Poco::RandomInputStream random;
    std::string bytes(count, '\0');
    random.read(bytes.data(), static_cast<std::streamsize>(count));
    return bytes;
}

std::string generatePassword()
{
    // No 0/O or 1/l/I, so the printed password is easy to copy by hand.
    static constexpr std::string_view alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string password;
    for (unsigned char byte : randomBytes(20))
        password.push_back(alphabet[byte % alphabet.size()]);
    return password;
}

} // namespace

std::string hashPassword(const std::string& password)
{
    const std::string salt = randomBytes(kSaltBytes);
    const std::size_t length
        = argon2_encodedlen(kTimeCost, kMemoryKiB, kParallelism, kSaltBytes, kHashBytes, Argon2_id);
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
    return argon2id_verify(encodedHash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::unique_ptr<AdminAccount> AdminAccount::loadOrCreate(const std::filesystem::path& dataDirectory,
    std::optional<std::string>& createdPassword)
{
    const std::filesystem::path path = dataDirectory / "admin.json";
    if (std::filesystem::exists(path)) {
        std::ifstream in(path);
        const auto json = nlohmann::json::parse(in, nullptr, false);
        if (json.is_discarded() || !json.contains("user") || !json.contains("password_argon2id"))
            throw Error(ErrorCode::invalid_argument, "error.invalid_config",
                path.string() + " is not a valid administrator file; remove it to create a new administrator");
        return std::make_unique<AdminAccount>(
            json.at("user").get<std::string>(), json.at("password_argon2id").get<std::string>());
    }

    std::filesystem::create_directories(dataDirectory);
    const std::string password = generatePassword();
    const nlohmann::json json = {{"user", "admin"}, {"password_argon2id", hashPassword(password)}};
    {
        std::ofstream out(path);
        out << json.dump(2) << '\n';
        if (!out)
            throw Error(ErrorCode::storage_failure, "error.write_failed", "failed to write " + path.string());
    }
    ::chmod(path.c_str(), 0600);
    createdPassword = password;
    return std::make_unique<AdminAccount>("admin", json.at("password_argon2id").get<std::string>());
}

bool AdminAccount::checkPassword(const std::string& user, const std::string& password) const
{
    return user == user_ && verifyPassword(password, passwordHash_);
}

bool AdminAccount::checkBasicAuthorization(const std::string& header)
{
    constexpr std::string_view scheme = "Basic ";
    if (header.size() <= scheme.size() || header.size() > 1024 || !header.starts_with(scheme))
        return false;

    const std::string key = Sha256::hex(header);
    {
        std::lock_guard lock(mutex_);
        if (verified_.contains(key))
            return true;
    }

    std::istringstream encoded(header.substr(scheme.size()));
    Poco::Base64Decoder decoder(encoded);
    std::string decoded;
    try {
        decoded.assign(std::istreambuf_iterator<char>(decoder), {});
    } catch (const Poco::Exception&) {
        return false;
    }
    const auto colon = decoded.find(':');
    if (colon == std::string::npos || decoded.substr(0, colon) != user_)
        return false;
    if (!verifyPassword(decoded.substr(colon + 1), passwordHash_))
        return false;

    std::lock_guard lock(mutex_);
    verified_.insert(key);
    return true;
}

} // namespace majlis::web
