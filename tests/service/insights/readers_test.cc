// The readers of the pre-aggregates and the negative-quote index, over
// feedback ingested as the service ingests it: per-voice totals of one hotel
// over whole days, and the newest negative clauses about an aspect.

#include "service/insights/readers.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "analysis/aspect_taxonomy.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_date.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/records.h"
#include "tests/service/insights/insight_domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr char kDirty[] = "The bathroom was dirty.";
constexpr char kFilthyAndRude[] =
    "The room was filthy and the staff were rude.";
constexpr char kLovely[] = "The staff were wonderful and the room was lovely.";

// 2026-01-`day` `hour`:00 UTC, the same hour in Lisbon in winter.
absl::Time January(int day, int hour = 12) {
  return absl::FromCivil(absl::CivilSecond(2026, 1, day, hour, 0, 0),
                         absl::UTCTimeZone());
}

DayRange Days(int first, int last) {
  return {DayNumber(absl::CivilDay(2026, 1, first)),
          DayNumber(absl::CivilDay(2026, 1, last))};
}

int64_t SentimentOf(const v1::Feedback& item) {
  return ToFixedPoint(item.analysis().sentiment().compound());
}

// The fixed-point sentiment of the item's first mention of `aspect`.
int64_t MentionSentimentOf(const v1::Feedback& item,
                           const std::string& aspect) {
  for (const v1::AspectMention& mention : item.analysis().aspects()) {
    if (mention.aspect() == aspect) return ToFixedPoint(mention.sentiment());
  }
  ADD_FAILURE() << item.text() << " does not mention " << aspect;
  return 0;
}

class ReadersTest : public testing::InsightDomainFixture {
 protected:
  // The voice the item counts for.
  std::string VoiceOf(const v1::Feedback& item) {
    auto stored = ReadStoredFeedback(*store_, "acme", FeedbackIdOf(item));
    EXPECT_TRUE(stored.ok() && stored->has_value()) << item.name();
    return stored.ok() && stored->has_value() ? service::VoiceOf(**stored) : "";
  }

  using VoiceTotals = std::map<std::string, VoiceCounters>;
  using AspectVoiceTotals =
      std::map<std::string, std::map<std::string, AspectCounters>>;

  VoiceTotals Totals(const std::string& hotel, const DayRange& days) {
    VoiceTotals totals;
    EXPECT_OK(ForEachHotelVoice(
        *store_, "acme", hotel, days, nullptr,
        [&](std::string_view voice, const VoiceCounters& counters) {
          EXPECT_TRUE(totals.emplace(voice, counters).second)
              << "visited twice: " << voice;
        }));
    return totals;
  }

  AspectVoiceTotals AspectTotals(const std::string& hotel,
                                 const DayRange& days) {
    AspectVoiceTotals totals;
    auto blocks = ReadBlocks(*store_, "acme", storage::AggregateTable::kAspects,
                             hotel, days.first_day, days.last_day,
                             BlockCover::kFewestBlocks, nullptr);
    EXPECT_OK(blocks.status());
    if (!blocks.ok()) return totals;
    EXPECT_OK(SumAspectVoices(
        *blocks, [&](std::string_view aspect, std::string_view voice,
                     const AspectCounters& counters) {
          totals[std::string(aspect)][std::string(voice)] = counters;
        }));
    return totals;
  }

  // The clauses ReadRecentQuotes returns, with their post times.
  std::vector<std::string> Quotes(const std::string& aspect,
                                  const TimeBounds& bounds, size_t limit,
                                  std::vector<absl::Time>* times = nullptr,
                                  const std::string& hotel = "lisbon") {
    absl::StatusOr<std::unique_ptr<storage::ScanCursor>> feedback =
        store_->NewScanCursor(storage::ColumnFamily::kFeedback);
    EXPECT_OK(feedback.status());
    std::vector<std::string> texts;
    if (!feedback.ok()) return texts;
    auto quotes =
        ReadRecentQuotes(**feedback, "acme", hotel, aspect, bounds, limit);
    EXPECT_OK(quotes.status());
    if (!quotes.ok()) return texts;
    for (const TimedQuote& quote : *quotes) {
      absl::StatusOr<v1::AspectMention> mention = ParseQuote(quote);
      EXPECT_OK(mention.status());
      if (!mention.ok()) continue;
      EXPECT_EQ(mention->aspect(), aspect);
      texts.push_back(mention->text());
      if (times != nullptr) times->push_back(quote.post_time);
    }
    return texts;
  }
};

