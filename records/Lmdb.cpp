#include "records/Lmdb.h"

#include "core/Error.h"
#include "core/Log.h"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <unistd.h>

namespace majlis::records {

namespace {

class MapFull : public std::exception {};
class MapResized : public std::exception {};

MDB_val toVal(std::string_view bytes)
{
    return MDB_val{bytes.size(), const_cast<char*>(bytes.data())};
}

std::string_view fromVal(const MDB_val& value)
{
    return std::string_view(static_cast<const char*>(value.mv_data), value.mv_size);
}

// Turns the codes that trigger growth into private exceptions caught by
// LmdbEnvironment::write; everything else becomes a majlis::Error.
void check(int code, std::string_view operation)
{
    if (code == MDB_SUCCESS)
        return;
    if (code == MDB_MAP_FULL)
        throw MapFull();
    if (code == MDB_MAP_RESIZED)
        throw MapResized();
    throwLmdbError(code, operation);
}

constexpr const char* kMapSizeFile = "map-size";

std::size_t readRecordedMapSize(const std::filesystem::path& directory)
{
    std::ifstream in(directory / kMapSizeFile);
    std::size_t size = 0;
    in >> size;
    return in ? size : 0;
}

// Records the grown size beside the environment, written to a temporary file
// and renamed so a crash leaves either the old or the new size.
void recordMapSize(const std::filesystem::path& directory, std::size_t size)
{
    const auto temporary = directory / (std::string(kMapSizeFile) + ".tmp");
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << size << '\n';
        if (!out)
            return; // the next growth records it; the map is grown either way
    }
    std::error_code ignored;
    std::filesystem::rename(temporary, directory / kMapSizeFile, ignored);
}

} // namespace

void throwLmdbError(int code, std::string_view operation)
{
    const std::string detail = std::string(operation) + ": " + mdb_strerror(code);
    if (code == MDB_MAP_FULL || code == ENOSPC)
        throw Error(ErrorCode::storage_full, "error.storage_full",
            "the record store is full (" + detail + "); free disk space or raise the store's size limit");
    if (code == MDB_READERS_FULL)
        throw Error(ErrorCode::unavailable, "error.busy",
            "too many concurrent readers (" + detail + "); retry shortly");
    throw Error(ErrorCode::storage_failure, "error.storage_failure", "record store failure in " + detail);
}

LmdbEnvironment::LmdbEnvironment(const std::filesystem::path& directory, const Options& options)
    : options_(options)
    , directory_(directory)
    , ownerPid_(getpid())
{
    std::filesystem::create_directories(directory);
    check(mdb_env_create(&env_), "mdb_env_create");
    try {
        check(mdb_env_set_maxreaders(env_, options.maxReaders), "mdb_env_set_maxreaders");
        check(mdb_env_set_maxdbs(env_, options.maxDatabases), "mdb_env_set_maxdbs");
        check(mdb_env_set_mapsize(env_, options.initialMapSize), "mdb_env_set_mapsize");
        // MDB_NOTLS ties reader slots to transactions, not threads, so a
        // thread pool can run read transactions from any thread.
        check(mdb_env_open(env_, directory.c_str(), MDB_NOTLS, 0640), "mdb_env_open " + directory.string());

        // A map grown earlier is kept, never shrunk: LMDB itself only keeps
        // the size of the pages in use.
        const std::size_t requested = std::max(options.initialMapSize, readRecordedMapSize(directory));
        if (mapSize() < requested)
            check(mdb_env_set_mapsize(env_, requested), "mdb_env_set_mapsize");

        int staleReaders = 0;
        check(mdb_reader_check(env_, &staleReaders), "mdb_reader_check");
        if (staleReaders > 0)
            logger("records").warning("cleared %d stale LMDB reader slots in %s", staleReaders, directory.string());
    } catch (...) {
        mdb_env_close(env_);
        throw;
    }
}

LmdbEnvironment::~LmdbEnvironment()
{
    if (env_ && getpid() == ownerPid_)
        mdb_env_close(env_);
}

void LmdbEnvironment::checkProcess() const
{
    if (getpid() != ownerPid_)
        throw Error(ErrorCode::internal, "error.internal",
            "an LMDB environment was used in a forked child process; open a new one after fork");
}

