// The aggregates family's merge operator, through a real store: flushes,
// compactions and reopening combine operands in every grouping RocksDB
// chooses.

#include "storage/counter_table_merge_operator.h"

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/counter_table.h"
#include "storage/key_codec.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::TempDir;
using ::testing::Optional;

using Entries = std::map<std::string, std::vector<int64_t>>;

std::string Table(const Entries& entries) {
  CounterTableBuilder builder(2);
  for (const auto& [key, slots] : entries) builder.Add(key, slots);
  return std::move(builder).Finish();
}

class CounterTablesInStoreTest : public ::testing::Test {
 protected:
  void Open() {
    StoreOptions options;
    options.data_dir = dir_.Child("data");
    options.block_cache_bytes = 8 << 20;
    ASSERT_OK_AND_ASSIGN(store_, Store::Open(options));
  }

  void Merge(const std::string& key, const std::string& operand) {
    WriteBatch batch;
    batch.Merge(ColumnFamily::kAggregates, key, operand);
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  std::optional<std::string> Get(const std::string& key) {
    absl::StatusOr<std::optional<std::string>> value =
        store_->Get(ColumnFamily::kAggregates, key);
    EXPECT_TRUE(value.ok()) << value.status();
    return value.ok() ? *value : std::nullopt;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(CounterTablesInStoreTest, SumsSurviveFlushCompactionAndReopen) {
  Open();
  Entries expected;
  std::mt19937_64 random(8);
  for (int step = 0; step < 4; ++step) {
    for (int i = 0; i < 25; ++i) {
      const std::string voice = "voice" + std::to_string(random() % 10);
      const std::vector<int64_t> delta = {
          1, static_cast<int64_t>(random() % 2001) - 1000};
      std::vector<int64_t>& sum = expected[voice];
      sum.resize(2);
      sum[0] += delta[0];
      sum[1] += delta[1];
      Merge("hotel-day", Table({{voice, delta}}));
    }
    // Operands end up spread over memtable, L0 files and the last level.
    if (step % 2 == 0) {
      ASSERT_OK(store_->CompactAll());
    }
  }
  EXPECT_THAT(Get("hotel-day"), Optional(Table(expected)));
  ASSERT_OK(store_->CompactAll());
  EXPECT_THAT(Get("hotel-day"), Optional(Table(expected)));
  ASSERT_OK(store_->Close());
  store_.reset();
  Open();
  EXPECT_THAT(Get("hotel-day"), Optional(Table(expected)));
}

TEST_F(CounterTablesInStoreTest, MergeOntoAPutTable) {
  Open();
  WriteBatch batch;
  batch.Put(ColumnFamily::kAggregates, "k", Table({{"a", {10, 20}}}));
  ASSERT_OK(store_->Write(std::move(batch)));
  Merge("k", Table({{"a", {1, 0}}, {"b", {1, 1}}}));
  EXPECT_THAT(Get("k"), Optional(Table({{"a", {11, 20}}, {"b", {1, 1}}})));
}

TEST_F(CounterTablesInStoreTest, EntriesThatCancelOutDisappear) {
  Open();
  Merge("k", Table({{"moved", {1, 500}}, {"stays", {1, 1}}}));
  Merge("k", Table({{"moved", {-1, -500}}}));
  EXPECT_THAT(Get("k"), Optional(Table({{"stays", {1, 1}}})));
  ASSERT_OK(store_->CompactAll());
  EXPECT_THAT(Get("k"), Optional(Table({{"stays", {1, 1}}})));
}

// A store upgraded from schema 1 may still hold per-voice keys (8-byte
// counters, not tables) with pending operands until compaction drops them:
// they must never fail a merge, which in a compaction would stop the store's
// writes. Nothing reads them, so the newest operand wins.
TEST(CounterTableMergeOperatorTest, RetiredSchema1KeysResolveToTheNewest) {
  KeyBuilder retired;
  retired.AppendString("org").AppendByte(0xA0).AppendString("hotel");
  const std::string existing(8, '\x01');
  const std::vector<rocksdb::Slice> operands = {std::string_view("\x02"),
                                                std::string_view("\x03")};
  const rocksdb::Slice existing_slice(existing);
  // The input keeps references: every Slice must outlive it.
  const rocksdb::Slice retired_key(retired.key());
  const rocksdb::MergeOperator::MergeOperationInput in(
      retired_key, &existing_slice, operands, nullptr);
  std::string new_value;
  rocksdb::Slice existing_operand;
  rocksdb::MergeOperator::MergeOperationOutput out(new_value, existing_operand);
  ASSERT_TRUE(CounterTableMergeOperator().FullMergeV2(in, &out));
  EXPECT_EQ(existing_operand.ToString(), "\x03");

  // A block key with the same operands is a malformed table: refused.
  KeyBuilder block;
  block.AppendString("org").AppendKind(KeyKind::kVoiceBlock);
  const rocksdb::Slice block_key(block.key());
  const rocksdb::MergeOperator::MergeOperationInput block_in(
      block_key, &existing_slice, operands, nullptr);
  EXPECT_FALSE(CounterTableMergeOperator().FullMergeV2(block_in, &out));
}

}  // namespace
}  // namespace guestvoice::storage
