#ifndef GUESTVOICE_STORAGE_STORE_H_
#define GUESTVOICE_STORAGE_STORE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "rocksdb/cache.h"
#include "rocksdb/db.h"
#include "storage/column_family.h"
#include "storage/decoded_counter_table.h"
#include "storage/read_cache.h"
#include "storage/record_cache.h"
#include "storage/schema_stamp.h"
#include "storage/snapshot.h"
#include "storage/store_options.h"
#include "storage/store_stats.h"
#include "storage/write_batch.h"

namespace guestvoice::storage {

// What a Scan visitor asks for after an entry.
enum class ScanStep { kContinue, kStop };

// Visits one entry of a Scan. An error ends the scan and is what Scan
// returns, so visitors need not carry a status out on the side.
using ScanVisitor = absl::FunctionRef<absl::StatusOr<ScanStep>(
    std::string_view key, std::string_view value)>;

// Several Scans of one column family through one RocksDB iterator, for a
// query that reads many small ranges (ListTopIssues reads a few quotes per
// hotel and aspect): setting up an iterator costs more than reading a short
// range with it. Made by Store::NewScanCursor; one thread at a time; the
// Store and the snapshot it reads must outlive it.
class ScanCursor {
 public:
  // As Store::Scan, in this cursor's family and snapshot.
  [[nodiscard]] absl::Status Scan(std::string_view prefix,
                                  std::string_view start_after, size_t limit,
                                  ScanVisitor visit);

 private:
  friend class Store;
  ScanCursor(std::unique_ptr<rocksdb::Iterator> iterator, ColumnFamily family)
      : iterator_(std::move(iterator)), family_(family) {}

  std::unique_ptr<rocksdb::Iterator> iterator_;
  ColumnFamily family_;
};

// The RocksDB database under one data directory. Get, Scan, Write and
// GetSnapshot may be called from any number of threads at once; Close (and
// the destructor) only once no other call is in flight.
class Store {
 public:
  // The on-disk schema this build reads and writes. Version 2 packed the
  // insight pre-aggregates into per-hotel day and month blocks; version 3
  // added a not-scored count to each voice's counters; version 4 keeps no
  // case-index entries for open feedback (one key fewer per ingest); version
  // 5 added the attention index (the queue reads only its own items); version
  // 6 lists in it the items whose low rating speaks where no words were
  // scored; version 7 keys the repeat index by hotel and rating too; version
  // 8 spells the handles in author and identity keys by Unicode.
  static constexpr uint32_t kSchemaVersion = 8;
  // The oldest schema a store may have and still open: such a store reports
  // needs_upgrade(), and its owner brings it up to date (the service
  // rebuilds or rewrites what the feedback items determine, see
  // service/feedback/schema_upgrade.h) and then calls FinishUpgrade.
  static constexpr uint32_t kOldestUpgradableSchemaVersion = 1;

  // Opens the store in options.data_dir, creating the directory and a stamped
  // empty store when there is none (and create_if_missing is on).
  // Refuses, leaving the directory exactly as it was:
  //  - FAILED_PRECONDITION: the directory is in use by another process or
  //    Store (RocksDB's LOCK file); it holds another program's files, a
  //    RocksDB database that is not a guestvoice store, unknown column
  //    families, or a store with a newer schema version or one older than
  //    kOldestUpgradableSchemaVersion.
  //  - DATA_LOSS: the RocksDB metadata (CURRENT, MANIFEST) is unreadable.
  //  - PERMISSION_DENIED (or FAILED_PRECONDITION for a path that crosses a
  //    regular file): the directory cannot be created or written.
  // Every message names the directory (canonical once it exists).
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Store>> Open(
      const StoreOptions& options);

  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  // Closes the store if Close was not called; errors are then lost.
  ~Store();

  // Flushes memtables (so the next Open replays no WAL) and closes the
  // database, releasing the directory lock. Idempotent. Other calls fail with
  // FAILED_PRECONDITION afterwards.
  [[nodiscard]] absl::Status Close();

  // The value under `key`, or nullopt when there is none.
  [[nodiscard]] absl::StatusOr<std::optional<std::string>> Get(
      ColumnFamily family, std::string_view key,
      const Snapshot* snapshot = nullptr) const;

