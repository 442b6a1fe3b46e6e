#pragma once

#include <cstdint>
#include <istream>
#include <streambuf>
#include <vector>

namespace majlis::web {

// An input stream over another that ends once more than `limit` bytes have
// been read, and remembers that it did. Chunked request bodies carry no
// Content-Length, so this is how their total size is bounded. Callers check
// exceeded() after reading, because stream layers in between (Poco's
// multipart reader) turn exceptions into a plain end of stream.
class LimitedInputStream : public std::istream {
public:
    LimitedInputStream(std::istream& source, std::uint64_t limit);

    bool exceeded() const { return buffer_.exceeded(); }

private:
    class Buffer : public std::streambuf {
    public:
        Buffer(std::istream& source, std::uint64_t limit);
        bool exceeded() const { return exceeded_; }

    protected:
        int_type underflow() override;

    private:
        std::istream& source_;
        std::uint64_t remaining_;
        bool exceeded_ = false;
        std::vector<char> data_;
    };

    Buffer buffer_;
};

} // namespace majlis::web