TEST_F(ReadersTest, VoiceTotalsSumEachVoiceOverTheWholeDays) {
  Post("f-9", "@ana", "Awful.", January(9, 23));
  const v1::Feedback first = Post("f-10", "@ana", kDirty, January(10, 0));
  const v1::Feedback second = Post("f-11", "@ana", kFilthyAndRude, January(11));
  const v1::Feedback third = Post("f-12", "@ana", kLovely, January(12, 23));
  Post("f-13", "@ana", "Bad.", January(13, 0));
  const v1::Feedback bea = Post("b-11", "@bea", kLovely, January(11));
  Post("c-11", "@cy", kDirty, January(11), "tokyo");

  const VoiceTotals totals = Totals("lisbon", Days(10, 12));
  ASSERT_EQ(totals.size(), 2u);
  const VoiceCounters& ana = totals.at(VoiceOf(first));
  EXPECT_EQ(ana.feedback_count, 3) << "the first and last day are whole";
  EXPECT_EQ(ana.sentiment_sum,
            SentimentOf(first) + SentimentOf(second) + SentimentOf(third));
  EXPECT_EQ(ana.rated_count, 0);
  const VoiceCounters& other = totals.at(VoiceOf(bea));
  EXPECT_EQ(other.feedback_count, 1);
  EXPECT_EQ(other.sentiment_sum, SentimentOf(bea));

  EXPECT_THAT(Totals("lisbon", Days(1, 8)), IsEmpty());
  EXPECT_EQ(Totals("tokyo", Days(10, 12)).size(), 1u);
}

TEST_F(ReadersTest, VoicesComeOnceEachInVoiceOrder) {
  Post("a", "@ana", kDirty, January(10));
  Post("b", "@bea", kLovely, January(11));
  Post("c", "@cy", kDirty, January(12));
  Post("d", "@ana", kLovely, January(12));
  std::vector<std::string> voices;
  ASSERT_OK(
      ForEachHotelVoice(*store_, "acme", "lisbon", Days(1, 31), nullptr,
                        [&](std::string_view voice, const VoiceCounters&) {
                          voices.emplace_back(voice);
                        }));
  EXPECT_EQ(voices.size(), 3u);
  EXPECT_TRUE(std::is_sorted(voices.begin(), voices.end()));
}

TEST(TaxonomyIndexTest, NamesEachTaxonomyAspectsPlace) {
  const std::vector<std::string>& aspects =
      analysis::AspectTaxonomy::Default().aspects();
  for (size_t i = 0; i < aspects.size(); ++i) {
    EXPECT_EQ(TaxonomyIndex(aspects[i]), i);
  }
  EXPECT_EQ(TaxonomyIndex("no_such_aspect"), std::nullopt);
}

TEST_F(ReadersTest, DaysAreTheHotelsLocalDays) {
  // 20:00 UTC on the 10th is the 11th in Tokyo.
  Post("t-1", "@ana", kDirty, January(10, 20), "tokyo");
  EXPECT_THAT(Totals("tokyo", Days(10, 10)), IsEmpty());
  EXPECT_EQ(Totals("tokyo", Days(11, 11)).size(), 1u);
}

TEST_F(ReadersTest, RepeatsAreNeverCounted) {
  const v1::Feedback first = Post("r-1", "@ana", kDirty, January(10));
  const v1::Feedback repeat =
      Post("r-2", "@ana", "  the BATHROOM was   dirty. ", January(11));
  ASSERT_TRUE(repeat.repeat());
  Post("r-3", "@bea", kDirty, January(11));  // another author's is no repeat

  const VoiceTotals totals = Totals("lisbon", Days(10, 12));
  EXPECT_EQ(totals.size(), 2u);
  EXPECT_EQ(totals.at(VoiceOf(first)).feedback_count, 1);
  const AspectVoiceTotals aspects = AspectTotals("lisbon", Days(10, 12));
  EXPECT_EQ(aspects.at("cleanliness").at(VoiceOf(first)).mention_count, 1);
}

TEST_F(ReadersTest, RatingsAreSummedNormalised) {
  v1::Feedback rated = Item("rated", "@ana", kLovely);
  rated.mutable_rating()->set_value(4);
  rated.mutable_rating()->set_scale_min(1);
  rated.mutable_rating()->set_scale_max(5);
  const v1::Feedback stored = Ingest(rated);
  Post("unrated", "@ana", kDirty, clock_.Now() - absl::Hours(2));

  const VoiceTotals totals = Totals("lisbon", Days(15, 15));
  const VoiceCounters& ana = totals.at(VoiceOf(stored));
  EXPECT_EQ(ana.feedback_count, 2);
  EXPECT_EQ(ana.rated_count, 1);
  EXPECT_EQ(ana.rating_sum, ToFixedPoint(0.75));
}

