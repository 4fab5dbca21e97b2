#include "storage/store.h"

#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/counter_table.h"
#include "storage/keys.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::storage {
namespace {

// A one-entry counter table, as the aggregates family holds.
std::string Counters(std::vector<int64_t> slots) {
  CounterTableBuilder table(slots.size());
  table.Add("entry", slots);
  return std::move(table).Finish();
}

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::Pair;

class StoreTest : public ::testing::Test {
 protected:
  StoreOptions Options() const {
    StoreOptions options;
    options.data_dir = dir_.Child("data");
    options.block_cache_bytes = 8 << 20;
    return options;
  }

  void Open() { ASSERT_OK_AND_ASSIGN(store_, Store::Open(Options())); }

  void Reopen() {
    ASSERT_OK(store_->Close());
    store_.reset();
    Open();
  }

  void Put(ColumnFamily family, const std::string& key,
           const std::string& value) {
    WriteBatch batch;
    batch.Put(family, key, value);
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  std::optional<std::string> Get(ColumnFamily family, const std::string& key,
                                 const Snapshot* snapshot = nullptr) {
    absl::StatusOr<std::optional<std::string>> value =
        store_->Get(family, key, snapshot);
    EXPECT_THAT(value, IsOk());
    return value.ok() ? *value : std::nullopt;
  }

  // Every entry a Scan visits, as (key, value) pairs.
  std::vector<std::pair<std::string, std::string>> ScanAll(
      ColumnFamily family, std::string_view prefix,
      std::string_view start_after = "", size_t limit = 0) {
    std::vector<std::pair<std::string, std::string>> entries;
    EXPECT_OK(store_->Scan(family, prefix, start_after, limit,
                           [&](std::string_view key, std::string_view value) {
                             entries.emplace_back(key, value);
                             return ScanStep::kContinue;
                           }));
    return entries;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, OpenCreatesTheDirectoryAndStampsTheSchema) {
  Open();
  EXPECT_EQ(store_->data_dir(),
            std::filesystem::canonical(Options().data_dir).string());
  const SchemaStamp& stamp = store_->schema_stamp();
  EXPECT_EQ(stamp.format, "guestvoice");
  EXPECT_EQ(stamp.schema_version, Store::kSchemaVersion);
  EXPECT_EQ(stamp.store_id.size(), 32u);

  std::optional<std::string> stored =
      Get(ColumnFamily::kDefault, SchemaStampKey());
  ASSERT_TRUE(stored.has_value());
  ASSERT_OK_AND_ASSIGN(SchemaStamp decoded, DecodeSchemaStamp(*stored));
  EXPECT_EQ(decoded.store_id, stamp.store_id);
}

TEST_F(StoreTest, ReopenKeepsDataAndTheStamp) {
  Open();
  const SchemaStamp stamp = store_->schema_stamp();
  Put(ColumnFamily::kEntities, HotelKey("acme", "paris"), "hotel record");
  Put(ColumnFamily::kRequests, RequestIdKey("acme", "CreateHotel", "r1"), "r");
  Reopen();
  EXPECT_THAT(Get(ColumnFamily::kEntities, HotelKey("acme", "paris")),
              Optional(std::string("hotel record")));
  EXPECT_THAT(
      Get(ColumnFamily::kRequests, RequestIdKey("acme", "CreateHotel", "r1")),
      Optional(std::string("r")));
  EXPECT_EQ(store_->schema_stamp().store_id, stamp.store_id);
  EXPECT_EQ(store_->schema_stamp().created, stamp.created);
}

TEST_F(StoreTest, TheSecretIsMadeOnceKeptAndOwnToEachStore) {
  Open();
  const std::string secret = store_->secret();
  EXPECT_EQ(secret.size(), 32u);
  Reopen();
  EXPECT_EQ(store_->secret(), secret);

  StoreOptions other = Options();
  other.data_dir = dir_.Child("other");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> another, Store::Open(other));
  EXPECT_NE(another->secret(), secret);
}

// Nodes of a cluster: a shared secret replaces each store's own while given,
// and leaves the store's own on disk, unchanged, for a start without it.
TEST_F(StoreTest, ASharedSecretReplacesTheStoresOwnWhileGiven) {
  Open();
  const std::string own = store_->secret();
  ASSERT_OK(store_->Close());
  store_.reset();

  const std::string shared(kMinSharedSecretBytes, 's');
  StoreOptions with_shared = Options();
  with_shared.shared_secret = shared;
  ASSERT_OK_AND_ASSIGN(store_, Store::Open(with_shared));
  EXPECT_EQ(store_->secret(), shared);
  EXPECT_THAT(Get(ColumnFamily::kDefault, StoreSecretKey()), Optional(own));
  StoreOptions other = with_shared;
  other.data_dir = dir_.Child("other");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> another, Store::Open(other));
  EXPECT_EQ(another->secret(), shared);

