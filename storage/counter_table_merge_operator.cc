#include "storage/counter_table_merge_operator.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "rocksdb/env.h"
#include "storage/counter_table.h"
#include "storage/key_codec.h"

namespace guestvoice::storage {
namespace {

// The kind bytes of schema 1's per-voice aggregates (key_codec.h).
constexpr uint8_t kRetiredVoiceDayKind = 0xA0;
constexpr uint8_t kRetiredAspectDayKind = 0xA1;

// Whether `key` is one of schema 1's per-voice aggregate keys, whose values
// are not counter tables.
bool IsRetiredKey(std::string_view key) {
  KeyReader reader(key);
  if (!reader.ReadString().ok()) return false;
  absl::StatusOr<uint8_t> kind = reader.ReadByte();
  return kind.ok() &&
         (*kind == kRetiredVoiceDayKind || *kind == kRetiredAspectDayKind);
}

// Sums `tables` into `out`; false (logged) on a malformed table, which
// RocksDB reports as Corruption to the read or compaction that hit it.
bool Sum(const std::vector<std::string_view>& tables, std::string* out,
         rocksdb::Logger* logger) {
  absl::StatusOr<std::string> merged = MergeCounterTables(tables);
  if (!merged.ok()) {
    rocksdb::Log(rocksdb::InfoLogLevel::ERROR_LEVEL, logger, "%s: %s",
                 CounterTableMergeOperator::kName,
                 std::string(merged.status().message()).c_str());
    return false;
  }
  *out = *std::move(merged);
  return true;
}

}  // namespace

bool CounterTableMergeOperator::FullMergeV2(
    const MergeOperationInput& merge_in,
    MergeOperationOutput* merge_out) const {
  if (IsRetiredKey(merge_in.key.ToStringView())) {
    merge_out->existing_operand = merge_in.operand_list.back();
    return true;
  }
  std::vector<std::string_view> tables;
  tables.reserve(merge_in.operand_list.size() + 1);
  if (merge_in.existing_value != nullptr) {
    tables.push_back(merge_in.existing_value->ToStringView());
  }
  for (const rocksdb::Slice& operand : merge_in.operand_list) {
    tables.push_back(operand.ToStringView());
  }
  return Sum(tables, &merge_out->new_value, merge_in.logger);
}

bool CounterTableMergeOperator::PartialMergeMulti(
    const rocksdb::Slice& key, const std::deque<rocksdb::Slice>& operand_list,
    std::string* new_value, rocksdb::Logger* logger) const {
  if (IsRetiredKey(key.ToStringView())) {
    new_value->assign(operand_list.back().data(), operand_list.back().size());
    return true;
  }
  std::vector<std::string_view> tables;
  tables.reserve(operand_list.size());
  for (const rocksdb::Slice& operand : operand_list) {
    tables.push_back(operand.ToStringView());
  }
  return Sum(tables, new_value, logger);
}

}  // namespace guestvoice::storage
