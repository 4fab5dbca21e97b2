#include "storage/column_family.h"

#include "gtest/gtest.h"
#include "rocksdb/table.h"

namespace guestvoice::storage {
namespace {

const rocksdb::BlockBasedTableOptions& TableOptionsOf(
    const rocksdb::ColumnFamilyOptions& options) {
  const auto* table =
      options.table_factory->GetOptions<rocksdb::BlockBasedTableOptions>();
  EXPECT_NE(table, nullptr);
  return *table;
}

// Ingest looks up a dedupe key and a repeat key in the feedback family for
// every item, and both are almost always absent: bloom filters in its files
// and its memtable let those Gets skip the searches.
TEST(ColumnFamilyTest, TheFeedbackFamilyFiltersAbsentKeys) {
  const rocksdb::ColumnFamilyOptions options =
      ColumnFamilyOptionsFor(ColumnFamily::kFeedback, nullptr);
  EXPECT_NE(TableOptionsOf(options).filter_policy, nullptr);
  EXPECT_TRUE(options.memtable_whole_key_filtering);
  EXPECT_GT(options.memtable_prefix_bloom_size_ratio, 0);
}

// The default family holds a handful of keys (the schema stamp, the store's
// secret) that are read once at open.
TEST(ColumnFamilyTest, TheDefaultFamilyHasNoFilters) {
  const rocksdb::ColumnFamilyOptions options =
      ColumnFamilyOptionsFor(ColumnFamily::kDefault, nullptr);
  EXPECT_EQ(TableOptionsOf(options).filter_policy, nullptr);
  EXPECT_EQ(options.memtable_prefix_bloom_size_ratio, 0);
}

}  // namespace
}  // namespace guestvoice::storage
