// The read cache: what it serves and when it must not, on its own (the write
// and snapshot races, spelled out step by step) and through the Store, where
// every write of a block or a quote reaches it.

#include "storage/read_cache.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/counter_table.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::TempDir;

CounterTable TableOf(int64_t count) {
  DecodedCounterTableBuilder builder(1);
  builder.Add("voice", {count});
  return std::make_shared<const DecodedCounterTable>(
      std::move(builder).Finish());
}

// The read cache's values here are counts.
ReadCache::Value ValueOf(int64_t count) {
  return std::make_shared<const int64_t>(count);
}

// The count a cached value holds, 0 for a cached null, or -1 for a miss.
int64_t Count(const std::optional<ReadCache::Value>& value) {
  if (!value.has_value()) return -1;
  return *value == nullptr ? 0 : *static_cast<const int64_t*>(value->get());
}

// Insert's sources and sizes, as most of these tests use them.
void Put(ReadCache& cache, const std::string& key, uint64_t snapshot,
         ReadCache::Value value, std::vector<std::string> sources = {},
         ReadCache::Priority priority = ReadCache::Priority::kLow) {
  if (sources.empty()) sources = {key};
  cache.Insert(key, sources, snapshot, std::move(value), 8, priority);
}

void PutHigh(ReadCache& cache, const std::string& key, int64_t count) {
  Put(cache, key, 1, ValueOf(count), {key}, ReadCache::Priority::kHigh);
}

// What one entry of a one-letter key takes of the budget.
size_t EntryBytes() {
  ReadCache probe(1 << 20);
  Put(probe, "a", 1, ValueOf(1));
  return probe.stats().bytes;
}

std::vector<std::string> Sources(std::vector<std::string> sources) {
  return sources;
}

TEST(ReadCacheTest, ServesWhatWasInsertedUntilASourceIsWritten) {
  ReadCache cache(1 << 20);
  EXPECT_EQ(Count(cache.Find("block", 10)), -1);
  Put(cache, "block", 10, ValueOf(3));
  EXPECT_EQ(Count(cache.Find("block", 10)), 3);
  EXPECT_EQ(Count(cache.Find("block", 99)), 3) << "no write since";

  const std::vector<std::string> written = Sources({"block"});
  cache.BeginWrite(written);
  EXPECT_EQ(Count(cache.Find("block", 10)), -1) << "a write under way";
  cache.EndWrite(written, 11);
  EXPECT_EQ(Count(cache.Find("block", 12)), -1) << "written since";
  EXPECT_EQ(cache.stats().entries, 0u) << "a stale entry is dropped";
}

TEST(ReadCacheTest, ADerivedTableFollowsEachOfItsSources) {
  ReadCache cache(1 << 20);
  Put(cache, "sum", 10, ValueOf(5), {"january", "february"});
  EXPECT_EQ(Count(cache.Find("sum", 10)), 5);
  const std::vector<std::string> february = Sources({"february"});
  cache.BeginWrite(february);
  cache.EndWrite(february, 11);
  EXPECT_EQ(Count(cache.Find("sum", 11)), -1);
}

TEST(ReadCacheTest, RefusesWhatAWriteMayHaveOvertaken) {
  ReadCache cache(1 << 20);
  const std::vector<std::string> written = Sources({"block"});
  // Read at snapshot 10, inserted while a write is under way: refused.
  cache.BeginWrite(written);
  Put(cache, "block", 10, ValueOf(1));
  EXPECT_EQ(Count(cache.Find("block", 10)), -1);
  cache.EndWrite(written, 12);
  // Read at snapshot 10, inserted after the write at 12 ended: refused.
  Put(cache, "block", 10, ValueOf(1));
  EXPECT_EQ(Count(cache.Find("block", 20)), -1);
  // Read at 12, which sees the write: kept, for snapshots from 12 on.
  Put(cache, "block", 12, ValueOf(2));
  EXPECT_EQ(Count(cache.Find("block", 12)), 2);
  EXPECT_EQ(Count(cache.Find("block", 11)), -1) << "an older snapshot";
}

TEST(ReadCacheTest, CachesAbsenceToo) {
  ReadCache cache(1 << 20);
  Put(cache, "block", 10, nullptr);
  EXPECT_EQ(Count(cache.Find("block", 10)), 0);
}

