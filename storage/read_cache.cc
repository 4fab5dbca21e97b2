#include "storage/read_cache.h"

#include <algorithm>
#include <utility>

#include "absl/hash/hash.h"

namespace guestvoice::storage {
namespace {

// Bookkeeping an entry costs besides its value: the list node, the index
// slot, the key and the stamps.
constexpr size_t kEntryOverheadBytes = 128;

}  // namespace

ReadCache::ReadCache(size_t capacity_bytes)
    : capacity_bytes_(capacity_bytes),
      high_pool_bytes_(capacity_bytes / 2),
      versions_(kVersionBuckets) {}

uint32_t ReadCache::BucketOf(std::string_view source) {
  return static_cast<uint32_t>(absl::HashOf(source) % kVersionBuckets);
}

bool ReadCache::Current(const Entry& entry) const {
  for (const Stamp& stamp : entry.stamps) {
    const Version& version = versions_[stamp.bucket];
    if (version.writes_in_flight != 0 || version.sequence != stamp.sequence) {
      return false;
    }
  }
  return true;
}

ReadCache::Lru& ReadCache::PoolOf(const Entry& entry) {
  return entry.in_high_pool ? high_ : low_;
}

void ReadCache::Touch(Lru::iterator entry) {
  const bool high = entry->priority == Priority::kHigh;
  Lru& to = high ? high_ : low_;
  to.splice(to.begin(), PoolOf(*entry), entry);
  if (high && !entry->in_high_pool) high_bytes_ += entry->bytes;
  entry->in_high_pool = high;
  Trim();
}

void ReadCache::Trim() {
  while (high_bytes_ > high_pool_bytes_) {
    const Lru::iterator oldest = std::prev(high_.end());
    oldest->in_high_pool = false;
    high_bytes_ -= oldest->bytes;
    low_.splice(low_.begin(), high_, oldest);
  }
  while (bytes_ > capacity_bytes_) {
    Erase(std::prev(low_.empty() ? high_.end() : low_.end()));
  }
}

void ReadCache::Erase(Lru::iterator entry) {
  bytes_ -= entry->bytes;
  if (entry->in_high_pool) high_bytes_ -= entry->bytes;
  index_.erase(entry->key);
  PoolOf(*entry).erase(entry);
}

std::optional<ReadCache::Value> ReadCache::Find(std::string_view key,
                                                uint64_t snapshot) {
  absl::MutexLock lock(&mutex_);
  auto found = index_.find(key);
  if (found == index_.end()) {
    ++misses_;
    return std::nullopt;
  }
  const Lru::iterator entry = found->second;
  if (!Current(*entry)) {
    // A source changed: the entry serves no read, old or new, again.
    Erase(entry);
    ++misses_;
    return std::nullopt;
  }
  if (snapshot < entry->valid_from) {
    // An older snapshot than the entry's sources: it may see other data.
    ++misses_;
    return std::nullopt;
  }
  Value value = entry->value;
  Touch(entry);
  ++hits_;
  return value;
}

void ReadCache::Insert(std::string_view key,
                       absl::Span<const std::string> sources, uint64_t snapshot,
                       Value value, size_t bytes, Priority priority) {
  Entry entry;
  entry.key = std::string(key);
  entry.priority = priority;
  entry.stamps.reserve(sources.size());
  entry.bytes =
      kEntryOverheadBytes + key.size() + sources.size() * sizeof(Stamp) + bytes;
  if (entry.bytes > capacity_bytes_) return;
  entry.value = std::move(value);
  absl::MutexLock lock(&mutex_);
  for (const std::string& source : sources) {
    const uint32_t bucket = BucketOf(source);
    const Version& version = versions_[bucket];
    // A write to the bucket since the snapshot, or one under way, may have
    // changed a source: what was read is not (or soon not) the current value.
    if (version.writes_in_flight != 0 || version.sequence > snapshot) return;
    entry.stamps.push_back({bucket, version.sequence});
    entry.valid_from = std::max(entry.valid_from, version.sequence);
  }
  if (auto found = index_.find(key); found != index_.end()) {
    Erase(found->second);
  }
  bytes_ += entry.bytes;
  low_.push_front(std::move(entry));
  index_.emplace(low_.front().key, low_.begin());
  Touch(low_.begin());
}

void ReadCache::BeginWrite(absl::Span<const std::string> sources) {
  absl::MutexLock lock(&mutex_);
  for (const std::string& source : sources) {
    ++versions_[BucketOf(source)].writes_in_flight;
  }
}

void ReadCache::EndWrite(absl::Span<const std::string> sources,
                         uint64_t sequence) {
  absl::MutexLock lock(&mutex_);
  for (const std::string& source : sources) {
    Version& version = versions_[BucketOf(source)];
    --version.writes_in_flight;
    version.sequence = std::max(version.sequence, sequence);
  }
}

void ReadCache::BeginWriteAll() {
  absl::MutexLock lock(&mutex_);
  for (Version& version : versions_) ++version.writes_in_flight;
}

void ReadCache::EndWriteAll(uint64_t sequence) {
  absl::MutexLock lock(&mutex_);
  for (Version& version : versions_) {
    --version.writes_in_flight;
    version.sequence = std::max(version.sequence, sequence);
  }
  index_.clear();
  high_.clear();
  low_.clear();
  bytes_ = 0;
  high_bytes_ = 0;
}

ReadCache::Stats ReadCache::stats() const {
  absl::MutexLock lock(&mutex_);
  return {hits_, misses_, high_.size() + low_.size(), bytes_};
}

}  // namespace guestvoice::storage
