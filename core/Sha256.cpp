#include "core/Sha256.h"

#include "core/Error.h"

#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <vector>

namespace majlis {

void Sha256::ContextDeleter::operator()(evp_md_ctx_st* context) const
{
    EVP_MD_CTX_free(context);
}

Sha256::Sha256()
    : context_(EVP_MD_CTX_new())
{
    if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1)
        throw Error(ErrorCode::internal, "error.internal", "OpenSSL failed to initialise SHA-256");
}

Sha256::~Sha256() = default;

void Sha256::update(const void* data, std::size_t size)
{
    if (EVP_DigestUpdate(context_.get(), data, size) != 1)
        throw Error(ErrorCode::internal, "error.internal", "OpenSSL failed to update SHA-256");
}

std::string Sha256::finishHex()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(context_.get(), digest, &length) != 1)
        throw Error(ErrorCode::internal, "error.internal", "OpenSSL failed to finish SHA-256");

    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        hex.push_back(digits[digest[i] >> 4]);
        hex.push_back(digits[digest[i] & 0x0f]);
    }
    return hex;
}

std::string Sha256::hex(std::string_view data)
{
    Sha256 hasher;
    hasher.update(data);
    return hasher.finishHex();
}

std::string Sha256::hexOfFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::not_found, "error.file_not_found",
            "cannot open " + path.string() + " for reading", {{"path", path.string()}});

    Sha256 hasher;
    std::vector<char> buffer(1 << 16);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hasher.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad())
        throw Error(ErrorCode::storage_failure, "error.read_failed", "failed to read " + path.string());
    return hasher.finishHex();
}

bool isSha256Hex(std::string_view text)
{
    if (text.size() != 64)
        return false;
    for (char c : text) {
        bool digit = c >= '0' && c <= '9';
        bool lowerHex = c >= 'a' && c <= 'f';
        if (!digit && !lowerHex)
            return false;
    }
    return true;
}

} // namespace majlis
