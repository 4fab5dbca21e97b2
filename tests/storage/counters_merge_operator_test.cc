#include "storage/counters_merge_operator.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::Optional;

// Merges `operand` into `existing` (nullopt: no value yet) as RocksDB would.
std::string MergeOf(const std::optional<std::string>& existing,
                    const std::string& operand) {
  const rocksdb::Slice existing_slice =
      existing ? rocksdb::Slice(*existing) : rocksdb::Slice();
  std::string merged;
  EXPECT_TRUE(CountersMergeOperator().Merge(
      "key", existing ? &existing_slice : nullptr, operand, &merged, nullptr));
  return merged;
}

std::vector<int64_t> Decoded(const std::string& value) {
  absl::StatusOr<std::vector<int64_t>> counters = DecodeCounters(value);
  EXPECT_TRUE(counters.ok()) << counters.status();
  return counters.ok() ? *counters : std::vector<int64_t>();
}

TEST(CountersTest, EncodeDecodeRoundTrips) {
  const std::vector<int64_t> counters = {0, 1, -1,
                                         std::numeric_limits<int64_t>::min(),
                                         std::numeric_limits<int64_t>::max()};
  const std::string encoded = EncodeCounters(counters);
  EXPECT_EQ(encoded.size(), 8 * counters.size());
  EXPECT_THAT(Decoded(encoded), ElementsAreArray(counters));
  EXPECT_THAT(Decoded(""), ElementsAre());
}

TEST(CountersTest, EncodingIsLittleEndianFixedWidth) {
  EXPECT_EQ(EncodeCounters({0x0102030405060708}),
            std::string("\x08\x07\x06\x05\x04\x03\x02\x01", 8));
}

TEST(CountersTest, DecodeRejectsPartialSlots) {
  EXPECT_FALSE(IsCountersValue("1234567"));
  EXPECT_THAT(DecodeCounters("1234567"), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(CountersMergeOperatorTest, FirstOperandBecomesTheValue) {
  EXPECT_THAT(Decoded(MergeOf(std::nullopt, EncodeCounters({4, -2}))),
              ElementsAre(4, -2));
}

TEST(CountersMergeOperatorTest, AddsSlotwise) {
  EXPECT_THAT(Decoded(MergeOf(EncodeCounters({1, 10, -5}),
                              EncodeCounters({2, -20, 5}))),
              ElementsAre(3, -10, 0));
}

TEST(CountersMergeOperatorTest, ZeroExtendsTheShorterSide) {
  EXPECT_THAT(Decoded(MergeOf(EncodeCounters({1}), EncodeCounters({1, 2, 3}))),
              ElementsAre(2, 2, 3));
  EXPECT_THAT(Decoded(MergeOf(EncodeCounters({1, 2, 3}), EncodeCounters({1}))),
              ElementsAre(2, 2, 3));
  EXPECT_THAT(Decoded(MergeOf(EncodeCounters({7}), "")), ElementsAre(7));
}

TEST(CountersMergeOperatorTest, WrapsInsteadOfOverflowing) {
  EXPECT_THAT(
      Decoded(MergeOf(EncodeCounters({std::numeric_limits<int64_t>::max()}),
                      EncodeCounters({1}))),
      ElementsAre(std::numeric_limits<int64_t>::min()));
}

TEST(CountersMergeOperatorTest, RejectsMalformedOperands) {
  std::string merged;
  const rocksdb::Slice existing("1234567");
  EXPECT_FALSE(CountersMergeOperator().Merge(
      "key", &existing, EncodeCounters({1}), &merged, nullptr));
  EXPECT_FALSE(
      CountersMergeOperator().Merge("key", nullptr, "123", &merged, nullptr));
}

// RocksDB folds operands in whatever grouping its flushes and compactions
// produce; every grouping must give the plain sum.
TEST(CountersMergeOperatorTest, AnyGroupingGivesTheSameSum) {
  std::mt19937_64 random(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> operands;
    std::vector<int64_t> expected(4, 0);
    const int count = 1 + static_cast<int>(random() % 12);
    for (int i = 0; i < count; ++i) {
      std::vector<int64_t> slots(1 + random() % 4);
      for (size_t s = 0; s < slots.size(); ++s) {
        slots[s] = static_cast<int64_t>(random() % 2'000'001) - 1'000'000;
        expected[s] += slots[s];
      }
      operands.push_back(EncodeCounters(slots));
    }
    // Reduce random adjacent pairs until one value is left.
    while (operands.size() > 1) {
      const size_t i = random() % (operands.size() - 1);
      operands[i] = MergeOf(operands[i], operands[i + 1]);
      operands.erase(operands.begin() + i + 1);
    }
    std::vector<int64_t> sum = Decoded(operands[0]);
    sum.resize(expected.size(), 0);
    EXPECT_EQ(sum, expected) << "round " << round;
  }
}

class CountersInStoreTest : public ::testing::Test {
 protected:
  void Open() {
    StoreOptions options;
    options.data_dir = dir_.Child("data");
    options.block_cache_bytes = 8 << 20;
    ASSERT_OK_AND_ASSIGN(store_, Store::Open(options));
  }

  void Add(const std::string& key, std::vector<int64_t> delta) {
    WriteBatch batch;
    batch.Merge(ColumnFamily::kAggregates, key, EncodeCounters(delta));
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

TEST_F(CountersInStoreTest, SumsSurviveFlushCompactionAndReopen) {
  Open();
  std::vector<int64_t> expected = {0, 0, 0};
  std::mt19937_64 random(8);
  for (int step = 0; step < 4; ++step) {
    for (int i = 0; i < 25; ++i) {
      // Older writers used fewer slots; newer ones append a third.
      std::vector<int64_t> delta = {
          1, static_cast<int64_t>(random() % 2001) - 1000};
      if (step >= 2) delta.push_back(static_cast<int64_t>(random() % 100));
      for (size_t s = 0; s < delta.size(); ++s) expected[s] += delta[s];
      Add("hotel-day", delta);
    }
    // Operands end up spread over memtable, L0 files and the last level.
    if (step % 2 == 0) {
      ASSERT_OK(store_->CompactAll());
    }
  }
  EXPECT_THAT(Get("hotel-day"), Optional(EncodeCounters(expected)));
  ASSERT_OK(store_->CompactAll());
  EXPECT_THAT(Get("hotel-day"), Optional(EncodeCounters(expected)));
  ASSERT_OK(store_->Close());
  store_.reset();
  Open();
  EXPECT_THAT(Get("hotel-day"), Optional(EncodeCounters(expected)));
}

TEST_F(CountersInStoreTest, MergeOntoAPutValue) {
  Open();
  WriteBatch batch;
  batch.Put(ColumnFamily::kAggregates, "k", EncodeCounters({10, 20}));
  ASSERT_OK(store_->Write(std::move(batch)));
  Add("k", {1});
  EXPECT_THAT(Get("k"), Optional(EncodeCounters({11, 20})));
}

}  // namespace
}  // namespace guestvoice::storage
