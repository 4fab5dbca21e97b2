#include "storage/store_stats.h"

#include <memory>
#include <numeric>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::TempDir;

// Fields one by one: designated initializers would leave out members
// without defaults (-Wmissing-field-initializers).
StoreOptions OptionsFor(const TempDir& dir) {
  StoreOptions options;
  options.data_dir = dir.path();
  options.sync_writes = true;
  return options;
}

TEST(StoreStatsTest, CountTheStoresFilesSyncsAndCacheLookups) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                       Store::Open(OptionsFor(dir)));
  // Opening writes the schema stamp: counted from here on.
  ASSERT_OK_AND_ASSIGN(const StoreStats opened, store->Stats());
  for (int i = 0; i < 10; ++i) {
    WriteBatch batch;
    batch.Put(ColumnFamily::kDefault, absl::StrCat("key-", i),
              std::string(1000, 'x'));
    ASSERT_OK(store->Write(std::move(batch)));
  }
  ASSERT_OK(store->CompactAll());
  ASSERT_OK(store->Get(ColumnFamily::kDefault, "key-3").status());

  ASSERT_OK_AND_ASSIGN(const StoreStats stats, store->Stats());
  EXPECT_GE(stats.wal_syncs, 10u);
  // Ten one-key batches of 1,000-byte values from one thread: ten groups.
  EXPECT_EQ(stats.write_batches - opened.write_batches, 10u);
  EXPECT_EQ(stats.write_groups - opened.write_groups, 10u);
  EXPECT_EQ(stats.keys_written - opened.keys_written, 10u);
  EXPECT_GT(stats.bytes_written - opened.bytes_written, 10u * 1000u);
  EXPECT_GT(stats.live_data_bytes, 0u);
  EXPECT_GT(std::accumulate(stats.sst_files_per_level.begin(),
                            stats.sst_files_per_level.end(), uint64_t{0}),
            0u);
  EXPECT_GT(stats.block_cache_hits + stats.block_cache_misses, 0u);
  EXPECT_FALSE(stats.writes_stopped);
}

TEST(StoreStatsTest, AClosedStoreHasNone) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                       Store::Open(OptionsFor(dir)));
  ASSERT_OK(store->Close());
  EXPECT_THAT(store->Stats(), StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace guestvoice::storage
