#include "storage/counters_merge_operator.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/env.h"

namespace guestvoice::storage {
namespace {

constexpr size_t kSlotBytes = 8;

uint64_t LoadSlot(const char* bytes) {
  uint64_t value = 0;
  for (int i = kSlotBytes - 1; i >= 0; --i) {
    value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  }
  return value;
}

void StoreSlot(uint64_t value, char* bytes) {
  for (size_t i = 0; i < kSlotBytes; ++i) {
    bytes[i] = static_cast<char>((value >> (8 * i)) & 0xFF);
  }
}

}  // namespace

std::string EncodeCounters(absl::Span<const int64_t> counters) {
  std::string value(counters.size() * kSlotBytes, '\0');
  for (size_t i = 0; i < counters.size(); ++i) {
    StoreSlot(static_cast<uint64_t>(counters[i]), &value[i * kSlotBytes]);
  }
  return value;
}

bool IsCountersValue(std::string_view value) {
  return value.size() % kSlotBytes == 0;
}

absl::StatusOr<std::vector<int64_t>> DecodeCounters(std::string_view value) {
  if (!IsCountersValue(value)) {
    return absl::DataLossError(
        absl::StrCat("counters value of ", value.size(),
                     " bytes is not a whole number of 8-byte slots"));
  }
  std::vector<int64_t> counters(value.size() / kSlotBytes);
  for (size_t i = 0; i < counters.size(); ++i) {
    counters[i] = static_cast<int64_t>(LoadSlot(&value[i * kSlotBytes]));
  }
  return counters;
}

bool CountersMergeOperator::Merge(const rocksdb::Slice& /*key*/,
                                  const rocksdb::Slice* existing_value,
                                  const rocksdb::Slice& value,
                                  std::string* new_value,
                                  rocksdb::Logger* logger) const {
  const rocksdb::Slice existing = existing_value ? *existing_value : "";
  if (!IsCountersValue(existing.ToStringView()) ||
      !IsCountersValue(value.ToStringView())) {
    // RocksDB turns a failed merge into a Corruption status for the read or
    // compaction that hit it.
    rocksdb::Log(rocksdb::InfoLogLevel::ERROR_LEVEL, logger,
                 "%s: operand sizes %zu and %zu are not multiples of 8", kName,
                 existing.size(), value.size());
    return false;
  }
  const rocksdb::Slice& longer =
      existing.size() >= value.size() ? existing : value;
  const rocksdb::Slice& shorter =
      existing.size() >= value.size() ? value : existing;
  new_value->assign(longer.data(), longer.size());
  for (size_t offset = 0; offset < shorter.size(); offset += kSlotBytes) {
    // Unsigned addition wraps instead of overflowing (which would be UB).
    StoreSlot(
        LoadSlot(&(*new_value)[offset]) + LoadSlot(shorter.data() + offset),
        &(*new_value)[offset]);
  }
  return true;
}

}  // namespace guestvoice::storage
