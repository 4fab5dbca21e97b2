// Store::Stats: RocksDB's properties and statistics tickers, for monitoring.

#include "storage/store_stats.h"

#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/statistics.h"
#include "storage/store.h"

namespace guestvoice::storage {

absl::StatusOr<StoreStats> Store::Stats() const {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  StoreStats stats;
  // A property a family cannot answer counts as 0: monitoring reports what
  // it can rather than failing the whole scrape.
  const auto property = [&](rocksdb::ColumnFamilyHandle* family,
                            const std::string& name) -> uint64_t {
    uint64_t value = 0;
    return db_->GetIntProperty(family, name, &value) ? value : 0;
  };
  // A string property, which GetIntProperty does not answer.
  const auto files_at_level = [&](rocksdb::ColumnFamilyHandle* family,
                                  int level) -> uint64_t {
    const std::string name =
        absl::StrCat(rocksdb::DB::Properties::kNumFilesAtLevelPrefix, level);
    std::string value;
    uint64_t files = 0;
    if (!db_->GetProperty(family, name, &value) ||
        !absl::SimpleAtoi(value, &files)) {
      return 0;
    }
    return files;
  };
  for (rocksdb::ColumnFamilyHandle* family : handles_) {
    stats.live_data_bytes +=
        property(family, rocksdb::DB::Properties::kEstimateLiveDataSize);
    stats.pending_compaction_bytes += property(
        family, rocksdb::DB::Properties::kEstimatePendingCompactionBytes);
    for (int level = 0; level < StoreStats::kLevels; ++level) {
      stats.sst_files_per_level[level] += files_at_level(family, level);
    }
  }
  // Stopping is decided for the whole database, so any family tells.
  stats.writes_stopped =
      property(handles_[0], rocksdb::DB::Properties::kIsWriteStopped) != 0;
  const std::shared_ptr<rocksdb::Statistics> statistics =
      db_->GetDBOptions().statistics;
  if (statistics != nullptr) {
    stats.write_stall_micros =
        statistics->getTickerCount(rocksdb::STALL_MICROS);
    stats.block_cache_hits =
        statistics->getTickerCount(rocksdb::BLOCK_CACHE_HIT);
    stats.block_cache_misses =
        statistics->getTickerCount(rocksdb::BLOCK_CACHE_MISS);
    stats.wal_syncs = statistics->getTickerCount(rocksdb::WAL_FILE_SYNCED);
    // A group's leader counts as done by self, the batches it wrote for the
    // others as done by other.
    stats.write_groups =
        statistics->getTickerCount(rocksdb::WRITE_DONE_BY_SELF);
    stats.write_batches =
        stats.write_groups +
        statistics->getTickerCount(rocksdb::WRITE_DONE_BY_OTHER);
    stats.keys_written =
        statistics->getTickerCount(rocksdb::NUMBER_KEYS_WRITTEN);
    stats.bytes_written = statistics->getTickerCount(rocksdb::BYTES_WRITTEN);
  }
  return stats;
}

}  // namespace guestvoice::storage
