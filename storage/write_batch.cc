#include "storage/write_batch.h"

namespace guestvoice::storage {

void WriteBatch::Put(ColumnFamily family, std::string_view key,
                     std::string_view value) {
  updates_.push_back(
      {Operation::kPut, family, std::string(key), std::string(value)});
}

void WriteBatch::Delete(ColumnFamily family, std::string_view key) {
  updates_.push_back({Operation::kDelete, family, std::string(key), {}});
}

void WriteBatch::Merge(ColumnFamily family, std::string_view key,
                       std::string_view operand) {
  updates_.push_back(
      {Operation::kMerge, family, std::string(key), std::string(operand)});
}

}  // namespace guestvoice::storage