TEST_F(ReadersTest, AspectTotalsAreKeptPerAspectAndVoice) {
  const v1::Feedback ana_first =
      Post("a-1", "@ana", kFilthyAndRude, January(10));
  const v1::Feedback ana_second = Post("a-2", "@ana", kDirty, January(11));
  const v1::Feedback bea = Post("b-1", "@bea", kLovely, January(11));
  const std::string ana_voice = VoiceOf(ana_first);
  const std::string bea_voice = VoiceOf(bea);

  const AspectVoiceTotals totals = AspectTotals("lisbon", Days(10, 11));
  std::vector<std::string> aspects;
  for (const auto& [aspect, voices] : totals) aspects.push_back(aspect);
  EXPECT_THAT(aspects,
              UnorderedElementsAre("cleanliness", "staff_service", "room"));

  const AspectCounters& cleanliness = totals.at("cleanliness").at(ana_voice);
  EXPECT_EQ(cleanliness.mention_count, 2);
  EXPECT_EQ(cleanliness.negative_mention_count, 2);
  EXPECT_EQ(cleanliness.sentiment_sum,
            MentionSentimentOf(ana_first, "cleanliness") +
                MentionSentimentOf(ana_second, "cleanliness"));
  EXPECT_EQ(totals.at("cleanliness").size(), 1u);

  const auto& staff = totals.at("staff_service");
  EXPECT_EQ(staff.size(), 2u);
  EXPECT_EQ(staff.at(ana_voice).negative_mention_count, 1);
  EXPECT_EQ(staff.at(bea_voice).mention_count, 1);
  EXPECT_EQ(staff.at(bea_voice).negative_mention_count, 0);
  EXPECT_EQ(staff.at(bea_voice).sentiment_sum,
            MentionSentimentOf(bea, "staff_service"));

  EXPECT_EQ(AspectTotals("lisbon", Days(10, 10))
                .at("cleanliness")
                .at(ana_voice)
                .mention_count,
            1);
}

TEST_F(ReadersTest, QuotesAreTheNewestNegativeClausesFirst) {
  Post("q-1", "@ana", "The bathroom was dirty on day 1.", January(10, 8));
  Post("q-2", "@bea", "The bathroom was dirty on day 2.", January(10, 9));
  Post("q-3", "@cy", "The bathroom was dirty on day 3.", January(11, 8));
  Post("q-4", "@dee", "The bathroom was dirty on day 4.", January(12, 8));
  Post("p-1", "@eve", "The room was spotless and clean.", January(12, 9));
  Post("s-1", "@fay", "The staff were rude.", January(12, 10));
  Post("t-1", "@gus", "The bathroom was dirty in Tokyo.", January(12, 11),
       "tokyo");
  const TimeBounds days{January(10, 0), January(13, 0)};

  std::vector<absl::Time> times;
  EXPECT_THAT(Quotes("cleanliness", days, 3, &times),
              ElementsAre("The bathroom was dirty on day 4.",
                          "The bathroom was dirty on day 3.",
                          "The bathroom was dirty on day 2."));
  EXPECT_THAT(times,
              ElementsAre(January(12, 8), January(11, 8), January(10, 9)));
  EXPECT_EQ(Quotes("cleanliness", days, 10).size(), 4u);
  EXPECT_THAT(Quotes("cleanliness", days, 0), IsEmpty());
  EXPECT_THAT(Quotes("staff_service", days, 3),
              ElementsAre("The staff were rude."));
  EXPECT_THAT(Quotes("cleanliness", days, 3, nullptr, "tokyo"),
              ElementsAre("The bathroom was dirty in Tokyo."));
}

TEST_F(ReadersTest, QuotesArePostedWithinTheBounds) {
  Post("q-1", "@ana", "The bathroom was dirty on day 1.", January(10, 8));
  Post("q-2", "@bea", "The bathroom was dirty on day 2.", January(11, 8));
  Post("q-3", "@cy", "The bathroom was dirty on day 3.", January(12, 8));
  // [start, end): the start is in, the end is out.
  EXPECT_THAT(Quotes("cleanliness", {January(10, 8), January(12, 8)}, 3),
              ElementsAre("The bathroom was dirty on day 2.",
                          "The bathroom was dirty on day 1."));
  EXPECT_THAT(Quotes("cleanliness",
                     {January(10, 8) + absl::Microseconds(1),
                      January(12, 8) + absl::Microseconds(1)},
                     3),
              ElementsAre("The bathroom was dirty on day 3.",
                          "The bathroom was dirty on day 2."));
}

TEST_F(ReadersTest, RepeatsLeaveNoQuote) {
  Post("q-1", "@ana", kDirty, January(10, 8));
  Post("q-2", "@ana", kDirty, January(11, 8));
  EXPECT_EQ(Quotes("cleanliness", {January(10, 0), January(12, 0)}, 3).size(),
            1u);
}

}  // namespace
}  // namespace guestvoice::service
