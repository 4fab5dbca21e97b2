#include "storage/insert_hint_prefix.h"

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "storage/keys.h"

namespace guestvoice::storage {
namespace {

class InsertHintPrefixTest : public testing::Test {
 protected:
  // The hint's prefix of `key`, or "out of domain".
  std::string PrefixOf(const std::string& key) const {
    if (!prefix_->InDomain(key)) return "out of domain";
    return prefix_->Transform(key).ToString();
  }

  const std::unique_ptr<const rocksdb::SliceTransform> prefix_{
      NewFeedbackInsertHintPrefix()};
  const absl::Time post_time_ = absl::FromUnixSeconds(1'790'000'000);
};

TEST_F(InsertHintPrefixTest, IsTheGroupAnIndexScansByPrefix) {
  EXPECT_EQ(PrefixOf(NewestFirstIndexKey(FeedbackTimeIndexPrefix("acme"),
                                         post_time_, "f1")),
            FeedbackTimeIndexPrefix("acme"));
  EXPECT_EQ(
      PrefixOf(NewestFirstIndexKey(
          FeedbackHotelTimeIndexPrefix("acme", "lisbon"), post_time_, "f1")),
      FeedbackHotelTimeIndexPrefix("acme", "lisbon"));
  EXPECT_EQ(PrefixOf(NewestFirstIndexKey(FeedbackCaseIndexPrefix("acme", 2),
                                         post_time_, "f1")),
            FeedbackCaseIndexPrefix("acme", 2));
  EXPECT_EQ(PrefixOf(FeedbackAuthorIndexKey("acme", "a/v1", "f1")),
            FeedbackAuthorIndexPrefix("acme", "a/v1"));
  EXPECT_EQ(PrefixOf(FeedbackRepeatIndexKey("acme", "a/v1", "digest")),
            FeedbackRepeatIndexPrefix("acme", "a/v1"));
  EXPECT_EQ(PrefixOf(NegativeQuoteKey("acme", "lisbon", "wifi_internet",
                                      post_time_, "f1", 0)),
            NegativeQuotePrefix("acme", "lisbon", "wifi_internet"));
}

TEST_F(InsertHintPrefixTest, KeysWithoutNeighboursAreOutOfTheDomain) {
  // Random ids and external ids land anywhere in their range.
  EXPECT_EQ(PrefixOf(FeedbackKey("acme", "f1")), "out of domain");
  EXPECT_EQ(PrefixOf(FeedbackSourceIndexKey("acme", 3, "x-1")),
            "out of domain");
  EXPECT_EQ(PrefixOf(FeedbackAuthorKey("acme", 3, "ana")), "out of domain");
  // Keys of other families, and bytes that do not decode.
  EXPECT_EQ(PrefixOf(HotelKey("acme", "lisbon")), "out of domain");
  EXPECT_EQ(PrefixOf(SchemaStampKey()), "out of domain");
  EXPECT_EQ(PrefixOf(""), "out of domain");
  const std::string quote = NegativeQuotePrefix("acme", "lisbon", "wifi");
  EXPECT_EQ(PrefixOf(quote.substr(0, quote.size() - 1)), "out of domain");
}

// Store::ClearFamily's range deletion begins at the empty key: were it inside
// a domain, RocksDB would start that insert at a point entry's position
// (insert_hint_prefix.h).
TEST_F(InsertHintPrefixTest, TheEmptyKeyIsOutsideEveryDomain) {
  EXPECT_FALSE(prefix_->InDomain(""));
  const std::unique_ptr<const rocksdb::SliceTransform> whole_key(
      NewWholeKeyInsertHint());
  EXPECT_FALSE(whole_key->InDomain(""));
  const std::string block = AggregateBlockKey(
      "acme", AggregateTable::kVoices, "lisbon", AggregatePeriod::kDay, 20000);
  ASSERT_TRUE(whole_key->InDomain(block));
  EXPECT_EQ(whole_key->Transform(block).ToString(), block);
}

}  // namespace
}  // namespace guestvoice::storage
