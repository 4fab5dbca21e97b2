#ifndef GUESTVOICE_STORAGE_COUNTERS_MERGE_OPERATOR_H_
#define GUESTVOICE_STORAGE_COUNTERS_MERGE_OPERATOR_H_

// Counters for the aggregates family: a value is a vector of int64 slots
// (8 bytes each, little-endian), and merging adds slot by slot. Writers Merge
// a delta instead of reading, adding and writing back, so concurrent updates
// of one aggregate need no lock and cost one write each.
//
// Every slot is an integer on purpose: integer addition is associative and
// exact, so an aggregate equals a brute-force recomputation over the same data
// whatever order RocksDB combines operands in (flushes and compactions group
// them differently). Floating-point sums are not associative. Quantities with
// fractions (e.g. sentiment sums) are stored as fixed-point integers, scaled
// by a constant the writer chooses and documents (e.g. 1e6).
//
// Operands of different lengths combine as if the shorter were padded with
// zeros, so new slots can be appended to an aggregate's layout later. Sums wrap
// modulo 2^64 rather than overflow (at 1e6 per item that takes 9e12 items).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "rocksdb/merge_operator.h"

namespace guestvoice::storage {

std::string EncodeCounters(absl::Span<const int64_t> counters);
// Whether `value` has the shape of a counters value (whole 8-byte slots).
bool IsCountersValue(std::string_view value);
// DATA_LOSS when the size is not a multiple of 8 bytes.
absl::StatusOr<std::vector<int64_t>> DecodeCounters(std::string_view value);

class CountersMergeOperator final : public rocksdb::AssociativeMergeOperator {
 public:
  // Persisted in the store's OPTIONS file: never rename.
  static constexpr char kName[] = "guestvoice.CountersMergeOperator";

  bool Merge(const rocksdb::Slice& key, const rocksdb::Slice* existing_value,
             const rocksdb::Slice& value, std::string* new_value,
             rocksdb::Logger* logger) const override;
  const char* Name() const override { return kName; }
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_COUNTERS_MERGE_OPERATOR_H_
