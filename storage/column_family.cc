#include "storage/column_family.h"

#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "storage/counter_table_merge_operator.h"

namespace guestvoice::storage {
namespace {

constexpr double kBloomBitsPerKey = 10;  // ~1% false positives.

struct FamilyTraits {
  std::string_view name;
  // Whole-key bloom filters make a Get for an absent key skip most files.
  // Worth it where point lookups dominate; prefix scans gain nothing from
  // whole-key filters (and keys have no fixed-length prefix for a prefix
  // extractor, since they begin with a length-prefixed org id).
  bool bloom_filter;
  // Feedback text is most of the bytes on disk and compresses well.
  bool bulk_text;
};

FamilyTraits TraitsOf(ColumnFamily family) {
  switch (family) {
    case ColumnFamily::kDefault:
      return {"default", false, false};
    case ColumnFamily::kEntities:
      return {"entities", true, false};
    case ColumnFamily::kIndexes:
      return {"indexes", true, false};
    case ColumnFamily::kFeedback:
      return {"feedback", false, true};
    case ColumnFamily::kAggregates:
      return {"aggregates", true, false};
    case ColumnFamily::kRequests:
      return {"requests", true, false};
  }
  return {"", false, false};
}

}  // namespace

std::string_view ColumnFamilyName(ColumnFamily family) {
  return TraitsOf(family).name;
}

std::optional<ColumnFamily> ColumnFamilyNamed(std::string_view name) {
  for (ColumnFamily family : kAllColumnFamilies) {
    if (ColumnFamilyName(family) == name) return family;
  }
  return std::nullopt;
}

bool HasMergeOperator(ColumnFamily family) {
  return family == ColumnFamily::kAggregates;
}

rocksdb::ColumnFamilyOptions ColumnFamilyOptionsFor(
    ColumnFamily family, const std::shared_ptr<rocksdb::Cache>& block_cache) {
  const FamilyTraits traits = TraitsOf(family);
  rocksdb::ColumnFamilyOptions options;
  // Level compaction (the default style) with dynamic level sizes keeps space
  // amplification near 1.1x however large the store grows.
  options.level_compaction_dynamic_level_bytes = true;
  // LZ4 costs little CPU on the write path; Debian's librocksdb links LZ4 and
  // ZSTD (an unlinked codec would make Open fail, which the tests would see).
  options.compression = rocksdb::kLZ4Compression;

  rocksdb::BlockBasedTableOptions table;
  table.block_cache = block_cache;
  // Index and filter blocks live in the shared cache too, so the cache size
  // bounds memory as the store grows; pinning L0's keeps the hottest ones from
  // being evicted by bulk scans.
  table.cache_index_and_filter_blocks = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  if (traits.bloom_filter) {
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(kBloomBitsPerKey));
  }
  if (traits.bulk_text) {
    // Larger blocks and ZSTD in the last level, where ~90% of the data ends
    // up, trade a little read CPU for a much smaller store.
    table.block_size = 16 * 1024;
    options.bottommost_compression = rocksdb::kZSTD;
  }
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  if (HasMergeOperator(family)) {
    options.merge_operator = std::make_shared<CounterTableMergeOperator>();
  }
  return options;
}

rocksdb::ColumnFamilyDescriptor ColumnFamilyDescriptorFor(
    ColumnFamily family, const std::shared_ptr<rocksdb::Cache>& block_cache) {
  return rocksdb::ColumnFamilyDescriptor(
      std::string(ColumnFamilyName(family)),
      ColumnFamilyOptionsFor(family, block_cache));
}

}  // namespace guestvoice::storage
