#include "web/LimitedStream.h"


namespace majlis::web {

LimitedInputStream::Buffer::Buffer(std::istream& source, std::uint64_t limit)
    : source_(source)
    , remaining_(limit)
    , data_(64 * 1024)
{
}

LimitedInputStream::Buffer::int_type LimitedInputStream::Buffer::underflow()
{
    if (gptr() < egptr())
        return traits_type::to_int_type(*gptr());
    source_.read(data_.data(), static_cast<std::streamsize>(data_.size()));
    const auto count = static_cast<std::uint64_t>(source_.gcount());
    if (count == 0)
        return traits_type::eof();
    if (count > remaining_) {
        exceeded_ = true;
        return traits_type::eof();
    }
    remaining_ -= count;
    setg(data_.data(), data_.data(), data_.data() + count);
    return traits_type::to_int_type(*gptr());
}

LimitedInputStream::LimitedInputStream(std::istream& source, std::uint64_t limit)
    : std::istream(nullptr)
    , buffer_(source, limit)
{
    rdbuf(&buffer_);
}

} // namespace majlis::web