  // As Get, for a small record that many calls read and few change (a
  // hotel, a feedback author, a guest): answered from memory once read
  // (storage/record_cache.h). Never older than Get would be: every Write
  // drops the keys it changes from the cache.
  [[nodiscard]] absl::StatusOr<std::optional<std::string>> GetCached(
      ColumnFamily family, std::string_view key) const;

  // The values under `keys` (nullopt where there is none), looked up in one
  // batch: RocksDB sorts the keys and reads each file's blocks once, which is
  // far cheaper than a Get, or a Scan's seek, per key.
  [[nodiscard]] absl::StatusOr<std::vector<std::optional<std::string>>>
  MultiGet(ColumnFamily family, absl::Span<const std::string> keys,
           const Snapshot* snapshot = nullptr) const;

  // The counter tables of the aggregates family under `keys` as `snapshot`
  // sees them (the latest when null), decoded; null where a key is absent.
  // Served from the read cache (read_cache.h) where it holds them, read with
  // one MultiGet and cached otherwise. DATA_LOSS when a table is malformed.
  [[nodiscard]] absl::StatusOr<std::vector<CounterTable>> ReadCounterTables(
      absl::Span<const std::string> keys,
      const Snapshot* snapshot = nullptr) const;

  // A table derived from the aggregates blocks `sources` (such as their sum
  // over an interval), cached under `key`, which must name the derivation
  // and the sources: from the read cache when it holds one derived from the
  // sources as `snapshot` sees them, or else `derive` of their tables (as
  // ReadCounterTables returns them), which is then cached.
  using DeriveCounterTable = absl::FunctionRef<absl::StatusOr<CounterTable>(
      absl::Span<const CounterTable> sources)>;
  [[nodiscard]] absl::StatusOr<CounterTable> ReadDerivedCounterTable(
      std::string_view key, absl::Span<const std::string> sources,
      const Snapshot& snapshot, DeriveCounterTable derive) const;

  // A value of the caller's type and what it takes in memory, for the
  // cache's budget.
  struct CachedValue {
    ReadCache::Value value;
    size_t bytes = 0;
  };
  using ComputeCachedValue = absl::FunctionRef<absl::StatusOr<CachedValue>()>;

  // A value computed from the aggregates blocks `sources` as `snapshot` sees
  // them (such as a hotel's figures over an interval), cached under `key`,
  // which must name the computation and the sources: from the read cache when
  // it holds one computed from the sources as `snapshot` sees them, or else
  // what `compute` returns (reading at `snapshot`), which is then cached. The
  // value's type is the caller's, the same for every call with that key.
  [[nodiscard]] absl::StatusOr<ReadCache::Value> ReadDerivedFromBlocks(
      std::string_view key, absl::Span<const std::string> sources,
      const Snapshot& snapshot, ComputeCachedValue compute) const;

  // As ReadDerivedFromBlocks, for a value computed from the negative quotes
  // under `quote_prefix` (NegativeQuotePrefix, storage/keys.h).
  [[nodiscard]] absl::StatusOr<ReadCache::Value> ReadDerivedFromQuotes(
      std::string_view key, std::string_view quote_prefix,
      const Snapshot& snapshot, ComputeCachedValue compute) const;

  // Hits, misses and size of the read cache.
  ReadCache::Stats read_cache_stats() const { return read_cache_->stats(); }

  // Applies every update of `batch` atomically; when sync_writes is on, the
  // batch is in the fsynced WAL before this returns. Concurrent calls are
  // grouped into one WAL write and one fsync (group commit).
  [[nodiscard]] absl::Status Write(WriteBatch&& batch);

  // Calls `visit` on the entries whose keys start with `prefix`, in key order,
  // beginning strictly after `start_after` when it is not empty (pass the last
  // key of the previous page), at most `limit` of them (0: no limit), until
  // `visit` returns ScanStep::kStop or an error; that error is returned. To
  // learn whether another page follows, ask for one entry more than the page
  // size.
  [[nodiscard]] absl::Status Scan(ColumnFamily family, std::string_view prefix,
                                  std::string_view start_after, size_t limit,
                                  ScanVisitor visit,
                                  const Snapshot* snapshot = nullptr) const;

