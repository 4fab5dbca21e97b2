// The feedback and aggregate keys: the orders insight scans rely on, and
// decoding what the insight scans read.

#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "storage/key_codec.h"
#include "storage/keys.h"
#include "tests/storage/malformed_keys.h"
#include "tests/testing/status_matchers.h"

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

TEST(FeedbackKeysTest, VoiceDayAggregateKeysRoundTrip) {
  const std::string key = VoiceDayAggregateKey("org", "lisbon", -7, "g/ana");
  ASSERT_OK_AND_ASSIGN(VoiceDayAggregateKeyParts parts,
                       ParseVoiceDayAggregateKey(key));
  EXPECT_EQ(parts.org_id, "org");
  EXPECT_EQ(parts.hotel_id, "lisbon");
  EXPECT_EQ(parts.day, -7);
  EXPECT_EQ(parts.voice, "g/ana");
}

TEST(FeedbackKeysTest, VoiceDayAggregateKeysRejectMalformedOnes) {
  ExpectRejectsMalformed(ParseVoiceDayAggregateKey,
                         VoiceDayAggregateKey("org", "lisbon", 20000, "g/ana"),
                         "org", "voice-day aggregate");
}

TEST(FeedbackKeysTest, AspectDayAggregateKeysRoundTrip) {
  const std::string key =
      AspectDayAggregateKey("org", "lisbon", 20000, "wifi", "a/x");
  ASSERT_OK_AND_ASSIGN(AspectDayAggregateKeyParts parts,
                       ParseAspectDayAggregateKey(key));
  EXPECT_EQ(parts.org_id, "org");
  EXPECT_EQ(parts.hotel_id, "lisbon");
  EXPECT_EQ(parts.day, 20000);
  EXPECT_EQ(parts.aspect, "wifi");
  EXPECT_EQ(parts.voice, "a/x");
}

TEST(FeedbackKeysTest, AspectDayAggregateKeysRejectMalformedOnes) {
  ExpectRejectsMalformed(
      ParseAspectDayAggregateKey,
      AspectDayAggregateKey("org", "lisbon", 20000, "wifi", "a/x"), "org",
      "aspect-day aggregate");
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
  for (KeyKind kind :
       {KeyKind::kVoiceDayAggregate, KeyKind::kAspectDayAggregate}) {
    EXPECT_GE(static_cast<int>(kind), 0xA0);
    EXPECT_LE(static_cast<int>(kind), 0xBF);
  }
}

}  // namespace
}  // namespace guestvoice::storage
