#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace majlis {

// Incremental SHA-256 through OpenSSL's EVP interface.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, std::size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }

    // Returns the lower-case hex digest; the hasher cannot be updated afterwards.
    std::string finishHex();

    static std::string hex(std::string_view data);
    static std::string hexOfFile(const std::filesystem::path& path);

private:
    struct ContextDeleter {
        void operator()(evp_md_ctx_st* context) const;
    };
    std::unique_ptr<evp_md_ctx_st, ContextDeleter> context_;
};

bool isSha256Hex(std::string_view text);

} // namespace majlis
