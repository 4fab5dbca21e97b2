#include "storage/record_cache.h"

#include <utility>

#include "common/absl_view.h"

namespace guestvoice::storage {

std::optional<std::string> RecordCache::Find(ColumnFamily family,
                                             std::string_view key) const {
  absl::ReaderMutexLock lock(&mutex_);
  const FamilyEntries& entries = families_[static_cast<int>(family)];
  auto found = entries.values.find(AbslView(key));
  if (found == entries.values.end()) return std::nullopt;
  return found->second;
}

RecordCache::FillTicket RecordCache::BeginFill(ColumnFamily family,
                                               std::string_view key) {
  absl::MutexLock lock(&mutex_);
  PendingFill& pending =
      families_[static_cast<int>(family)].pending[std::string(key)];
  ++pending.fills;
  return FillTicket{pending.writes};
}

void RecordCache::FinishFill(ColumnFamily family, std::string_view key,
                             FillTicket ticket,
                             std::optional<std::string> value) {
  absl::MutexLock lock(&mutex_);
  FamilyEntries& entries = families_[static_cast<int>(family)];
  auto pending = entries.pending.find(AbslView(key));
  // BeginFill made the entry and only the last FinishFill removes it.
  const bool unchanged = pending->second.writes == ticket.writes_seen;
  if (--pending->second.fills == 0) entries.pending.erase(pending);
  if (!unchanged || !value.has_value()) return;
  if (size_ >= max_entries_) {
    for (FamilyEntries& family_entries : families_) {
      family_entries.values.clear();
    }
    size_ = 0;
  }
  auto [entry, inserted] =
      entries.values.insert_or_assign(std::string(key), *std::move(value));
  if (inserted) ++size_;
}

void RecordCache::InvalidateLocked(FamilyEntries& entries,
                                   std::string_view key) {
  if (auto found = entries.values.find(AbslView(key));
      found != entries.values.end()) {
    entries.values.erase(found);
    --size_;
  }
  if (auto pending = entries.pending.find(AbslView(key));
      pending != entries.pending.end()) {
    ++pending->second.writes;
  }
}

void RecordCache::Invalidate(const WriteBatch& batch) {
  absl::MutexLock lock(&mutex_);
  for (const WriteBatch::Update& update : batch.updates_) {
    FamilyEntries& entries = families_[static_cast<int>(update.family)];
    if (entries.values.empty() && entries.pending.empty()) continue;
    InvalidateLocked(entries, update.key);
  }
}

void RecordCache::InvalidateFamily(ColumnFamily family) {
  absl::MutexLock lock(&mutex_);
  FamilyEntries& entries = families_[static_cast<int>(family)];
  size_ -= entries.values.size();
  entries.values.clear();
  for (auto& [key, pending] : entries.pending) ++pending.writes;
}

size_t RecordCache::size() const {
  absl::ReaderMutexLock lock(&mutex_);
  return size_;
}

}  // namespace guestvoice::storage
