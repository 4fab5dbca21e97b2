#ifndef GUESTVOICE_STORAGE_WRITE_BATCH_H_
#define GUESTVOICE_STORAGE_WRITE_BATCH_H_

#include <string>
#include <string_view>
#include <vector>

#include "storage/column_family.h"

namespace guestvoice::storage {

// The updates of one logical mutation (a record with its index entries and
// counters), applied by Store::Write atomically across column families: after
// a crash either all of them are there or none is.
class WriteBatch {
 public:
  void Put(ColumnFamily family, std::string_view key, std::string_view value);
  void Delete(ColumnFamily family, std::string_view key);
  // Combined with the key's value by the family's merge operator; only
  // families with one (HasMergeOperator) accept it: Store::Write refuses a
  // batch that merges elsewhere, or writes a value to kAggregates that is not
  // a counter table (storage/counter_table.h).
  void Merge(ColumnFamily family, std::string_view key,
             std::string_view operand);

  bool empty() const { return updates_.empty(); }
  size_t count() const { return updates_.size(); }

 private:
  friend class Store;
  friend class RecordCache;

  enum class Operation { kPut, kDelete, kMerge };
  struct Update {
    Operation operation;
    ColumnFamily family;
    std::string key;
    std::string value;
  };

  // Column-family handles belong to one open DB, so the batch records the
  // family and the store turns it into a rocksdb::WriteBatch when writing.
  std::vector<Update> updates_;
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_WRITE_BATCH_H_
