#include "storage/record_cache.h"

#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace guestvoice::storage {
namespace {

using ::testing::Eq;
using ::testing::Optional;

constexpr auto kFamily = ColumnFamily::kEntities;

// Fills `key` with `value` as Store::GetCached does, nothing written between.
void Fill(RecordCache& cache, const std::string& key,
          const std::string& value) {
  const RecordCache::FillTicket ticket = cache.BeginFill(kFamily, key);
  cache.FinishFill(kFamily, key, ticket, value);
}

WriteBatch PutOf(ColumnFamily family, const std::string& key) {
  WriteBatch batch;
  batch.Put(family, key, "new");
  return batch;
}

TEST(RecordCacheTest, AFilledKeyIsFoundInItsFamilyOnly) {
  RecordCache cache;
  EXPECT_EQ(cache.Find(kFamily, "hotel"), std::nullopt);
  Fill(cache, "hotel", "lisbon");
  EXPECT_THAT(cache.Find(kFamily, "hotel"), Optional(Eq("lisbon")));
  EXPECT_EQ(cache.Find(ColumnFamily::kFeedback, "hotel"), std::nullopt);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(RecordCacheTest, AbsentRecordsAreNotCached) {
  RecordCache cache;
  const RecordCache::FillTicket ticket = cache.BeginFill(kFamily, "hotel");
  cache.FinishFill(kFamily, "hotel", ticket, std::nullopt);
  EXPECT_EQ(cache.Find(kFamily, "hotel"), std::nullopt);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(RecordCacheTest, AWriteDropsTheKeysItChangesInTheirFamily) {
  RecordCache cache;
  Fill(cache, "hotel", "lisbon");
  Fill(cache, "other", "tokyo");
  cache.Invalidate(PutOf(ColumnFamily::kFeedback, "hotel"));
  EXPECT_THAT(cache.Find(kFamily, "hotel"), Optional(Eq("lisbon")));

  WriteBatch batch;
  batch.Delete(kFamily, "hotel");
  cache.Invalidate(batch);
  EXPECT_EQ(cache.Find(kFamily, "hotel"), std::nullopt);
  EXPECT_THAT(cache.Find(kFamily, "other"), Optional(Eq("tokyo")));
  EXPECT_EQ(cache.size(), 1u);
}

TEST(RecordCacheTest, AFillOvertakenByAWriteOfItsKeyIsNotKept) {
  RecordCache cache;
  // The reader read "old" from the store; the write of "new" landed after
  // that read and before the fill finished.
  const RecordCache::FillTicket ticket = cache.BeginFill(kFamily, "hotel");
  cache.Invalidate(PutOf(kFamily, "hotel"));
  cache.FinishFill(kFamily, "hotel", ticket, "old");
  EXPECT_EQ(cache.Find(kFamily, "hotel"), std::nullopt);

  // A write of another key does not spoil the fill.
  const RecordCache::FillTicket again = cache.BeginFill(kFamily, "hotel");
  cache.Invalidate(PutOf(kFamily, "another hotel"));
  cache.FinishFill(kFamily, "hotel", again, "new");
  EXPECT_THAT(cache.Find(kFamily, "hotel"), Optional(Eq("new")));
}

TEST(RecordCacheTest, OverlappingFillsOfOneKeyEachSeeTheWritesSinceTheirStart) {
  RecordCache cache;
  const RecordCache::FillTicket first = cache.BeginFill(kFamily, "hotel");
  cache.Invalidate(PutOf(kFamily, "hotel"));
  const RecordCache::FillTicket second = cache.BeginFill(kFamily, "hotel");
  cache.FinishFill(kFamily, "hotel", second, "new");
  cache.FinishFill(kFamily, "hotel", first, "old");
  EXPECT_THAT(cache.Find(kFamily, "hotel"), Optional(Eq("new")));
}

TEST(RecordCacheTest, ClearingAFamilyDropsItsKeysAndSpoilsItsFills) {
  RecordCache cache;
  Fill(cache, "hotel", "lisbon");
  const RecordCache::FillTicket ticket = cache.BeginFill(kFamily, "other");
  cache.InvalidateFamily(kFamily);
  cache.FinishFill(kFamily, "other", ticket, "tokyo");
  EXPECT_EQ(cache.Find(kFamily, "hotel"), std::nullopt);
  EXPECT_EQ(cache.Find(kFamily, "other"), std::nullopt);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(RecordCacheTest, AFullCacheStartsOverInsteadOfGrowing) {
  RecordCache cache(/*max_entries=*/2);
  Fill(cache, "a", "1");
  Fill(cache, "b", "2");
  Fill(cache, "c", "3");
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_THAT(cache.Find(kFamily, "c"), Optional(Eq("3")));
  EXPECT_EQ(cache.Find(kFamily, "a"), std::nullopt);
}

}  // namespace
}  // namespace guestvoice::storage
