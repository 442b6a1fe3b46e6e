#pragma once

#include <lmdb.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace majlis::records {

class LmdbTransaction;

// An LMDB environment with the growth and recovery rules every caller needs:
// the map starts large, grows (never shrinks) on MDB_MAP_FULL up to a limit,
// adopts growth by other processes (MDB_MAP_RESIZED), clears stale reader
// slots at open and before retrying MDB_READERS_FULL, and refuses use from a
// forked child, whose copy of the environment LMDB does not support.
class LmdbEnvironment {
public:
    struct Options {
        std::size_t initialMapSize = std::size_t(4) << 30;
        std::size_t maxMapSize = std::size_t(1) << 40;
        unsigned maxReaders = 1022;
        // Named databases a process may open. The record store, accounts,
        // workflow and web layers open 15; each slot costs LMDB a little per transaction.
        unsigned maxDatabases = 32;
    };

    LmdbEnvironment(const std::filesystem::path& directory, const Options& options);
    ~LmdbEnvironment();
    LmdbEnvironment(const LmdbEnvironment&) = delete;
    LmdbEnvironment& operator=(const LmdbEnvironment&) = delete;

    // Runs `work` in a write transaction and commits it. On MDB_MAP_FULL the
    // transaction is aborted, the map grown and `work` run again, so `work`
    // must have no effect outside the transaction before commit.
    void write(const std::function<void(LmdbTransaction&)>& work);
    void read(const std::function<void(LmdbTransaction&)>& work);

    // Opens (creating when absent) a named database; call once at start-up.
    MDB_dbi openDatabase(const char* name);

    // Writes a compacted, consistent copy of the environment into `directory`.
    void copyTo(const std::filesystem::path& directory);

    std::size_t mapSize() const;

    // The id of the newest committed write transaction, by any process that
    // has the environment open. It grows with every commit, so a cache can
    // compare it to tell whether anything was written since.
    std::uint64_t lastTransactionId() const;
    MDB_env* handle() const { return env_; }

private:
    MDB_txn* beginTransaction(unsigned flags);
    void growMap();
    void adoptResizedMap();
    void checkProcess() const;

    MDB_env* env_ = nullptr;
    Options options_;
    std::filesystem::path directory_;
    pid_t ownerPid_;
    // Transactions hold it shared; resizing the map needs it exclusive,
    // because mdb_env_set_mapsize requires that no transaction is active in
    // this process.
    mutable std::shared_mutex resizeMutex_;
};

// A live transaction; only LmdbEnvironment creates them.
class LmdbTransaction {
public:
    LmdbTransaction(MDB_txn* txn, bool writable)
        : txn_(txn)
        , writable_(writable)
    {
    }

    std::optional<std::string_view> get(MDB_dbi dbi, std::string_view key) const;
    void put(MDB_dbi dbi, std::string_view key, std::string_view value);
    // Inserts only when absent; returns false when the key exists.
    bool putNew(MDB_dbi dbi, std::string_view key, std::string_view value);
    bool erase(MDB_dbi dbi, std::string_view key);

    // Visits keys from `from` (inclusive) in order while `visit` returns true.
    void scan(MDB_dbi dbi, std::string_view from,
        const std::function<bool(std::string_view key, std::string_view value)>& visit) const;
    // The last key and value of a database, if any.
    std::optional<std::pair<std::string_view, std::string_view>> last(MDB_dbi dbi) const;

    MDB_txn* handle() const { return txn_; }
    bool writable() const { return writable_; }

private:
    MDB_txn* txn_;
    bool writable_;
};

// Throws the project error for an LMDB return code, naming the operation.
[[noreturn]] void throwLmdbError(int code, std::string_view operation);

std::string encodeBigEndian64(std::uint64_t value);
std::uint64_t decodeBigEndian64(std::string_view bytes);
std::string encodeBigEndian32(std::uint32_t value);
std::uint32_t decodeBigEndian32(std::string_view bytes);

} // namespace majlis::records
