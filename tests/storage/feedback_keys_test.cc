// The feedback and aggregate keys: the orders insight scans rely on, and
// decoding what the insight scans read.

#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/key_codec.h"
#include "storage/keys.h"
#include "tests/storage/malformed_keys.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::storage {
namespace {

TEST(FeedbackKeysTest, AggregateBlocksSortByHotelThenPeriodThenDay) {
  constexpr AggregateTable kVoices = AggregateTable::kVoices;
  constexpr AggregatePeriod kDay = AggregatePeriod::kDay;
  constexpr AggregatePeriod kMonth = AggregatePeriod::kMonth;
  EXPECT_LT(AggregateBlockKey("org", kVoices, "h1", kDay, -3),
            AggregateBlockKey("org", kVoices, "h1", kDay, 2));
  EXPECT_LT(AggregateBlockKey("org", kVoices, "h1", kDay, 400),
            AggregateBlockKey("org", kVoices, "h1", kMonth, 1));
  EXPECT_LT(AggregateBlockKey("org", kVoices, "h1", kMonth, 400),
            AggregateBlockKey("org", kVoices, "h2", kDay, 1));
  // A hotel's blocks of one period share a prefix; so do an organization's
  // blocks of one table.
  const std::string days = AggregateBlockPrefix("org", kVoices, "h1", kDay);
  EXPECT_EQ(AggregateBlockKey("org", kVoices, "h1", kDay, 2).rfind(days, 0),
            0u);
  EXPECT_NE(AggregateBlockKey("org", kVoices, "h1", kMonth, 2).rfind(days, 0),
            0u);
  EXPECT_EQ(AggregateBlockKey("org", kVoices, "h9", kMonth, 2)
                .rfind(AggregateBlockOrganizationPrefix("org", kVoices), 0),
            0u);
  EXPECT_NE(AggregateBlockKey("org", AggregateTable::kAspects, "h9", kMonth, 2)
                .rfind(AggregateBlockOrganizationPrefix("org", kVoices), 0),
            0u);
}

TEST(FeedbackKeysTest, AggregateBlockKeysRoundTrip) {
  for (AggregateTable table :
       {AggregateTable::kVoices, AggregateTable::kAspects}) {
    for (AggregatePeriod period :
         {AggregatePeriod::kDay, AggregatePeriod::kMonth}) {
      const std::string key =
          AggregateBlockKey("org", table, "lisbon", period, -7);
      ASSERT_OK_AND_ASSIGN(AggregateBlockKeyParts parts,
                           ParseAggregateBlockKey(key));
      EXPECT_EQ(parts.org_id, "org");
      EXPECT_EQ(parts.table, table);
      EXPECT_EQ(parts.hotel_id, "lisbon");
      EXPECT_EQ(parts.period, period);
      EXPECT_EQ(parts.first_day, -7);
    }
  }
}

TEST(FeedbackKeysTest, AggregateBlockKeysRejectMalformedOnes) {
  using ::guestvoice::testing::StatusIs;
  using ::testing::HasSubstr;
  const std::string key = AggregateBlockKey(
      "org", AggregateTable::kAspects, "lisbon", AggregatePeriod::kMonth, 9);
  for (size_t size = 0; size < key.size(); ++size) {
    EXPECT_THAT(ParseAggregateBlockKey(std::string_view(key).substr(0, size)),
                StatusIs(absl::StatusCode::kDataLoss,
                         HasSubstr("undecodable aggregate block key")))
        << "cut to " << size;
  }
  EXPECT_THAT(ParseAggregateBlockKey(key + "x"),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("after")));
  EXPECT_THAT(ParseAggregateBlockKey(NegativeQuoteKey(
                  "org", "lisbon", "room", absl::UnixEpoch(), "f", 0)),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("kind 0x88")));
  std::string bad_period = key;
  bad_period[KeyBuilder()
                 .AppendString("org")
                 .AppendKind(KeyKind::kAspectBlock)
                 .AppendString("lisbon")
                 .key()
                 .size()] = 7;
  EXPECT_THAT(ParseAggregateBlockKey(bad_period),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("period 7")));
}

