#ifndef GUESTVOICE_STORAGE_RECORD_CACHE_H_
#define GUESTVOICE_STORAGE_RECORD_CACHE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "storage/column_family.h"
#include "storage/write_batch.h"

namespace guestvoice::storage {

// In-memory copies of the small records that every ingest or lookup reads
// and that rarely change (a hotel, for its time zone; a feedback author, for
// its voice; a guest, the identity index entry naming it and the loyalty
// program, for LookupGuest and GetLoyaltyStatus), so that reading them costs
// a hash lookup instead of a RocksDB Get.
// Store::GetCached reads through it; Store::Write and Store::ClearFamily
// drop every key they change once the change is applied. The store is the
// only writer of its data directory (the directory lock), so a cached value
// is never older than what a Get would return when the read began.
//
// A fill races with writes: a reader that misses reads the store, and a
// write of the same key may land between that read and the fill. Each fill
// therefore registers its key first (BeginFill), writes mark registered keys
// as changed, and FinishFill keeps the value only when nothing wrote the key
// since BeginFill. Thread-safe.
class RecordCache {
 public:
  // Past this many entries the cache starts over empty: a bound on memory
  // (entries are ~100-200 bytes) that needs no eviction order.
  static constexpr size_t kDefaultMaxEntries = 1 << 16;

  explicit RecordCache(size_t max_entries = kDefaultMaxEntries)
      : max_entries_(max_entries) {}

  // The cached value of `key`, or nullopt.
  std::optional<std::string> Find(ColumnFamily family,
                                  std::string_view key) const;

  // What BeginFill hands FinishFill: the key's write count when the fill
  // began.
  struct FillTicket {
    uint64_t writes_seen = 0;
  };
  // Call before reading `key` from the store; every BeginFill needs one
  // FinishFill (with or without a value).
  FillTicket BeginFill(ColumnFamily family, std::string_view key);
  // Caches `value` (what the store held when read after BeginFill) unless
  // the key was written since; nullopt only ends the fill.
  void FinishFill(ColumnFamily family, std::string_view key, FillTicket ticket,
                  std::optional<std::string> value);

  // Drops the keys `batch` writes. Call after applying it to the store.
  void Invalidate(const WriteBatch& batch);
  // Drops every key of `family`.
  void InvalidateFamily(ColumnFamily family);

  size_t size() const;

 private:
  struct PendingFill {
    // Fills of the key in progress.
    int fills = 0;
    // Writes of the key since the first of them began.
    uint64_t writes = 0;
  };
  struct FamilyEntries {
    absl::flat_hash_map<std::string, std::string> values;
    absl::flat_hash_map<std::string, PendingFill> pending;
  };

  // Drops `key` of `family` and counts the write against its pending fills.
  void InvalidateLocked(FamilyEntries& entries, std::string_view key)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const size_t max_entries_;
  mutable absl::Mutex mutex_;
  std::array<FamilyEntries, kColumnFamilyCount> families_
      ABSL_GUARDED_BY(mutex_);
  size_t size_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_RECORD_CACHE_H_