MDB_txn* LmdbEnvironment::beginTransaction(unsigned flags)
{
    checkProcess();
    for (int attempt = 0;; ++attempt) {
        MDB_txn* txn = nullptr;
        const int code = mdb_txn_begin(env_, nullptr, flags, &txn);
        if (code == MDB_SUCCESS)
            return txn;
        if (code == MDB_READERS_FULL && attempt < 3) {
            int cleared = 0;
            mdb_reader_check(env_, &cleared);
            logger("records").warning("LMDB reader table full; cleared %d stale slots and retrying", cleared);
            continue;
        }
        check(code, "mdb_txn_begin");
    }
}

void LmdbEnvironment::write(const std::function<void(LmdbTransaction&)>& work)
{
    for (;;) {
        try {
            std::shared_lock lock(resizeMutex_);
            MDB_txn* txn = beginTransaction(0);
            try {
                LmdbTransaction transaction(txn, true);
                work(transaction);
                MDB_txn* committing = txn;
                txn = nullptr;
                check(mdb_txn_commit(committing), "mdb_txn_commit");
            } catch (...) {
                if (txn)
                    mdb_txn_abort(txn);
                throw;
            }
            return;
        } catch (const MapFull&) {
            growMap();
        } catch (const MapResized&) {
            adoptResizedMap();
        }
    }
}

void LmdbEnvironment::read(const std::function<void(LmdbTransaction&)>& work)
{
    for (;;) {
        try {
            std::shared_lock lock(resizeMutex_);
            MDB_txn* txn = beginTransaction(MDB_RDONLY);
            std::unique_ptr<MDB_txn, decltype(&mdb_txn_abort)> guard(txn, &mdb_txn_abort);
            LmdbTransaction transaction(txn, false);
            work(transaction);
            return;
        } catch (const MapResized&) {
            adoptResizedMap();
        }
    }
}

void LmdbEnvironment::growMap()
{
    std::unique_lock lock(resizeMutex_);
    const std::size_t current = mapSize();
    if (current >= options_.maxMapSize)
        throw Error(ErrorCode::storage_full, "error.storage_full",
            "the record store reached its size limit of " + std::to_string(options_.maxMapSize)
                + " bytes; raise the limit (--max-store-size) or archive old records");
    const std::size_t grown = std::min(current * 2, options_.maxMapSize);
    check(mdb_env_set_mapsize(env_, grown), "mdb_env_set_mapsize");
    recordMapSize(directory_, grown);
    logger("records").information("grew the LMDB map from %z to %z bytes", current, grown);
}

void LmdbEnvironment::adoptResizedMap()
{
    std::unique_lock lock(resizeMutex_);
    // Size 0 adopts the size another process has set.
    check(mdb_env_set_mapsize(env_, 0), "mdb_env_set_mapsize");
}

MDB_dbi LmdbEnvironment::openDatabase(const char* name)
{
    MDB_dbi dbi = 0;
    write([&](LmdbTransaction& txn) { check(mdb_dbi_open(txn.handle(), name, MDB_CREATE, &dbi), "mdb_dbi_open"); });
    return dbi;
}

void LmdbEnvironment::copyTo(const std::filesystem::path& directory)
{
    checkProcess();
    std::filesystem::create_directories(directory);
    std::shared_lock lock(resizeMutex_);
    check(mdb_env_copy2(env_, directory.c_str(), MDB_CP_COMPACT), "mdb_env_copy2 " + directory.string());
}

std::size_t LmdbEnvironment::mapSize() const
{
    MDB_envinfo info;
    check(mdb_env_info(env_, &info), "mdb_env_info");
    return info.me_mapsize;
}

std::uint64_t LmdbEnvironment::lastTransactionId() const
{
    std::shared_lock lock(resizeMutex_);
    MDB_envinfo info;
    check(mdb_env_info(env_, &info), "mdb_env_info");
    return info.me_last_txnid;
}

std::optional<std::string_view> LmdbTransaction::get(MDB_dbi dbi, std::string_view key) const
{
    MDB_val keyVal = toVal(key);
    MDB_val value;
    const int code = mdb_get(txn_, dbi, &keyVal, &value);
    if (code == MDB_NOTFOUND)
        return std::nullopt;
    check(code, "mdb_get");
    return fromVal(value);
}