  // A cursor for many Scans of `family` (at `snapshot`, when given).
  absl::StatusOr<std::unique_ptr<ScanCursor>> NewScanCursor(
      ColumnFamily family, const Snapshot* snapshot = nullptr) const;

  // A consistent view for several reads. Requires an open store.
  std::unique_ptr<Snapshot> GetSnapshot() const;

  // Deletes every entry of `family` at once (a range tombstone), for an
  // upgrade that rebuilds the family.
  [[nodiscard]] absl::Status ClearFamily(ColumnFamily family);

  // Whether the store has an older schema than this build writes; its data
  // must be upgraded before it is served.
  bool needs_upgrade() const {
    return schema_stamp_.schema_version < kSchemaVersion;
  }
  // Stamps the store with kSchemaVersion (synced, after flushing every
  // family, so the upgraded data is durable before the stamp says so).
  [[nodiscard]] absl::Status FinishUpgrade();

  // Stamps the store with a new store id, created `now` (synced): for a
  // copy that is to be a store of its own rather than the same store moved
  // (a cluster node's state restored to seed a node, docs/cluster.md).
  [[nodiscard]] absl::Status RenewStoreId(absl::Time now);

  // Flushes and fully compacts every column family: merges operands, drops
  // deleted entries. For maintenance tools and tests.
  [[nodiscard]] absl::Status CompactAll();

  // The bytes the store takes on disk: the SST files of every family and the
  // write-ahead log.
  [[nodiscard]] absl::StatusOr<uint64_t> SizeOnDiskBytes() const;

  // RocksDB's figures for monitoring: cheap enough for every scrape.
  [[nodiscard]] absl::StatusOr<StoreStats> Stats() const;

  // The release of the RocksDB library this process runs on, e.g. "7.8.3".
  static std::string RocksDbVersion();

  // The canonical path of StoreOptions::data_dir.
  const std::string& data_dir() const { return data_dir_; }
  const SchemaStamp& schema_stamp() const { return schema_stamp_; }
  // 32 random bytes made when the store first opened (by this or a later
  // build) and kept in it, so they survive restarts and travel with backups:
  // the key of the MACs the service puts on what it hands out and takes back
  // (page tokens). Never leaves the process. StoreOptions::shared_secret
  // replaces it, for stores whose tokens other stores must accept.
  const std::string& secret() const { return secret_; }

 private:
  // Hands the RocksDB database to BackupEngine.
  friend class Backups;

  static constexpr size_t kSecretBytes = 32;
  // Reads secret_, making and storing it (synced) for a store without one.
  absl::Status ReadOrMakeSecret();
  using Handles = std::array<rocksdb::ColumnFamilyHandle*, kColumnFamilyCount>;

  Store(std::string data_dir, bool sync_writes, size_t read_cache_bytes,
        std::shared_ptr<rocksdb::Cache> block_cache,
        std::unique_ptr<rocksdb::DB> db, Handles handles,
        SchemaStamp schema_stamp);

  rocksdb::ColumnFamilyHandle* handle(ColumnFamily family) const {
    return handles_[static_cast<int>(family)];
  }
  absl::Status CheckOpen() const;
  // Writes `stamp` (synced) and makes it schema_stamp().
  absl::Status WriteSchemaStamp(SchemaStamp stamp);
  // The read cache's value under `kind` + `key`, computed from `sources` (as
  // Store::Write names what it changes) by `compute` when it holds none valid
  // at `snapshot`. Every ReadDerived* method is this, with its own kind.
  absl::StatusOr<ReadCache::Value> ReadDerived(
      char kind, std::string_view key, absl::Span<const std::string> sources,
      const Snapshot& snapshot, ComputeCachedValue compute) const;

  const std::string data_dir_;
  rocksdb::WriteOptions write_options_;
  // Shared by the table options of every family.
  std::shared_ptr<rocksdb::Cache> block_cache_;
  std::unique_ptr<rocksdb::DB> db_;
  Handles handles_;
  SchemaStamp schema_stamp_;
  std::string secret_;
  // Filled by GetCached, emptied of what Write and ClearFamily change.
  mutable RecordCache record_cache_;
  // Told of every write of an aggregates block or a negative quote (Write,
  // ClearFamily).
  std::unique_ptr<ReadCache> read_cache_;
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_STORE_H_
