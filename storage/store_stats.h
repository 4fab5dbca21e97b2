#ifndef GUESTVOICE_STORAGE_STORE_STATS_H_
#define GUESTVOICE_STORAGE_STORE_STATS_H_

#include <array>
#include <cstdint>

namespace guestvoice::storage {

// RocksDB's own figures for monitoring (Store::Stats), summed over the
// column families. The counters count from the store's opening.
struct StoreStats {
  // RocksDB's default number of levels, which the store keeps.
  static constexpr int kLevels = 7;

  // Estimated bytes of live data (what a full compaction would leave).
  uint64_t live_data_bytes = 0;
  // SST files at each level, L0 first. Many L0 files make reads slow and,
  // past a limit, stall writes.
  std::array<uint64_t, kLevels> sst_files_per_level{};
  // Estimated bytes compaction must rewrite to bring every level under its
  // target; when it grows without bound compaction cannot keep up.
  uint64_t pending_compaction_bytes = 0;
  // Whether writes are stopped right now (too many L0 files, memtables or
  // pending compaction bytes).
  bool writes_stopped = false;
  // Time writers were delayed or stopped, in microseconds.
  uint64_t write_stall_micros = 0;
  // Block cache lookups that found, and did not find, their block.
  uint64_t block_cache_hits = 0;
  uint64_t block_cache_misses = 0;
  // fsyncs of the write-ahead log.
  uint64_t wal_syncs = 0;
  // Write batches applied, and the write groups they went in: RocksDB lets
  // one leader write the WAL (and sync it) for every batch waiting behind it,
  // so batches / groups is the mean group size, what group commit achieves.
  uint64_t write_batches = 0;
  uint64_t write_groups = 0;
  // Keys (puts, merges, deletes) and bytes of the batches written: over the
  // items ingested, what one ingest costs the store.
  uint64_t keys_written = 0;
  uint64_t bytes_written = 0;
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_STORE_STATS_H_
