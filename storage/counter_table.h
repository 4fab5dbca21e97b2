#ifndef GUESTVOICE_STORAGE_COUNTER_TABLE_H_
#define GUESTVOICE_STORAGE_COUNTER_TABLE_H_

// Counter tables: the values of the aggregates family. A table maps entry
// keys (any bytes, e.g. a voice id) to a few int64 counters, and tables are
// summed entry by entry: the aggregates family's merge operator sums a block's
// operands with SumCounterTables, and readers sum a hotel's blocks over an
// interval the same way. Packing every voice of a hotel and period into one
// value is what keeps insight reads per interval bounded: one value per block
// instead of one key per voice and day.
//
// Every counter is an integer on purpose: integer addition is associative and
// exact, so a table equals a brute-force recomputation over the same data
// whatever order RocksDB combines operands in. Quantities with fractions are
// stored as fixed-point integers scaled by a constant the writer documents.
// Sums wrap modulo 2^64 rather than overflow.
//
// Encoding (little-endian base-128 varints, as protobuf writes them):
//
//   table := u8(kCounterTableFormat) varint(slot count) entry*
//   entry := varint(key length) key zigzag-varint(slot)*  (slot count of them)
//
// Entries are in strictly ascending key order (memcmp) and never all zero: an
// entry whose sum is zero in every slot is dropped, since it adds nothing.
// Tables with fewer slots combine as if padded with zeros, so slots can be
// appended to a layout later.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace guestvoice::storage {

inline constexpr uint8_t kCounterTableFormat = 1;
inline constexpr size_t kMaxCounterSlots = 8;

// The counters of one entry; slots at or past `size` read as zero.
struct CounterSlots {
  std::array<int64_t, kMaxCounterSlots> values{};
  size_t size = 0;

  int64_t operator[](size_t slot) const {
    return slot < size ? values[slot] : 0;
  }
  bool AllZero() const;
};

// Writes a table; entries must be added in strictly ascending key order.
class CounterTableBuilder {
 public:
  // slot_count <= kMaxCounterSlots.
  explicit CounterTableBuilder(size_t slot_count);

  // Skips an entry whose slots are all zero. Slots past `slots.size()` are
  // zero; more than the table's slot count is a programming error.
  void Add(std::string_view key, absl::Span<const int64_t> slots);
  size_t entry_count() const { return entry_count_; }
  std::string Finish() &&;

 private:
  std::string table_;
  size_t slot_count_;
  size_t entry_count_ = 0;
};

// Reads a table front to back. The views it returns point into the table.
class CounterTableReader {
 public:
  // DATA_LOSS when the header is malformed.
  static absl::StatusOr<CounterTableReader> Open(std::string_view table);

  // Moves to the next entry; false at the end of the table, and also when an
  // entry is malformed or out of order, which status() then says.
  bool Next();
  std::string_view key() const { return key_; }
  const CounterSlots& slots() const { return slots_; }
  const absl::Status& status() const { return status_; }

 private:
  CounterTableReader(std::string_view entries, size_t slot_count);
  bool Fail(std::string_view what);

  std::string_view remaining_;
  std::string_view key_;
  CounterSlots slots_;
  absl::Status status_;
  bool started_ = false;
};

// Whether `table` decodes as a whole (header, order and every entry).
absl::Status CheckCounterTable(std::string_view table);

// Visits every key present in any of the tables, once and in ascending
// order, with its slots summed over `added` minus those of `subtracted`; keys
// whose sums are all zero are skipped. The views passed to `visit` point into
// the tables. DATA_LOSS (and no further visits) when a table is malformed.
absl::Status SumCounterTables(
    absl::Span<const std::string_view> added,
    absl::Span<const std::string_view> subtracted,
    absl::FunctionRef<void(std::string_view key, const CounterSlots& sums)>
        visit);

// The sum of `tables` as one table, with the most slots any of them has.
absl::StatusOr<std::string> MergeCounterTables(
    absl::Span<const std::string_view> tables);

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_COUNTER_TABLE_H_
