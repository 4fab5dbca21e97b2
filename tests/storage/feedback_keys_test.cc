// The feedback and aggregate keys: the orders insight scans rely on, and
// decoding what the aggregate scans read.

#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "storage/key_codec.h"
#include "storage/keys.h"

namespace guestvoice::storage {
namespace {

TEST(FeedbackKeysTest, VoiceDayAggregatesSortByHotelThenDayThenVoice) {
  // Negative days (before 1970) sort before positive ones.
  EXPECT_LT(VoiceDayAggregateKey("org", "h1", -3, "z"),
            VoiceDayAggregateKey("org", "h1", 2, "a"));
  EXPECT_LT(VoiceDayAggregateKey("org", "h1", 2, "a"),
            VoiceDayAggregateKey("org", "h1", 2, "b"));
  EXPECT_LT(VoiceDayAggregateKey("org", "h1", 400, "a"),
            VoiceDayAggregateKey("org", "h2", 1, "a"));
  // A day prefix starts exactly that day's range.
  const std::string day = VoiceDayAggregateDayPrefix("org", "h1", 2);
  EXPECT_LT(VoiceDayAggregateKey("org", "h1", 1, "zz"), day);
  EXPECT_EQ(VoiceDayAggregateKey("org", "h1", 2, "a").rfind(day, 0), 0u);
  EXPECT_EQ(VoiceDayAggregateKey("org", "h1", 2, "a")
                .rfind(VoiceDayAggregateHotelPrefix("org", "h1"), 0),
            0u);
}

TEST(FeedbackKeysTest, AggregateKeysDecode) {
  const std::string key = VoiceDayAggregateKey("org", "lisbon", -7, "g/ana");
  auto id = ParseVoiceDayAggregateKey("org", key);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->hotel_id, "lisbon");
  EXPECT_EQ(id->day, -7);
  EXPECT_EQ(id->voice, "g/ana");
  EXPECT_FALSE(ParseVoiceDayAggregateKey("other", key).ok());
  EXPECT_FALSE(ParseVoiceDayAggregateKey("org", key + "x").ok());

  // The decoded views point into the key, so it must outlive them.
  const std::string aspect_key =
      AspectDayAggregateKey("org", "lisbon", 20000, "wifi", "a/x");
  auto aspect = ParseAspectDayAggregateKey("org", aspect_key);
  ASSERT_TRUE(aspect.ok()) << aspect.status();
  EXPECT_EQ(aspect->hotel_id, "lisbon");
  EXPECT_EQ(aspect->day, 20000);
  EXPECT_EQ(aspect->aspect, "wifi");
  EXPECT_EQ(aspect->voice, "a/x");
  EXPECT_FALSE(ParseAspectDayAggregateKey("org", key).ok());
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
  for (KeyKind kind :
       {KeyKind::kVoiceDayAggregate, KeyKind::kAspectDayAggregate}) {
    EXPECT_GE(static_cast<int>(kind), 0xA0);
    EXPECT_LE(static_cast<int>(kind), 0xBF);
  }
}

}  // namespace
}  // namespace guestvoice::storage