void LmdbTransaction::put(MDB_dbi dbi, std::string_view key, std::string_view value)
{
    MDB_val keyVal = toVal(key);
    MDB_val dataVal = toVal(value);
    check(mdb_put(txn_, dbi, &keyVal, &dataVal, 0), "mdb_put");
}

bool LmdbTransaction::putNew(MDB_dbi dbi, std::string_view key, std::string_view value)
{
    MDB_val keyVal = toVal(key);
    MDB_val dataVal = toVal(value);
    const int code = mdb_put(txn_, dbi, &keyVal, &dataVal, MDB_NOOVERWRITE);
    if (code == MDB_KEYEXIST)
        return false;
    check(code, "mdb_put");
    return true;
}

bool LmdbTransaction::erase(MDB_dbi dbi, std::string_view key)
{
    MDB_val keyVal = toVal(key);
    const int code = mdb_del(txn_, dbi, &keyVal, nullptr);
    if (code == MDB_NOTFOUND)
        return false;
    check(code, "mdb_del");
    return true;
}

void LmdbTransaction::scan(MDB_dbi dbi, std::string_view from,
    const std::function<bool(std::string_view key, std::string_view value)>& visit) const
{
    MDB_cursor* cursor = nullptr;
    check(mdb_cursor_open(txn_, dbi, &cursor), "mdb_cursor_open");
    std::unique_ptr<MDB_cursor, decltype(&mdb_cursor_close)> guard(cursor, &mdb_cursor_close);

    MDB_val key = toVal(from);
    MDB_val value;
    int code = mdb_cursor_get(cursor, &key, &value, from.empty() ? MDB_FIRST : MDB_SET_RANGE);
    while (code == MDB_SUCCESS) {
        if (!visit(fromVal(key), fromVal(value)))
            return;
        code = mdb_cursor_get(cursor, &key, &value, MDB_NEXT);
    }
    if (code != MDB_NOTFOUND)
        check(code, "mdb_cursor_get");
}

std::optional<std::pair<std::string_view, std::string_view>> LmdbTransaction::last(MDB_dbi dbi) const
{
    MDB_cursor* cursor = nullptr;
    check(mdb_cursor_open(txn_, dbi, &cursor), "mdb_cursor_open");
    std::unique_ptr<MDB_cursor, decltype(&mdb_cursor_close)> guard(cursor, &mdb_cursor_close);
    MDB_val key;
    MDB_val value;
    const int code = mdb_cursor_get(cursor, &key, &value, MDB_LAST);
    if (code == MDB_NOTFOUND)
        return std::nullopt;
    check(code, "mdb_cursor_get");
    return std::make_pair(fromVal(key), fromVal(value));
}

namespace {

template <typename Unsigned>
std::string encodeBigEndian(Unsigned value)
{
    std::string bytes(sizeof(Unsigned), '\0');
    for (int i = static_cast<int>(sizeof(Unsigned)) - 1; i >= 0; --i) {
        bytes[i] = static_cast<char>(value & 0xFF);
        value >>= 8;
    }
    return bytes;
}

// Reads at most sizeof(Unsigned) leading bytes; a shorter key gives a smaller value.
template <typename Unsigned>
Unsigned decodeBigEndian(std::string_view bytes)
{
    Unsigned value = 0;
    for (std::size_t i = 0; i < sizeof(Unsigned) && i < bytes.size(); ++i)
        value = static_cast<Unsigned>((value << 8) | static_cast<unsigned char>(bytes[i]));
    return value;
}

} // namespace

std::string encodeBigEndian64(std::uint64_t value)
{
    return encodeBigEndian(value);
}

std::uint64_t decodeBigEndian64(std::string_view bytes)
{
    return decodeBigEndian<std::uint64_t>(bytes);
}

std::string encodeBigEndian32(std::uint32_t value)
{
    return encodeBigEndian(value);
}

std::uint32_t decodeBigEndian32(std::string_view bytes)
{
    return decodeBigEndian<std::uint32_t>(bytes);
}

} // namespace majlis::records
