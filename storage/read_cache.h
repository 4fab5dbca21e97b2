#ifndef GUESTVOICE_STORAGE_READ_CACHE_H_
#define GUESTVOICE_STORAGE_READ_CACHE_H_

// Values read from the store, or derived from such reads, kept in memory
// between calls: decoded aggregate blocks (Store::ReadCounterTables), tables
// derived from several of them such as one hotel's sum over an interval
// (service/feedback/aggregates.h), values computed from such a sum such as
// one hotel's voice-weighted figures over an interval, and a hotel's newest
// negative quotes about an aspect (service/insights/readers.h). Insight queries
// read the same past blocks and quote ranges again and again while ingest only
// ever changes a few (today's day and month, and today's quotes); decoding,
// merging and seeking once instead of on every call is what keeps an
// organization-wide query's cost flat.
//
// Exact, not eventually consistent. Every value names its sources: the
// strings whose writes change it (an aggregates block key, or a negative
// quote prefix, storage/keys.h). Store::Write calls BeginWrite before and
// EndWrite after it applies a batch that changes a source (this process is
// the store's only writer, and every write, whether ingest, import,
// re-analysis, erasure, a guest merge or an upgrade's rebuild, goes through
// Store::Write). Each source hashes to one of kVersionBuckets buckets holding
// the sequence number of the last write to any of its sources and the number
// of writes in flight; an entry remembers its sources' buckets and serves
// reads while none of them changed and the read's snapshot is at least as new
// as their last writes. Two sources sharing a bucket only cost a miss.
//
// Bounded: least recently used entries are dropped past capacity_bytes, in
// two pools as RocksDB's LRU cache keeps them (its high-priority pool). The
// values a query answers from, small and each computed from many reads (a
// hotel's figures over an interval, its newest quotes), are kept apart from
// the blocks and sums they were computed from, which are large and cheap to
// read again. Without that, the blocks one organization-wide query reads on a
// large store outgrow the budget and push out every such value before the
// next call could use it: each call then reads and decodes every block again
// (ListTopIssues 4 ms at 200k items, 300 ms at 1M, in the growth benchmark).
// A high-priority value is dropped only after every low-priority one, and
// once the high-priority values outgrow half the budget their least recently
// used ones join the other pool.
//
// Thread-safe.

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"

namespace guestvoice::storage {

class ReadCache {
 public:
  // Immutable once cached; its type is the one its key's owner caches under
  // that key (Store keeps each kind of value under its own key prefix). Null
  // is a value too (an absent block).
  using Value = std::shared_ptr<const void>;

  static constexpr size_t kVersionBuckets = size_t{1} << 16;

  enum class Priority {
    // Cheap to read or compute again: blocks, sums of blocks.
    kLow,
    // Small and computed from many reads: what queries answer from.
    kHigh,
  };

  // capacity_bytes 0 keeps nothing.
  explicit ReadCache(size_t capacity_bytes);
  ReadCache(const ReadCache&) = delete;
  ReadCache& operator=(const ReadCache&) = delete;

  // The value cached under `key`, if it is valid for a read at snapshot
  // sequence number `snapshot` (nullopt: not cached, or not for this read).
  std::optional<Value> Find(std::string_view key, uint64_t snapshot);

  // Caches `value` (taking about `bytes` of memory), computed from `sources`
  // as read at snapshot sequence number `snapshot`, under `key` (replacing
  // what was there), in the pool `priority` names. Ignored when a write to
  // any source began after that snapshot, since the value may then be stale
  // already.
  void Insert(std::string_view key, absl::Span<const std::string> sources,
              uint64_t snapshot, Value value, size_t bytes, Priority priority);

  // Store::Write's calls around a batch that changes `sources`; `sequence` is
  // a sequence number at least that of the batch.
  void BeginWrite(absl::Span<const std::string> sources);
  void EndWrite(absl::Span<const std::string> sources, uint64_t sequence);
  // Around a write that may change any source (Store::ClearFamily).
  void BeginWriteAll();
  void EndWriteAll(uint64_t sequence);

  struct Stats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    size_t entries = 0;
    size_t bytes = 0;
  };
  Stats stats() const;

 private:
  struct Version {
    // The sequence number of the last write to a source of the bucket.
    uint64_t sequence = 0;
    uint32_t writes_in_flight = 0;
  };
  struct Stamp {
    uint32_t bucket;
    uint64_t sequence;
  };
  struct Entry {
    std::string key;
    Value value;
    std::vector<Stamp> stamps;
    // The newest of the stamps' sequence numbers: older snapshots may see
    // other data.
    uint64_t valid_from = 0;
    size_t bytes = 0;
    Priority priority = Priority::kLow;
    // In high_ (a high-priority entry until the pool outgrew its share), or
    // in low_.
    bool in_high_pool = false;
  };
  using Lru = std::list<Entry>;

  static uint32_t BucketOf(std::string_view source);
  bool Current(const Entry& entry) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  Lru& PoolOf(const Entry& entry) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Makes `entry` the most recently used of the pool its priority names.
  void Touch(Lru::iterator entry) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Moves high_'s least recently used entries to low_ past its share, then
  // drops entries past the capacity, low_'s first.
  void Trim() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void Erase(Lru::iterator entry) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const size_t capacity_bytes_;
  // The most high_ holds; the rest of the capacity is low_'s.
  const size_t high_pool_bytes_;
  mutable absl::Mutex mutex_;
  std::vector<Version> versions_ ABSL_GUARDED_BY(mutex_);
  // Each most recently used first.
  Lru high_ ABSL_GUARDED_BY(mutex_);
  Lru low_ ABSL_GUARDED_BY(mutex_);
  size_t high_bytes_ ABSL_GUARDED_BY(mutex_) = 0;
  // Views into the entries' keys.
  absl::flat_hash_map<std::string_view, Lru::iterator> index_
      ABSL_GUARDED_BY(mutex_);
  size_t bytes_ ABSL_GUARDED_BY(mutex_) = 0;
  uint64_t hits_ ABSL_GUARDED_BY(mutex_) = 0;
  uint64_t misses_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_READ_CACHE_H_
