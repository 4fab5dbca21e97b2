// The insight pre-aggregates: fixed-point sums, hotel-local days, the slot
// layout of both kinds (on disk), and deltas that add up across items,
// batches and moves between voices.

#include "service/feedback/aggregates.h"

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_date.h"
#include "storage/counters_merge_operator.h"
#include "storage/keys.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

TEST(ToFixedPointTest, ScalesByAMillionAndRounds) {
  EXPECT_EQ(ToFixedPoint(0), 0);
  EXPECT_EQ(ToFixedPoint(1), 1'000'000);
  EXPECT_EQ(ToFixedPoint(-0.4767), -476'700);
  EXPECT_EQ(ToFixedPoint(0.25), 250'000);
  EXPECT_EQ(ToFixedPoint(0.9999996), 1'000'000);
  EXPECT_EQ(ToFixedPoint(-0.9999996), -1'000'000);
  EXPECT_EQ(ToFixedPoint(1e-7), 0);
  EXPECT_EQ(ToFixedPoint(-1e-7), 0);
}

TEST(HotelDayTest, IsTheCalendarDayWhereTheHotelIs) {
  absl::TimeZone tokyo;
  absl::TimeZone los_angeles;
  ASSERT_TRUE(absl::LoadTimeZone("Asia/Tokyo", &tokyo));
  ASSERT_TRUE(absl::LoadTimeZone("America/Los_Angeles", &los_angeles));
  // 2026-01-15T16:00Z is already the 16th in Tokyo, still the 15th in UTC
  // and the 15th (08:00) in Los Angeles.
  const absl::Time time = absl::FromCivil(
      absl::CivilSecond(2026, 1, 15, 16, 0, 0), absl::UTCTimeZone());
  EXPECT_EQ(HotelDay(time, tokyo), DayNumber(absl::CivilDay(2026, 1, 16)));
  EXPECT_EQ(HotelDay(time, absl::UTCTimeZone()),
            DayNumber(absl::CivilDay(2026, 1, 15)));
  EXPECT_EQ(HotelDay(time - absl::Hours(9), los_angeles),
            DayNumber(absl::CivilDay(2026, 1, 14)));
  EXPECT_EQ(HotelDay(absl::UnixEpoch() - absl::Seconds(1), absl::UTCTimeZone()),
            -1);
}

struct Mention {
  std::string aspect;
  double sentiment;
};

// One hotel's counters as the scans report them.
using VoiceDay = std::tuple<int64_t, std::string, int64_t, int64_t, int64_t,
                            int64_t>;  // day, voice, the four slots
using AspectDay = std::tuple<int64_t, std::string, std::string, int64_t,
                             int64_t, int64_t>;  // day, aspect, voice, slots

class AggregatesTest : public testing::FeedbackDomainFixture {
 protected:
  static internal::v1::StoredFeedback Item(
      int64_t day, double compound, std::optional<double> rating = {},
      std::vector<Mention> mentions = {}, const std::string& hotel = "lisbon") {
    internal::v1::StoredFeedback item;
    item.set_aggregate_day(day);
    v1::Feedback& feedback = *item.mutable_feedback();
    feedback.set_hotel("organizations/acme/hotels/" + hotel);
    feedback.mutable_analysis()->mutable_sentiment()->set_compound(compound);
    if (rating.has_value()) {
      feedback.mutable_rating()->set_normalized_value(*rating);
    }
    for (const Mention& mention : mentions) {
      v1::AspectMention& out = *feedback.mutable_analysis()->add_aspects();
      out.set_aspect(mention.aspect);
      out.set_sentiment(mention.sentiment);
    }
    return item;
  }

  void Write(const AggregateDeltas& deltas) {
    storage::WriteBatch batch;
    deltas.AppendTo(batch);
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  std::vector<VoiceDay> VoiceDays(int64_t first_day, int64_t last_day,
                                  const std::string& organization = "acme",
                                  const std::string& hotel = "lisbon") {
    std::vector<VoiceDay> days;
    EXPECT_OK(ScanVoiceDays(
        *store_, organization, hotel, first_day, last_day,
        [&](int64_t day, std::string_view voice,
            const VoiceDayCounters& counters) {
          days.emplace_back(day, std::string(voice), counters.feedback_count,
                            counters.sentiment_sum, counters.rated_count,
                            counters.rating_sum);
        }));
    return days;
  }

  std::vector<AspectDay> AspectDays(int64_t first_day, int64_t last_day) {
    std::vector<AspectDay> days;
    EXPECT_OK(ScanAspectDays(
        *store_, "acme", "lisbon", first_day, last_day,
        [&](int64_t day, std::string_view aspect, std::string_view voice,
            const AspectDayCounters& counters) {
          days.emplace_back(day, std::string(aspect), std::string(voice),
                            counters.mention_count, counters.sentiment_sum,
                            counters.negative_mention_count);
        }));
    return days;
  }

  std::vector<int64_t> StoredSlots(const std::string& key) {
    auto value = store_->Get(storage::ColumnFamily::kAggregates, key);
    EXPECT_TRUE(value.ok() && value->has_value()) << key;
    if (!value.ok() || !value->has_value()) return {};
    auto slots = storage::DecodeCounters(**value);
    EXPECT_TRUE(slots.ok()) << slots.status();
    return slots.ok() ? *slots : std::vector<int64_t>{};
  }

  static constexpr int64_t kDay = 20'468;
};

TEST_F(AggregatesTest, TheVoiceDaySlotsAreCountSentimentRatedAndRating) {
  AggregateDeltas deltas("acme");
  deltas.Add(Item(kDay, 0.5, 0.8), "a/ana", +1);
  deltas.Add(Item(kDay, -0.25), "a/ana", +1);
  Write(deltas);
  // The layout on disk: [feedback_count, sentiment_sum, rated_count,
  // rating_sum], sums in millionths.
  EXPECT_THAT(StoredSlots(storage::VoiceDayAggregateKey("acme", "lisbon", kDay,
                                                        "a/ana")),
              ElementsAre(2, 250'000, 1, 800'000));
  EXPECT_THAT(VoiceDays(kDay, kDay),
              ElementsAre(VoiceDay(kDay, "a/ana", 2, 250'000, 1, 800'000)));
}

TEST_F(AggregatesTest, TheAspectDaySlotsAreMentionsSentimentAndNegatives) {
  AggregateDeltas deltas("acme");
  deltas.Add(Item(kDay, -0.3, {},
                  {{"cleanliness", -0.44},
                   {"cleanliness", 0.3},
                   {"staff_service", 0.49}}),
             "a/ana", +1);
  Write(deltas);
  EXPECT_THAT(StoredSlots(storage::AspectDayAggregateKey(
                  "acme", "lisbon", kDay, "cleanliness", "a/ana")),
              ElementsAre(2, -140'000, 1));
  EXPECT_THAT(
      AspectDays(kDay, kDay),
      ElementsAre(AspectDay(kDay, "cleanliness", "a/ana", 2, -140'000, 1),
                  AspectDay(kDay, "staff_service", "a/ana", 1, 490'000, 0)));
}

TEST_F(AggregatesTest, AMentionIsNegativeFromVadersThresholdDown) {
  AggregateDeltas deltas("acme");
  deltas.Add(
      Item(kDay, 0, {},
           {{"noise_sleep", -0.05}, {"location", -0.0499}, {"room", -0.9}}),
      "a/ana", +1);
  Write(deltas);
  EXPECT_THAT(AspectDays(kDay, kDay),
              UnorderedElementsAre(
                  AspectDay(kDay, "location", "a/ana", 1, -49'900, 0),
                  AspectDay(kDay, "noise_sleep", "a/ana", 1, -50'000, 1),
                  AspectDay(kDay, "room", "a/ana", 1, -900'000, 1)));
}

TEST_F(AggregatesTest, ARepeatContributesNothing) {
  internal::v1::StoredFeedback repeat =
      Item(kDay, 0.5, 0.8, {{"cleanliness", -0.4}});
  repeat.mutable_feedback()->set_repeat(true);
  AggregateDeltas deltas("acme");
  deltas.Add(repeat, "a/ana", +1);
  storage::WriteBatch batch;
  deltas.AppendTo(batch);
  EXPECT_TRUE(batch.empty());
}

TEST_F(AggregatesTest, DeltasThatCancelWriteNoMerge) {
  const internal::v1::StoredFeedback item =
      Item(kDay, 0.5, 0.8, {{"cleanliness", -0.4}});
  AggregateDeltas deltas("acme");
  deltas.Add(item, "a/ana", +1);
  deltas.Add(item, "a/ana", -1);
  storage::WriteBatch batch;
  deltas.AppendTo(batch);
  EXPECT_TRUE(batch.empty());
}

TEST_F(AggregatesTest, OneMergePerKeyForManyItems) {
  AggregateDeltas deltas("acme");
  for (int i = 0; i < 10; ++i) {
    deltas.Add(Item(kDay, 0.1, {}, {{"room", 0.2}}), "a/ana", +1);
  }
  storage::WriteBatch batch;
  deltas.AppendTo(batch);
  EXPECT_EQ(batch.count(), 2);  // one voice-day key, one aspect-day key
  ASSERT_OK(store_->Write(std::move(batch)));
  EXPECT_THAT(VoiceDays(kDay, kDay),
              ElementsAre(VoiceDay(kDay, "a/ana", 10, 1'000'000, 0, 0)));
}

TEST_F(AggregatesTest, MergesFromSeparateBatchesAddUp) {
  for (double compound : {0.4, -0.1, 0.7}) {
    AggregateDeltas deltas("acme");
    deltas.Add(Item(kDay, compound, compound + 0.2), "a/ana", +1);
    Write(deltas);
  }
  ASSERT_OK(store_->CompactAll());
  EXPECT_THAT(VoiceDays(kDay, kDay),
              ElementsAre(VoiceDay(kDay, "a/ana", 3, 1'000'000, 3, 1'600'000)));
}

TEST_F(AggregatesTest, MovingAnItemBetweenVoicesMovesItsContributions) {
  const internal::v1::StoredFeedback item =
      Item(kDay, -0.4, 0.2, {{"cleanliness", -0.4}});
  AggregateDeltas ingest("acme");
  ingest.Add(item, "a/ana", +1);
  Write(ingest);

  AggregateDeltas move("acme");
  move.Add(item, "a/ana", -1);
  move.Add(item, "g/guest1", +1);
  Write(move);
  // The author's voice is down to zero and no longer reported.
  EXPECT_THAT(VoiceDays(kDay, kDay),
              ElementsAre(VoiceDay(kDay, "g/guest1", 1, -400'000, 1, 200'000)));
  EXPECT_THAT(
      AspectDays(kDay, kDay),
      ElementsAre(AspectDay(kDay, "cleanliness", "g/guest1", 1, -400'000, 1)));
}

TEST_F(AggregatesTest, ScansCoverTheirDaysOfTheirHotelInOrder) {
  AggregateDeltas deltas("acme");
  for (int64_t day : {kDay - 1, kDay, kDay + 1, kDay + 2}) {
    deltas.Add(Item(day, 0.1, {}, {{"room", 0.1}}), "a/bea", +1);
  }
  deltas.Add(Item(kDay, 0.2, {}, {{"location", 0.2}}), "a/ana", +1);
  deltas.Add(Item(kDay, 0.3, {}, {}, "tokyo"), "a/ana", +1);
  Write(deltas);
  AggregateDeltas rival("rival");
  rival.Add(Item(kDay, 0.3), "a/ana", +1);
  Write(rival);

  EXPECT_THAT(VoiceDays(kDay, kDay + 1),
              ElementsAre(VoiceDay(kDay, "a/ana", 1, 200'000, 0, 0),
                          VoiceDay(kDay, "a/bea", 1, 100'000, 0, 0),
                          VoiceDay(kDay + 1, "a/bea", 1, 100'000, 0, 0)));
  EXPECT_THAT(
      AspectDays(kDay, kDay),
      UnorderedElementsAre(AspectDay(kDay, "location", "a/ana", 1, 200'000, 0),
                           AspectDay(kDay, "room", "a/bea", 1, 100'000, 0)));
  EXPECT_THAT(VoiceDays(kDay + 3, kDay + 9), IsEmpty());
  EXPECT_THAT(VoiceDays(kDay, kDay, "acme", "tokyo"),
              ElementsAre(VoiceDay(kDay, "a/ana", 1, 300'000, 0, 0)));
  EXPECT_THAT(VoiceDays(kDay, kDay, "rival"),
              ElementsAre(VoiceDay(kDay, "a/ana", 1, 300'000, 0, 0)));
}

TEST_F(AggregatesTest, SlotsAValueLacksReadAsZero) {
  // A value written before the layout had its later slots.
  storage::WriteBatch batch;
  batch.Merge(storage::ColumnFamily::kAggregates,
              storage::VoiceDayAggregateKey("acme", "lisbon", kDay, "a/ana"),
              storage::EncodeCounters({3}));
  batch.Merge(
      storage::ColumnFamily::kAggregates,
      storage::AspectDayAggregateKey("acme", "lisbon", kDay, "room", "a/ana"),
      storage::EncodeCounters({2, -5}));
  ASSERT_OK(store_->Write(std::move(batch)));
  EXPECT_THAT(VoiceDays(kDay, kDay),
              ElementsAre(VoiceDay(kDay, "a/ana", 3, 0, 0, 0)));
  EXPECT_THAT(AspectDays(kDay, kDay),
              ElementsAre(AspectDay(kDay, "room", "a/ana", 2, -5, 0)));
}

}  // namespace
}  // namespace guestvoice::service
