// The insight pre-aggregates: fixed-point sums, hotel-local days and months,
// the entries and slots of both tables (on disk) in day and month blocks,
// deltas that add up across items, batches and moves between voices, and
// interval reads that equal a brute-force sum over the items.

#include "service/feedback/aggregates.h"

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_date.h"
#include "storage/counter_table.h"
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

TEST(MonthStartTest, IsTheFirstDayOfTheCalendarMonth) {
  const int64_t jan_1 = DayNumber(absl::CivilDay(2024, 1, 1));
  const int64_t feb_1 = DayNumber(absl::CivilDay(2024, 2, 1));
  const int64_t mar_1 = DayNumber(absl::CivilDay(2024, 3, 1));
  EXPECT_EQ(MonthStart(jan_1), jan_1);
  EXPECT_EQ(MonthStart(feb_1 - 1), jan_1);
  EXPECT_EQ(MonthStart(mar_1 - 1), feb_1);  // 2024-02-29, a leap day
  EXPECT_EQ(NextMonthStart(jan_1), feb_1);
  EXPECT_EQ(NextMonthStart(feb_1 + 28), mar_1);
  EXPECT_EQ(MonthStart(-1), DayNumber(absl::CivilDay(1969, 12, 1)));
}

struct Mention {
  std::string aspect;
  double sentiment;
};

// A voice's totals as the readers report them.
using VoiceTotals = std::tuple<std::string, int64_t, int64_t, int64_t, int64_t,
                               int64_t>;  // voice, the five slots
using AspectTotals = std::tuple<std::string, std::string, int64_t, int64_t,
                                int64_t>;  // aspect, voice, the three slots