  Reopen();
  EXPECT_EQ(store_->secret(), own);
}

TEST_F(StoreTest, ASharedSecretTooShortIsRefusedBeforeTheDataDirIsMade) {
  StoreOptions options = Options();
  options.shared_secret = std::string(kMinSharedSecretBytes - 1, 's');
  EXPECT_THAT(Store::Open(options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("shared_secret has 31 bytes, needs at least "
                                 "32")));
  EXPECT_FALSE(std::filesystem::exists(options.data_dir));
}

// A store written before secrets existed gains one on its next open.
TEST_F(StoreTest, AStoreWithoutASecretGainsOne) {
  Open();
  WriteBatch batch;
  batch.Delete(ColumnFamily::kDefault, StoreSecretKey());
  ASSERT_OK(store_->Write(std::move(batch)));
  Reopen();
  EXPECT_EQ(store_->secret().size(), 32u);
  EXPECT_THAT(Get(ColumnFamily::kDefault, StoreSecretKey()),
              Optional(store_->secret()));
}

TEST_F(StoreTest, GetOfAMissingKeyIsNullopt) {
  Open();
  EXPECT_EQ(Get(ColumnFamily::kEntities, "absent"), std::nullopt);
}

TEST_F(StoreTest, FamiliesAreSeparateKeyspaces) {
  Open();
  Put(ColumnFamily::kEntities, "k", "entity");
  Put(ColumnFamily::kIndexes, "k", "index");
  EXPECT_THAT(Get(ColumnFamily::kEntities, "k"),
              Optional(std::string("entity")));
  EXPECT_THAT(Get(ColumnFamily::kIndexes, "k"), Optional(std::string("index")));
  EXPECT_EQ(Get(ColumnFamily::kFeedback, "k"), std::nullopt);
}

TEST_F(StoreTest, WriteBatchAppliesEveryUpdateAcrossFamilies) {
  Open();
  Put(ColumnFamily::kEntities, "old", "x");
  WriteBatch batch;
  batch.Put(ColumnFamily::kEntities, HotelKey("acme", "rome"), "hotel");
  batch.Put(ColumnFamily::kIndexes, OrganizationIndexKey("acme"), "");
  batch.Delete(ColumnFamily::kEntities, "old");
  batch.Merge(ColumnFamily::kAggregates, "count", Counters({3}));
  EXPECT_FALSE(batch.empty());
  EXPECT_EQ(batch.count(), 4u);
  ASSERT_OK(store_->Write(std::move(batch)));
  Reopen();
  EXPECT_THAT(Get(ColumnFamily::kEntities, HotelKey("acme", "rome")),
              Optional(std::string("hotel")));
  EXPECT_THAT(Get(ColumnFamily::kIndexes, OrganizationIndexKey("acme")),
              Optional(std::string("")));
  EXPECT_EQ(Get(ColumnFamily::kEntities, "old"), std::nullopt);
  EXPECT_THAT(Get(ColumnFamily::kAggregates, "count"), Optional(Counters({3})));
}

TEST_F(StoreTest, AMergeIntoAFamilyWithoutOperatorRejectsTheWholeBatch) {
  Open();
  // RocksDB itself would apply the Put, then fail on the Merge after the
  // batch reached the WAL; the store must refuse before writing anything.
  WriteBatch batch;
  batch.Put(ColumnFamily::kEntities, "first", "x");
  batch.Merge(ColumnFamily::kEntities, "second", "y");
  EXPECT_THAT(store_->Write(std::move(batch)),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("entities")));
  EXPECT_EQ(Get(ColumnFamily::kEntities, "first"), std::nullopt);
  Reopen();
  EXPECT_EQ(Get(ColumnFamily::kEntities, "first"), std::nullopt);
}

