#ifndef GUESTVOICE_STORAGE_DECODED_COUNTER_TABLE_H_
#define GUESTVOICE_STORAGE_DECODED_COUNTER_TABLE_H_

// A counter table (counter_table.h) decoded once into flat arrays, for the
// read cache (read_cache.h): reading it again costs no varint
// decoding, no copy out of RocksDB and no order checks, and its entries can be
// summed with other decoded tables as encoded ones are.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "storage/counter_table.h"

namespace guestvoice::storage {

// Immutable once built; entries in strictly ascending key order, as in the
// encoded table.
class DecodedCounterTable {
 public:
  // Decodes an encoded table; DATA_LOSS when it is malformed.
  static absl::StatusOr<DecodedCounterTable> Decode(std::string_view table);

  size_t entry_count() const { return key_ends_.size(); }
  size_t slot_count() const { return slot_count_; }
  std::string_view key(size_t entry) const {
    const uint32_t begin = entry == 0 ? 0 : key_ends_[entry - 1];
    return std::string_view(keys_).substr(begin, key_ends_[entry] - begin);
  }
  // slot_count() values.
  const int64_t* slots(size_t entry) const {
    return slots_.data() + entry * slot_count_;
  }
  // What it takes in memory, for cache budgets.
  size_t memory_bytes() const;

 private:
  friend class DecodedCounterTableBuilder;
  explicit DecodedCounterTable(size_t slot_count) : slot_count_(slot_count) {}

  size_t slot_count_;
  // Every key's bytes, back to back; key i ends at key_ends_[i].
  std::string keys_;
  std::vector<uint32_t> key_ends_;
  // slot_count_ per entry, entry after entry.
  std::vector<int64_t> slots_;
};

// A shared, immutable decoded table, as the read cache holds them.
using CounterTable = std::shared_ptr<const DecodedCounterTable>;

// Builds a decoded table; entries must come in strictly ascending key order.
class DecodedCounterTableBuilder {
 public:
  // slot_count <= kMaxCounterSlots.
  explicit DecodedCounterTableBuilder(size_t slot_count);
  // Skips an entry whose slots are all zero; slots past `slots.size()` are
  // zero.
  void Add(std::string_view key, absl::Span<const int64_t> slots);
  DecodedCounterTable Finish() &&;

 private:
  DecodedCounterTable table_;
};

// SumCounterTables (counter_table.h) over decoded tables: visits every key of
// any of them once, in ascending order, with its slots summed over `added`
// minus `subtracted`, skipping keys whose sums are all zero. The views passed
// to `visit` point into the tables.
void SumDecodedCounterTables(
    absl::Span<const DecodedCounterTable* const> added,
    absl::Span<const DecodedCounterTable* const> subtracted,
    absl::FunctionRef<void(std::string_view key, const CounterSlots& sums)>
        visit);

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_DECODED_COUNTER_TABLE_H_