TEST(FeedbackKeysTest, NegativeQuoteKeysRoundTrip) {
  // Keys hold whole microseconds.
  const absl::Time post_time =
      absl::FromUnixMicros(1'700'000'000'123'456) + absl::Nanoseconds(789);
  const std::string key =
      NegativeQuoteKey("org", "lisbon", "cleanliness", post_time, "fb-1", 3);
  ASSERT_OK_AND_ASSIGN(NegativeQuoteKeyParts parts, ParseNegativeQuoteKey(key));
  EXPECT_EQ(parts.org_id, "org");
  EXPECT_EQ(parts.hotel_id, "lisbon");
  EXPECT_EQ(parts.aspect, "cleanliness");
  EXPECT_EQ(parts.post_time, absl::FromUnixMicros(1'700'000'000'123'456));
  EXPECT_EQ(parts.feedback_id, "fb-1");
  EXPECT_EQ(parts.mention_index, 3u);
}

TEST(FeedbackKeysTest, OnlyANegativeQuotesKeyIsOne) {
  EXPECT_TRUE(IsNegativeQuoteKey(NegativeQuoteKey(
      "org", "lisbon", "cleanliness", absl::FromUnixSeconds(1), "fb-1", 0)));
  EXPECT_FALSE(IsNegativeQuoteKey(FeedbackKey("org", "fb-1")));
  EXPECT_FALSE(IsNegativeQuoteKey(
      NegativeQuotePrefix("org", "lisbon", "").substr(0, 2)));  // truncated
  EXPECT_FALSE(IsNegativeQuoteKey(""));
}

TEST(FeedbackKeysTest, NegativeQuoteKeysRejectMalformedOnes) {
  ExpectRejectsMalformed(
      ParseNegativeQuoteKey,
      NegativeQuoteKey("org", "lisbon", "cleanliness",
                       absl::FromUnixSeconds(1'700'000'000), "fb-1", 0),
      "org", "negative quote");
}

TEST(FeedbackKeysTest, NewestFirstIndexesAndTheirStartPositions) {
  const std::string prefix = FeedbackHotelTimeIndexPrefix("org", "lisbon");
  const absl::Time t = absl::FromUnixSeconds(1'700'000'000);
  EXPECT_LT(NewestFirstIndexKey(prefix, t + absl::Seconds(1), "b"),
            NewestFirstIndexKey(prefix, t, "a"));
  // Starting "before t" skips entries at t and later, keeps earlier ones.
  const std::string start = NewestFirstStartBefore(prefix, t);
  EXPECT_LT(NewestFirstIndexKey(prefix, t, "a"), start);
  EXPECT_GT(NewestFirstIndexKey(prefix, t - absl::Microseconds(1), "a"), start);
  EXPECT_EQ(start.rfind(prefix, 0), 0u);

  // Before a time inside a microsecond, that microsecond's entries are kept
  // (their exact times may be earlier) and the next microsecond's skipped.
  const std::string within =
      NewestFirstStartBefore(prefix, t + absl::Nanoseconds(700));
  EXPECT_GT(NewestFirstIndexKey(prefix, t + absl::Nanoseconds(500), "a"),
            within);
  EXPECT_LT(NewestFirstIndexKey(prefix, t + absl::Microseconds(1), "a"),
            within);
}

TEST(FeedbackKeysTest, KindsStayInTheirFamilysRanges) {
  for (KeyKind kind :
       {KeyKind::kFeedback, KeyKind::kFeedbackSourceIndex,
        KeyKind::kFeedbackTimeIndex, KeyKind::kFeedbackHotelTimeIndex,
        KeyKind::kFeedbackCaseIndex, KeyKind::kFeedbackAuthor,
        KeyKind::kFeedbackAuthorIndex, KeyKind::kFeedbackRepeatIndex,
        KeyKind::kNegativeQuote}) {
    EXPECT_GE(static_cast<int>(kind), 0x80);
    EXPECT_LE(static_cast<int>(kind), 0x9F);
  }
  for (KeyKind kind : {KeyKind::kVoiceBlock, KeyKind::kAspectBlock}) {
    EXPECT_GE(static_cast<int>(kind), 0xA0);
    EXPECT_LE(static_cast<int>(kind), 0xBF);
  }
}

}  // namespace
}  // namespace guestvoice::storage