TEST_F(StoreTest, AMalformedCounterTableRejectsTheWholeBatch) {
  Open();
  WriteBatch merge;
  merge.Put(ColumnFamily::kEntities, "first", "x");
  merge.Merge(ColumnFamily::kAggregates, "sum", "123");
  EXPECT_THAT(
      store_->Write(std::move(merge)),
      StatusIs(absl::StatusCode::kInternal, HasSubstr("not a counter table")));
  WriteBatch put;
  put.Put(ColumnFamily::kAggregates, "sum", "1234567");
  EXPECT_THAT(store_->Write(std::move(put)),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(Get(ColumnFamily::kEntities, "first"), std::nullopt);
  EXPECT_EQ(Get(ColumnFamily::kAggregates, "sum"), std::nullopt);
}

TEST_F(StoreTest, CachedReadsSeeEveryWriteAndClear) {
  Open();
  auto cached = [&](const std::string& key) {
    absl::StatusOr<std::optional<std::string>> value =
        store_->GetCached(ColumnFamily::kEntities, key);
    EXPECT_THAT(value, IsOk());
    return value.ok() ? *value : std::nullopt;
  };
  EXPECT_EQ(cached("hotel"), std::nullopt);
  Put(ColumnFamily::kEntities, "hotel", "Europe/Lisbon");
  EXPECT_THAT(cached("hotel"), Optional(std::string("Europe/Lisbon")));
  EXPECT_THAT(cached("hotel"), Optional(std::string("Europe/Lisbon")));

  Put(ColumnFamily::kEntities, "hotel", "Asia/Tokyo");
  EXPECT_THAT(cached("hotel"), Optional(std::string("Asia/Tokyo")));
  // The same key in another family is another record.
  Put(ColumnFamily::kIndexes, "hotel", "an index entry");
  EXPECT_THAT(cached("hotel"), Optional(std::string("Asia/Tokyo")));

  WriteBatch erase;
  erase.Delete(ColumnFamily::kEntities, "hotel");
  ASSERT_OK(store_->Write(std::move(erase)));
  EXPECT_EQ(cached("hotel"), std::nullopt);

  Put(ColumnFamily::kEntities, "hotel", "Europe/Paris");
  EXPECT_THAT(cached("hotel"), Optional(std::string("Europe/Paris")));
  ASSERT_OK(store_->ClearFamily(ColumnFamily::kEntities));
  EXPECT_EQ(cached("hotel"), std::nullopt);

  ASSERT_OK(store_->Close());
  EXPECT_THAT(store_->GetCached(ColumnFamily::kEntities, "hotel"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(StoreTest, ClearFamilyDeletesEveryEntryOfThatFamilyOnly) {
  Open();
  ASSERT_OK(store_->ClearFamily(ColumnFamily::kAggregates));  // empty: no-op
  WriteBatch batch;
  for (const char* key : {"", "a", "\xff\xff\xff"}) {
    batch.Merge(ColumnFamily::kAggregates, key, Counters({1}));
  }
  batch.Put(ColumnFamily::kEntities, "kept", "x");
  ASSERT_OK(store_->Write(std::move(batch)));
  ASSERT_OK(store_->ClearFamily(ColumnFamily::kAggregates));
  int left = 0;
  ASSERT_OK(store_->Scan(ColumnFamily::kAggregates, "", "", 0,
                         [&](std::string_view, std::string_view) {
                           ++left;
                           return ScanStep::kContinue;
                         }));
  EXPECT_EQ(left, 0);
  EXPECT_THAT(Get(ColumnFamily::kEntities, "kept"), Optional(std::string("x")));
  // Later merges start from nothing.
  WriteBatch again;
  again.Merge(ColumnFamily::kAggregates, "a", Counters({2}));
  ASSERT_OK(store_->Write(std::move(again)));
  Reopen();
  EXPECT_THAT(Get(ColumnFamily::kAggregates, "a"), Optional(Counters({2})));
  EXPECT_EQ(Get(ColumnFamily::kAggregates, ""), std::nullopt);
}

TEST_F(StoreTest, EmptyBatchIsANoOp) {
  Open();
  EXPECT_OK(store_->Write(WriteBatch()));
}

TEST_F(StoreTest, ScanVisitsOnlyThePrefixInKeyOrder) {
  Open();
  for (const char* hotel : {"c", "a", "b"}) {
    Put(ColumnFamily::kEntities, HotelKey("acme", hotel), hotel);
  }
  // Neighbours that a sloppy prefix check would let in.
  Put(ColumnFamily::kEntities, HotelKey("acm", "x"), "other org");
  Put(ColumnFamily::kEntities, HotelKey("acmee", "x"), "other org");
  Put(ColumnFamily::kEntities, OrganizationKey("acme"), "org record");
  Put(ColumnFamily::kEntities, ApiKeyKey("acme", "k"), "api key");

  EXPECT_THAT(ScanAll(ColumnFamily::kEntities, HotelPrefix("acme")),
              ElementsAre(Pair(HotelKey("acme", "a"), "a"),
                          Pair(HotelKey("acme", "b"), "b"),
                          Pair(HotelKey("acme", "c"), "c")));
}

TEST_F(StoreTest, ScanPagesWithStartAfterAndLimit) {
  Open();
  for (int i = 0; i < 10; ++i) {
    Put(ColumnFamily::kEntities, HotelKey("acme", absl::StrCat("h", i)), "");
  }
  const std::string prefix = HotelPrefix("acme");
  std::vector<std::string> seen;
  std::string start_after;
  for (int page = 0; page < 10; ++page) {
    auto entries = ScanAll(ColumnFamily::kEntities, prefix, start_after, 3);
    ASSERT_LE(entries.size(), 3u);
    for (const auto& [key, value] : entries) seen.push_back(key);
    if (entries.size() < 3) break;
    start_after = entries.back().first;
  }
  ASSERT_EQ(seen.size(), 10u);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(seen[i], HotelKey("acme", absl::StrCat("h", i)));
  }
}

TEST_F(StoreTest, ScanStartAfterOutsideThePrefix) {
  Open();
  Put(ColumnFamily::kEntities, HotelKey("acme", "a"), "");
  Put(ColumnFamily::kEntities, HotelKey("acme", "b"), "");
  Put(ColumnFamily::kEntities, HotelKey("zeta", "a"), "");
  // Below the prefix: the whole prefix; past it: nothing.
  EXPECT_EQ(ScanAll(ColumnFamily::kEntities, HotelPrefix("acme"),
                    std::string("\0", 1))
                .size(),
            2u);
  EXPECT_TRUE(ScanAll(ColumnFamily::kEntities, HotelPrefix("acme"),
                      HotelKey("zeta", ""))
                  .empty());
  // A start_after between two keys resumes at the next one.
  EXPECT_THAT(ScanAll(ColumnFamily::kEntities, HotelPrefix("acme"),
                      HotelKey("acme", "a") + "x"),
              ElementsAre(Pair(HotelKey("acme", "b"), "")));
}

TEST_F(StoreTest, ScanStopsWhenTheVisitorSaysSo) {
  Open();
  for (int i = 0; i < 5; ++i) {
    Put(ColumnFamily::kIndexes, OrganizationIndexKey(absl::StrCat("o", i)), "");
  }
  int visits = 0;
  ASSERT_OK(store_->Scan(ColumnFamily::kIndexes, OrganizationIndexPrefix(), "",
                         0, [&](std::string_view, std::string_view) {
                           return ++visits < 2 ? ScanStep::kContinue
                                               : ScanStep::kStop;
                         }));
  EXPECT_EQ(visits, 2);
}

TEST_F(StoreTest, AVisitorErrorStopsTheScanAndIsReturned) {
  Open();
  for (int i = 0; i < 5; ++i) {
    Put(ColumnFamily::kIndexes, OrganizationIndexKey(absl::StrCat("o", i)), "");
  }
  int visits = 0;
  EXPECT_THAT(
      store_->Scan(
          ColumnFamily::kIndexes, OrganizationIndexPrefix(), "", 0,
          [&](std::string_view, std::string_view) -> absl::StatusOr<ScanStep> {
            if (++visits == 3) {
              return absl::DataLossError("entry 3 is unreadable");
            }
            return ScanStep::kContinue;
          }),
      StatusIs(absl::StatusCode::kDataLoss, "entry 3 is unreadable"));
  EXPECT_EQ(visits, 3);
}

TEST_F(StoreTest, ScanWithEmptyPrefixOrAllOnesPrefix) {
  Open();
  Put(ColumnFamily::kFeedback, "a", "1");
  Put(ColumnFamily::kFeedback, "\xff\xff", "2");
  Put(ColumnFamily::kFeedback, "\xff\xff\x01", "3");
  EXPECT_EQ(ScanAll(ColumnFamily::kFeedback, "").size(), 3u);
  // No successor exists for an all-0xFF prefix; the scan still stops at its
  // end.
  EXPECT_THAT(ScanAll(ColumnFamily::kFeedback, "\xff\xff"),
              ElementsAre(Pair("\xff\xff", "2"), Pair("\xff\xff\x01", "3")));
}

TEST_F(StoreTest, ScanCursorScansManyPrefixesAtItsSnapshot) {
  Open();
  for (const char* org : {"acme", "acmee", "beta"}) {
    for (const char* hotel : {"a", "b", "c"}) {
      Put(ColumnFamily::kEntities, HotelKey(org, hotel), org);
    }
  }
  std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
  Put(ColumnFamily::kEntities, HotelKey("acme", "d"), "after the snapshot");
  absl::StatusOr<std::unique_ptr<ScanCursor>> cursor =
      store_->NewScanCursor(ColumnFamily::kEntities, snapshot.get());
  ASSERT_OK(cursor);
  auto scan = [&](const std::string& prefix, const std::string& start_after,
                  size_t limit) {
    std::vector<std::string> keys;
    EXPECT_OK((*cursor)->Scan(prefix, start_after, limit,
                              [&](std::string_view key, std::string_view)
                                  -> absl::StatusOr<ScanStep> {
                                keys.emplace_back(key);
                                return ScanStep::kContinue;
                              }));
    return keys;
  };
  // Out of key order, back and forth, each scan within its own prefix.
  EXPECT_THAT(scan(HotelPrefix("beta"), "", 0),
              ElementsAre(HotelKey("beta", "a"), HotelKey("beta", "b"),
                          HotelKey("beta", "c")));
  EXPECT_THAT(scan(HotelPrefix("acme"), HotelKey("acme", "a"), 0),
              ElementsAre(HotelKey("acme", "b"), HotelKey("acme", "c")));
  EXPECT_THAT(scan(HotelPrefix("acmee"), "", 2),
              ElementsAre(HotelKey("acmee", "a"), HotelKey("acmee", "b")));
  EXPECT_THAT(scan(HotelPrefix("zeta"), "", 0), ElementsAre());
}

TEST_F(StoreTest, SnapshotSeesTheStateWhenTaken) {
  Open();
  Put(ColumnFamily::kEntities, HotelKey("acme", "a"), "before");
  std::unique_ptr<Snapshot> snapshot = store_->GetSnapshot();
  Put(ColumnFamily::kEntities, HotelKey("acme", "a"), "after");
  Put(ColumnFamily::kEntities, HotelKey("acme", "b"), "new");

  EXPECT_THAT(
      Get(ColumnFamily::kEntities, HotelKey("acme", "a"), snapshot.get()),
      Optional(std::string("before")));
  EXPECT_THAT(Get(ColumnFamily::kEntities, HotelKey("acme", "a")),
              Optional(std::string("after")));
  std::vector<std::string> seen;
  ASSERT_OK(store_->Scan(
      ColumnFamily::kEntities, HotelPrefix("acme"), "", 0,
      [&](std::string_view key, std::string_view value) {
        seen.push_back(absl::StrCat(std::string(key.substr(key.size() - 1)),
                                    "=", std::string(value)));
        return ScanStep::kContinue;
      },
      snapshot.get()));
  EXPECT_THAT(seen, ElementsAre("a=before"));
}

TEST_F(StoreTest, CallsAfterCloseFail) {
  Open();
  ASSERT_OK(store_->Close());
  EXPECT_OK(store_->Close());
  EXPECT_THAT(
      store_->Get(ColumnFamily::kEntities, "k"),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("closed")));
  EXPECT_THAT(store_->Write(WriteBatch()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(store_->Scan(ColumnFamily::kEntities, "", "", 0,
                           [](std::string_view, std::string_view) {
                             return ScanStep::kContinue;
                           }),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(StoreTest, SizeOnDiskCountsTheLogThenTheTableFiles) {
  Open();
  ASSERT_OK_AND_ASSIGN(const uint64_t empty, store_->SizeOnDiskBytes());
  const std::string value(64 << 10, 'v');
  for (int i = 0; i < 16; ++i) {
    Put(ColumnFamily::kEntities, absl::StrCat("k", i), value);
  }
  ASSERT_OK_AND_ASSIGN(const uint64_t logged, store_->SizeOnDiskBytes());
  EXPECT_GE(logged, empty + 16 * value.size());
  // Close flushes the memtables into table files; the WAL is then empty.
  Reopen();
  ASSERT_OK_AND_ASSIGN(const uint64_t flushed, store_->SizeOnDiskBytes());
  EXPECT_GT(flushed, empty);
}

TEST_F(StoreTest, RocksDbVersionIsTheLibrarysRelease) {
  EXPECT_THAT(Store::RocksDbVersion(),
              ::testing::MatchesRegex("[0-9]+\\.[0-9]+\\.[0-9]+"));
}

TEST_F(StoreTest, ConcurrentSyncedWritersAllPersist) {
  Open();
  ASSERT_TRUE(Options().sync_writes);
  constexpr int kThreads = 8;
  constexpr int kWritesPerThread = 50;
  std::vector<std::thread> writers;
  std::vector<absl::Status> failures(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([this, t, &failures] {
      for (int i = 0; i < kWritesPerThread; ++i) {
        WriteBatch batch;
        const std::string id = absl::StrCat(t, "-", i);
        batch.Put(ColumnFamily::kFeedback, id, id);
        batch.Merge(ColumnFamily::kAggregates, "total", Counters({1, t}));
        absl::Status status = store_->Write(std::move(batch));
        if (!status.ok()) failures[t] = status;
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  for (const absl::Status& failure : failures) EXPECT_OK(failure);

  Reopen();
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kWritesPerThread; ++i) {
      const std::string id = absl::StrCat(t, "-", i);
      EXPECT_THAT(Get(ColumnFamily::kFeedback, id), Optional(id));
    }
  }
  // Each thread t added t per write to slot 1: 50 * (0 + 1 + ... + 7).
  EXPECT_THAT(
      Get(ColumnFamily::kAggregates, "total"),
      Optional(Counters({kThreads * kWritesPerThread, kWritesPerThread * 28})));
}

}  // namespace
}  // namespace guestvoice::storage