class AggregatesTest : public testing::FeedbackDomainFixture {
 protected:
  static internal::v1::StoredFeedback Item(
      int64_t day, double compound, std::optional<double> rating = {},
      std::vector<Mention> mentions = {}, const std::string& hotel = "lisbon") {
    internal::v1::StoredFeedback item;
    item.mutable_feedback()->mutable_analysis()->set_sentiment_state(
        v1::SENTIMENT_STATE_SCORED);
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

  // An item in a language without an analyser: no sentiment, no aspects.
  static internal::v1::StoredFeedback NotScoredItem(
      int64_t day, std::optional<double> rating = {}) {
    internal::v1::StoredFeedback item = Item(day, 0, rating);
    v1::FeedbackAnalysis& analysis =
        *item.mutable_feedback()->mutable_analysis();
    analysis.clear_sentiment();
    analysis.set_sentiment_state(v1::SENTIMENT_STATE_NOT_SCORED);
    analysis.set_not_scored_reason(v1::NOT_SCORED_REASON_LANGUAGE_UNSUPPORTED);
    return item;
  }

  void Write(const AggregateDeltas& deltas) {
    storage::WriteBatch batch;
    deltas.AppendTo(batch);
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  std::vector<AggregateBlock> Blocks(
      storage::AggregateTable table, int64_t first_day, int64_t last_day,
      BlockCover cover = BlockCover::kFewestBlocks,
      const std::string& organization = "acme",
      const std::string& hotel = "lisbon") {
    absl::StatusOr<std::vector<AggregateBlock>> blocks =
        ReadBlocks(*store_, organization, table, hotel, first_day, last_day,
                   cover, nullptr);
    EXPECT_TRUE(blocks.ok()) << blocks.status();
    return blocks.ok() ? *std::move(blocks) : std::vector<AggregateBlock>{};
  }

  std::vector<VoiceTotals> Voices(int64_t first_day, int64_t last_day,
                                  const std::string& organization = "acme",
                                  const std::string& hotel = "lisbon") {
    std::vector<VoiceTotals> voices;
    EXPECT_OK(SumVoices(
        Blocks(storage::AggregateTable::kVoices, first_day, last_day,
               BlockCover::kFewestBlocks, organization, hotel),
        [&](std::string_view voice, const VoiceCounters& totals) {
          voices.emplace_back(std::string(voice), totals.feedback_count,
                              totals.sentiment_sum, totals.rated_count,
                              totals.rating_sum, totals.not_scored_count);
        }));
    return voices;
  }

  std::vector<AspectTotals> AspectVoices(int64_t first_day, int64_t last_day) {
    std::vector<AspectTotals> entries;
    EXPECT_OK(SumAspectVoices(
        Blocks(storage::AggregateTable::kAspects, first_day, last_day),
        [&](std::string_view aspect, std::string_view voice,
            const AspectCounters& totals) {
          entries.emplace_back(std::string(aspect), std::string(voice),
                               totals.mention_count, totals.sentiment_sum,
                               totals.negative_mention_count);
        }));
    return entries;
  }

  // The entries of one stored block, as on disk.
  std::map<std::string, std::vector<int64_t>> Stored(
      storage::AggregateTable table, storage::AggregatePeriod period,
      int64_t first_day) {
    std::map<std::string, std::vector<int64_t>> entries;
    auto value = store_->Get(
        storage::ColumnFamily::kAggregates,
        storage::AggregateBlockKey("acme", table, "lisbon", period, first_day));
    EXPECT_TRUE(value.ok() && value->has_value()) << first_day;
    if (!value.ok() || !value->has_value()) return entries;
    auto reader = storage::CounterTableReader::Open(**value);
    EXPECT_TRUE(reader.ok()) << reader.status();
    while (reader.ok() && reader->Next()) {
      const storage::CounterSlots& slots = reader->slots();
      entries[std::string(reader->key())] = std::vector<int64_t>(
          slots.values.begin(), slots.values.begin() + slots.size);
    }
    return entries;
  }

  // 2026-01-15, a Thursday in the middle of a month.
  static constexpr int64_t kDay = 20'468;
  static int64_t Day(int year, int month, int day) {
    return DayNumber(absl::CivilDay(year, month, day));
  }
};

TEST_F(AggregatesTest, AnItemCountsInItsDayBlockAndItsMonthBlock) {
  AggregateDeltas deltas("acme");
  deltas.Add(Item(kDay, 0.5, 0.8), "a/ana", +1);
  deltas.Add(Item(kDay, -0.25), "a/ana", +1);
  deltas.Add(Item(kDay + 1, 0.1), "a/bea", +1);
  Write(deltas);
  // The voices table on disk: voice -> [feedback_count, sentiment_sum,
  // rated_count, rating_sum, not_scored_count], sums in millionths.
  using Entries = std::map<std::string, std::vector<int64_t>>;
  EXPECT_EQ(Stored(storage::AggregateTable::kVoices,
                   storage::AggregatePeriod::kDay, kDay),
            (Entries{{"a/ana", {2, 250'000, 1, 800'000, 0}}}));
  EXPECT_EQ(Stored(storage::AggregateTable::kVoices,
                   storage::AggregatePeriod::kMonth, Day(2026, 1, 1)),
            (Entries{{"a/ana", {2, 250'000, 1, 800'000, 0}},
                     {"a/bea", {1, 100'000, 0, 0, 0}}}));
}

TEST_F(AggregatesTest, ANotScoredItemIsAVoiceAndARatingWithoutSentiment) {
  AggregateDeltas deltas("acme");
  deltas.Add(Item(kDay, 0.5), "a/ana", +1);
  deltas.Add(NotScoredItem(kDay, 0.6), "a/ana", +1);
  deltas.Add(NotScoredItem(kDay), "a/bea", +1);
  Write(deltas);
  EXPECT_THAT(Voices(kDay, kDay),
              ElementsAre(VoiceTotals("a/ana", 2, 500'000, 1, 600'000, 1),
                          VoiceTotals("a/bea", 1, 0, 0, 0, 1)));
  EXPECT_THAT(AspectVoices(kDay, kDay), IsEmpty());
}

TEST_F(AggregatesTest, AnItemWithoutASentimentStateWasScored) {
  // Stored before languages were identified: the English analyser scored it.
  internal::v1::StoredFeedback item = Item(kDay, -0.4);
  item.mutable_feedback()->mutable_analysis()->clear_sentiment_state();
  AggregateDeltas deltas("acme");
  deltas.Add(item, "a/ana", +1);
  Write(deltas);
  EXPECT_THAT(Voices(kDay, kDay),
              ElementsAre(VoiceTotals("a/ana", 1, -400'000, 0, 0, 0)));
}

TEST_F(AggregatesTest, AspectEntriesAreMentionsSentimentAndNegatives) {
  AggregateDeltas deltas("acme");
  deltas.Add(Item(kDay, -0.3, {},
                  {{"cleanliness", -0.44},
                   {"cleanliness", 0.3},
                   {"staff_service", 0.49}}),
             "a/ana", +1);
  Write(deltas);
  // Entry keys: the aspect's length in one byte, the aspect, the voice.
  using Entries = std::map<std::string, std::vector<int64_t>>;
  EXPECT_EQ(Stored(storage::AggregateTable::kAspects,
                   storage::AggregatePeriod::kDay, kDay),
            (Entries{{"\x0b"
                      "cleanlinessa/ana",
                      {2, -140'000, 1}},
                     {"\x0d"
                      "staff_servicea/ana",
                      {1, 490'000, 0}}}));
  EXPECT_THAT(
      AspectVoices(kDay, kDay),
      ElementsAre(AspectTotals("cleanliness", "a/ana", 2, -140'000, 1),
                  AspectTotals("staff_service", "a/ana", 1, 490'000, 0)));
}

TEST_F(AggregatesTest, AMentionIsNegativeFromVadersThresholdDown) {
  AggregateDeltas deltas("acme");
  deltas.Add(
      Item(kDay, 0, {},
           {{"noise_sleep", -0.05}, {"location", -0.0499}, {"room", -0.9}}),
      "a/ana", +1);
  Write(deltas);
  EXPECT_THAT(
      AspectVoices(kDay, kDay),
      UnorderedElementsAre(AspectTotals("location", "a/ana", 1, -49'900, 0),
                           AspectTotals("noise_sleep", "a/ana", 1, -50'000, 1),
                           AspectTotals("room", "a/ana", 1, -900'000, 1)));
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

TEST_F(AggregatesTest, FourMergesPerItemWhateverItsAspects) {
  AggregateDeltas deltas("acme");
  for (int i = 0; i < 10; ++i) {
    deltas.Add(Item(kDay, 0.1, {}, {{"room", 0.2}, {"location", -0.3}}),
               absl::StrCat("a/", i % 3), +1);
  }
  storage::WriteBatch batch;
  deltas.AppendTo(batch);
  // Voices and aspects tables, each in a day block and a month block.
  EXPECT_EQ(batch.count(), 4);
  ASSERT_OK(store_->Write(std::move(batch)));
  EXPECT_THAT(Voices(kDay, kDay),
              ElementsAre(VoiceTotals("a/0", 4, 400'000, 0, 0, 0),
                          VoiceTotals("a/1", 3, 300'000, 0, 0, 0),
                          VoiceTotals("a/2", 3, 300'000, 0, 0, 0)));
}

TEST_F(AggregatesTest, MergesFromSeparateBatchesAddUp) {
  for (double compound : {0.4, -0.1, 0.7}) {
    AggregateDeltas deltas("acme");
    deltas.Add(Item(kDay, compound, compound + 0.2), "a/ana", +1);
    Write(deltas);
  }
  ASSERT_OK(store_->CompactAll());
  EXPECT_THAT(Voices(kDay, kDay),
              ElementsAre(VoiceTotals("a/ana", 3, 1'000'000, 3, 1'600'000, 0)));
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
  // The author's voice is down to zero and gone from both blocks.
  EXPECT_THAT(Voices(kDay, kDay),
              ElementsAre(VoiceTotals("g/guest1", 1, -400'000, 1, 200'000, 0)));
  EXPECT_THAT(Voices(Day(2026, 1, 1), Day(2026, 1, 31)),
              ElementsAre(VoiceTotals("g/guest1", 1, -400'000, 1, 200'000, 0)));
  EXPECT_THAT(
      AspectVoices(kDay, kDay),
      ElementsAre(AspectTotals("cleanliness", "g/guest1", 1, -400'000, 1)));
}

TEST_F(AggregatesTest, ReadsCoverOnlyTheirDaysHotelAndOrganization) {
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

  EXPECT_THAT(Voices(kDay, kDay + 1),
              ElementsAre(VoiceTotals("a/ana", 1, 200'000, 0, 0, 0),
                          VoiceTotals("a/bea", 2, 200'000, 0, 0, 0)));
  EXPECT_THAT(Voices(kDay + 3, kDay + 9), IsEmpty());
  EXPECT_THAT(Voices(kDay, kDay, "acme", "tokyo"),
              ElementsAre(VoiceTotals("a/ana", 1, 300'000, 0, 0, 0)));
  EXPECT_THAT(Voices(kDay, kDay, "rival"),
              ElementsAre(VoiceTotals("a/ana", 1, 300'000, 0, 0, 0)));
}

TEST_F(AggregatesTest, AnIntervalReadsWholeMonthsFromMonthBlocks) {
  AggregateDeltas deltas("acme");
  for (int64_t day = Day(2026, 1, 1); day <= Day(2026, 4, 30); ++day) {
    deltas.Add(Item(day, 0.1), "a/ana", +1);
  }
  Write(deltas);
  // (first day, subtracted) of each block read.
  auto read = [&](int64_t first, int64_t last, BlockCover cover) {
    std::vector<std::pair<int64_t, bool>> blocks;
    for (const AggregateBlock& block :
         Blocks(storage::AggregateTable::kVoices, first, last, cover)) {
      blocks.emplace_back(block.first_day, block.subtract);
    }
    std::sort(blocks.begin(), blocks.end());
    return blocks;
  };
  using Read = std::pair<int64_t, bool>;
  // Jan 30-31 and Apr 1-2 by day, February and March as months.
  EXPECT_THAT(
      read(Day(2026, 1, 30), Day(2026, 4, 2), BlockCover::kWholeMonths),
      ElementsAre(Read(Day(2026, 1, 30), false), Read(Day(2026, 1, 31), false),
                  Read(Day(2026, 2, 1), false), Read(Day(2026, 3, 1), false),
                  Read(Day(2026, 4, 1), false), Read(Day(2026, 4, 2), false)));
  // Jan 3-31 as January minus Jan 1-2; Apr 1-28 as April minus Apr 29-30.
  EXPECT_THAT(
      read(Day(2026, 1, 3), Day(2026, 4, 28), BlockCover::kFewestBlocks),
      ElementsAre(Read(Day(2026, 1, 1), false), Read(Day(2026, 1, 1), true),
                  Read(Day(2026, 1, 2), true), Read(Day(2026, 2, 1), false),
                  Read(Day(2026, 3, 1), false), Read(Day(2026, 4, 1), false),
                  Read(Day(2026, 4, 29), true), Read(Day(2026, 4, 30), true)));
  // Within one month: its middle as the month minus both ends.
  EXPECT_THAT(
      read(Day(2026, 2, 2), Day(2026, 2, 27), BlockCover::kFewestBlocks),
      ElementsAre(Read(Day(2026, 2, 1), false), Read(Day(2026, 2, 1), true),
                  Read(Day(2026, 2, 28), true)));
  // Half a month or less is read by day.
  EXPECT_EQ(
      read(Day(2026, 2, 1), Day(2026, 2, 14), BlockCover::kFewestBlocks).size(),
      14u);
  // Without months (for weekly buckets), every day by itself.
  EXPECT_EQ(read(Day(2026, 1, 30), Day(2026, 4, 2), BlockCover::kDays).size(),
            63u);
  for (BlockCover cover : {BlockCover::kDays, BlockCover::kWholeMonths,
                           BlockCover::kFewestBlocks}) {
    std::vector<VoiceTotals> voices;
    ASSERT_OK(SumVoices(Blocks(storage::AggregateTable::kVoices,
                               Day(2026, 1, 3), Day(2026, 4, 28), cover),
                        [&](std::string_view voice, const VoiceCounters& c) {
                          voices.emplace_back(std::string(voice),
                                              c.feedback_count, c.sentiment_sum,
                                              c.rated_count, c.rating_sum,
                                              c.not_scored_count);
                        }));
    EXPECT_THAT(voices,
                ElementsAre(VoiceTotals("a/ana", 116, 11'600'000, 0, 0, 0)));
  }
}

// Every interval's totals equal a brute-force sum over the items in it,
// whichever mix of day and month blocks the read takes.
TEST_F(AggregatesTest, IntervalTotalsEqualABruteForceSum) {
  std::mt19937_64 random(11);
  struct Posted {
    int64_t day;
    std::string voice;
    int64_t sentiment;
    bool scored;
  };
  std::vector<Posted> posted;
  const int64_t first = Day(2025, 11, 20);
  for (int batch = 0; batch < 20; ++batch) {
    AggregateDeltas deltas("acme");
    for (int i = 0; i < 20; ++i) {
      Posted item{first + static_cast<int64_t>(random() % 150),
                  absl::StrCat("a/", random() % 12),
                  static_cast<int64_t>(random() % 2001) - 1000,
                  /*scored=*/random() % 4 != 0};
      if (!item.scored) item.sentiment = 0;
      deltas.Add(item.scored ? Item(item.day, item.sentiment / 1000.0)
                             : NotScoredItem(item.day),
                 item.voice, +1);
      posted.push_back(item);
    }
    Write(deltas);
    if (batch % 7 == 6) ASSERT_OK(store_->CompactAll());
  }
  for (int round = 0; round < 60; ++round) {
    const int64_t start = first - 5 + static_cast<int64_t>(random() % 160);
    const int64_t end = start + static_cast<int64_t>(random() % 100);
    struct Sums {
      int64_t count = 0;
      int64_t sentiment = 0;
      int64_t not_scored = 0;
    };
    std::map<std::string, Sums> expected;
    for (const Posted& item : posted) {
      if (item.day < start || item.day > end) continue;
      Sums& sums = expected[item.voice];
      sums.count += 1;
      sums.sentiment += item.sentiment * 1000;
      sums.not_scored += item.scored ? 0 : 1;
    }
    std::vector<VoiceTotals> want;
    for (const auto& [voice, sums] : expected) {
      want.emplace_back(voice, sums.count, sums.sentiment, 0, 0,
                        sums.not_scored);
    }
    EXPECT_EQ(Voices(start, end), want) << start << ".." << end;
  }
}

TEST_F(AggregatesTest, SlotsATableLacksReadAsZero) {
  // A table written before the layout had its later slots.
  storage::CounterTableBuilder voices(1);
  voices.Add("a/ana", {3});
  storage::CounterTableBuilder aspects(2);
  aspects.Add(
      "\x04room"
      "a/ana",
      {2, -5});
  storage::WriteBatch batch;
  batch.Merge(storage::ColumnFamily::kAggregates,
              storage::AggregateBlockKey(
                  "acme", storage::AggregateTable::kVoices, "lisbon",
                  storage::AggregatePeriod::kDay, kDay),
              std::move(voices).Finish());
  batch.Merge(storage::ColumnFamily::kAggregates,
              storage::AggregateBlockKey(
                  "acme", storage::AggregateTable::kAspects, "lisbon",
                  storage::AggregatePeriod::kDay, kDay),
              std::move(aspects).Finish());
  ASSERT_OK(store_->Write(std::move(batch)));
  EXPECT_THAT(Voices(kDay, kDay),
              ElementsAre(VoiceTotals("a/ana", 3, 0, 0, 0, 0)));
  EXPECT_THAT(AspectVoices(kDay, kDay),
              ElementsAre(AspectTotals("room", "a/ana", 2, -5, 0)));
}

}  // namespace
}  // namespace guestvoice::service
