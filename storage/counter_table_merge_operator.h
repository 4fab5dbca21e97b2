#ifndef GUESTVOICE_STORAGE_COUNTER_TABLE_MERGE_OPERATOR_H_
#define GUESTVOICE_STORAGE_COUNTER_TABLE_MERGE_OPERATOR_H_

// The aggregates family's merge operator: writers Merge a counter table
// (storage/counter_table.h) holding their deltas instead of reading, adding
// and writing back, so concurrent updates of one block need no lock and cost
// one write each. Operands are summed with SumCounterTables, all of them at
// once (a k-way merge), so a block with many pending operands is combined in
// one pass rather than pairwise.
//
// Keys of the retired per-voice kinds (schema 1: kVoiceDayAggregate,
// kAspectDayAggregate) can still be met in a store being upgraded, until the
// upgrade's deletion reaches them in compaction; nothing reads them, so their
// operands resolve to the newest one and never fail a compaction.

#include "rocksdb/merge_operator.h"

namespace guestvoice::storage {

class CounterTableMergeOperator final : public rocksdb::MergeOperator {
 public:
  // Persisted in the store's OPTIONS file: never rename.
  static constexpr char kName[] = "guestvoice.CounterTableMergeOperator";

  bool FullMergeV2(const MergeOperationInput& merge_in,
                   MergeOperationOutput* merge_out) const override;
  bool PartialMergeMulti(const rocksdb::Slice& key,
                         const std::deque<rocksdb::Slice>& operand_list,
                         std::string* new_value,
                         rocksdb::Logger* logger) const override;
  const char* Name() const override { return kName; }
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_COUNTER_TABLE_MERGE_OPERATOR_H_