TEST(ReadCacheTest, ClearingEveryBlockDropsEverything) {
  ReadCache cache(1 << 20);
  Put(cache, "block", 10, ValueOf(1));
  cache.BeginWriteAll();
  Put(cache, "other", 10, ValueOf(1));
  cache.EndWriteAll(11);
  EXPECT_EQ(Count(cache.Find("block", 11)), -1);
  EXPECT_EQ(Count(cache.Find("other", 11)), -1);
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(ReadCacheTest, KeepsTheMostRecentlyUsedWithinItsBudget) {
  const size_t entry_bytes = EntryBytes();
  ReadCache cache(entry_bytes * 2);
  Put(cache, "a", 1, ValueOf(1));
  Put(cache, "b", 1, ValueOf(2));
  EXPECT_EQ(Count(cache.Find("a", 1)), 1);  // a is now the most recent
  Put(cache, "c", 1, ValueOf(3));
  EXPECT_EQ(Count(cache.Find("b", 1)), -1) << "the least recently used";
  EXPECT_EQ(Count(cache.Find("a", 1)), 1);
  EXPECT_EQ(Count(cache.Find("c", 1)), 3);
  EXPECT_LE(cache.stats().bytes, entry_bytes * 2);

  ReadCache off(0);
  Put(off, "a", 1, ValueOf(1));
  EXPECT_EQ(Count(off.Find("a", 1)), -1);
}

// An organization-wide query reads more blocks than the budget holds; the
// values it answers from must still be there for the next call.
TEST(ReadCacheTest, WhatQueriesAnswerFromOutlivesAFloodOfBlocks) {
  const size_t entry_bytes = EntryBytes();
  ReadCache cache(entry_bytes * 4);
  PutHigh(cache, "v", 7);
  for (const char* block : {"a", "b", "c", "d", "e", "f"}) {
    Put(cache, block, 1, ValueOf(1));
  }
  EXPECT_EQ(Count(cache.Find("v", 1)), 7);
  EXPECT_EQ(Count(cache.Find("a", 1)), -1) << "blocks go first";
  EXPECT_EQ(Count(cache.Find("f", 1)), 1) << "the newest block stays";
  EXPECT_LE(cache.stats().bytes, entry_bytes * 4);
}

TEST(ReadCacheTest, OnlyHalfTheBudgetIsProtected) {
  const size_t entry_bytes = EntryBytes();
  ReadCache cache(entry_bytes * 4);
  PutHigh(cache, "x", 1);
  PutHigh(cache, "y", 2);
  PutHigh(cache, "z", 3);  // x, the oldest, leaves the protected half
  Put(cache, "a", 1, ValueOf(4));
  Put(cache, "b", 1, ValueOf(5));  // over budget: the oldest of the rest, x
  EXPECT_EQ(Count(cache.Find("x", 1)), -1);
  EXPECT_EQ(Count(cache.Find("y", 1)), 2);
  EXPECT_EQ(Count(cache.Find("z", 1)), 3);

  // z is now the most recently used, then y. w pushes y out of the protected
  // half; a hit takes y back, pushing z out instead, so z goes before y.
  PutHigh(cache, "w", 6);
  EXPECT_EQ(Count(cache.Find("y", 1)), 2);
  Put(cache, "c", 1, ValueOf(7));
  Put(cache, "d", 1, ValueOf(8));
  EXPECT_EQ(Count(cache.Find("z", 1)), -1);
  EXPECT_EQ(Count(cache.Find("y", 1)), 2);
  EXPECT_EQ(Count(cache.Find("w", 1)), 6);
  EXPECT_EQ(Count(cache.Find("d", 1)), 8);
  EXPECT_LE(cache.stats().bytes, entry_bytes * 4);
}

class StoreReadCacheTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(StoreOptions().read_cache_bytes); }

  void Open(size_t read_cache_bytes) {
    StoreOptions options;
    options.data_dir = dir_.Child("data");
    options.block_cache_bytes = 8 << 20;
    options.read_cache_bytes = read_cache_bytes;
    store_.reset();
    ASSERT_OK_AND_ASSIGN(store_, Store::Open(options));
  }

  void MergeCount(const std::string& key, int64_t count) {
    CounterTableBuilder table(1);
    table.Add("voice", {count});
    WriteBatch batch;
    batch.Merge(ColumnFamily::kAggregates, key, std::move(table).Finish());
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  // The count under `key` as ReadCounterTables returns it (0: absent).
  int64_t Read(const std::string& key, const Snapshot* snapshot = nullptr) {
    absl::StatusOr<std::vector<CounterTable>> tables =
        store_->ReadCounterTables({key}, snapshot);
    EXPECT_OK(tables.status());
    if (!tables.ok() || (*tables)[0] == nullptr) return 0;
    return (*tables)[0]->slots(0)[0];
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreReadCacheTest, AWriteShowsAtOnceAndSnapshotsKeepTheirView) {
  EXPECT_EQ(Read("block"), 0);
  MergeCount("block", 2);
  EXPECT_EQ(Read("block"), 2);
  EXPECT_EQ(Read("block"), 2);
  EXPECT_GE(store_->read_cache_stats().hits, 1u);

  const std::unique_ptr<Snapshot> before = store_->GetSnapshot();
  MergeCount("block", 3);
  EXPECT_EQ(Read("block"), 5) << "the cached 2 must not be served";
  EXPECT_EQ(Read("block", before.get()), 2) << "the snapshot's view";
  EXPECT_EQ(Read("block"), 5);
}

TEST_F(StoreReadCacheTest, ADerivedTableIsRederivedAfterAWrite) {
  int derivations = 0;
  auto derived = [&](const Snapshot& snapshot) -> int64_t {
    absl::StatusOr<CounterTable> table = store_->ReadDerivedCounterTable(
        "twice", {"block"}, snapshot,
        [&](absl::Span<const CounterTable> sources)
            -> absl::StatusOr<CounterTable> {
          ++derivations;
          return TableOf(sources[0] == nullptr ? 0
                                               : 2 * sources[0]->slots(0)[0]);
        });
    EXPECT_OK(table.status());
    return table.ok() ? (*table)->slots(0)[0] : -1;
  };
  MergeCount("block", 1);
  EXPECT_EQ(derived(*store_->GetSnapshot()), 2);
  EXPECT_EQ(derived(*store_->GetSnapshot()), 2);
  EXPECT_EQ(derivations, 1);
  MergeCount("block", 4);
  EXPECT_EQ(derived(*store_->GetSnapshot()), 10);
  EXPECT_EQ(derivations, 2);
}

TEST_F(StoreReadCacheTest, AValueComputedFromBlocksOutlivesMoreBlocks) {
  Open(16 << 10);
  MergeCount("block", 3);
  int computations = 0;
  auto figures = [&]() -> int64_t {
    const std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
    absl::StatusOr<ReadCache::Value> value = store_->ReadDerivedFromBlocks(
        "figures", {"block"}, *snapshot,
        [&]() -> absl::StatusOr<Store::CachedValue> {
          ++computations;
          return Store::CachedValue{
              std::make_shared<const int64_t>(Read("block", snapshot.get())),
              8};
        });
    EXPECT_OK(value.status());
    return value.ok() ? *static_cast<const int64_t*>(value->get()) : -1;
  };
  // Other queries' blocks, several times what the cache holds. They are
  // written before the figures are computed: a write drops what was computed
  // from any source in its hash bucket (ReadCache::BucketOf), and with 200
  // writes after, one of them would share "block"'s bucket about once in 330
  // runs (the hash seed changes with every run).
  constexpr int kOtherBlocks = 200;
  for (int i = 0; i < kOtherBlocks; ++i) {
    MergeCount(absl::StrCat("other", i), i + 1);
  }
  EXPECT_EQ(figures(), 3);
  for (int i = 0; i < kOtherBlocks; ++i) {
    EXPECT_EQ(Read(absl::StrCat("other", i)), i + 1);
  }
  ASSERT_LE(store_->read_cache_stats().bytes, size_t{16} << 10);
  EXPECT_EQ(figures(), 3);
  EXPECT_EQ(computations, 1);
}

TEST_F(StoreReadCacheTest, ClearingTheFamilyEmptiesCachedTables) {
  MergeCount("block", 2);
  EXPECT_EQ(Read("block"), 2);
  ASSERT_OK(store_->ClearFamily(ColumnFamily::kAggregates));
  EXPECT_EQ(Read("block"), 0);
}

TEST_F(StoreReadCacheTest, AQuoteWriteRecomputesWhatItsRangeGave) {
  const std::string prefix = NegativeQuotePrefix("acme", "lisbon", "wifi");
  int computations = 0;
  auto count_quotes = [&]() -> int64_t {
    const std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
    absl::StatusOr<ReadCache::Value> value = store_->ReadDerivedFromQuotes(
        "count", prefix, *snapshot,
        [&]() -> absl::StatusOr<Store::CachedValue> {
          ++computations;
          int64_t count = 0;
          EXPECT_OK(store_->Scan(
              ColumnFamily::kFeedback, prefix, "", 0,
              [&](std::string_view, std::string_view) {
                ++count;
                return ScanStep::kContinue;
              },
              snapshot.get()));
          return Store::CachedValue{std::make_shared<const int64_t>(count), 8};
        });
    EXPECT_OK(value.status());
    return value.ok() ? *static_cast<const int64_t*>(value->get()) : -1;
  };
  EXPECT_EQ(count_quotes(), 0);
  EXPECT_EQ(count_quotes(), 0);
  EXPECT_EQ(computations, 1);

  const std::string quote = NegativeQuoteKey(
      "acme", "lisbon", "wifi", absl::FromUnixSeconds(1'800'000'000), "f1", 0);
  WriteBatch put;
  put.Put(ColumnFamily::kFeedback, quote, "clause");
  ASSERT_OK(store_->Write(std::move(put)));
  EXPECT_EQ(count_quotes(), 1);
  EXPECT_EQ(computations, 2);

  WriteBatch erase;
  erase.Delete(ColumnFamily::kFeedback, quote);
  ASSERT_OK(store_->Write(std::move(erase)));
  EXPECT_EQ(count_quotes(), 0);
  EXPECT_EQ(computations, 3);
}

TEST_F(StoreReadCacheTest, AbsentBlocksReadAsNull) {
  absl::StatusOr<std::vector<CounterTable>> tables =
      store_->ReadCounterTables({"absent", "also-absent"});
  ASSERT_OK(tables.status());
  EXPECT_EQ((*tables)[0], nullptr);
  EXPECT_EQ((*tables)[1], nullptr);
}

}  // namespace
}  // namespace guestvoice::storage
