// ComputeSentimentTrend over ingested feedback: buckets of hotel-local
// days, ISO weeks and calendar months, empty ones included and clipped to
// the interval; a voice once per hotel and bucket; aspect trends; an
// organization's buckets in UTC collecting each hotel's local dates.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "service/insights/queries.h"
#include "tests/service/insights/insight_domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;

constexpr char kDirty[] = "The bathroom was dirty.";
constexpr char kLovely[] = "The staff were wonderful and the room was lovely.";
constexpr char kFilthyAndRude[] =
    "The room was filthy and the staff were rude.";

// `hour`:00 UTC on the day, the same hour in Lisbon in winter.
absl::Time Utc(absl::CivilDay day, int hour = 0) {
  return absl::FromCivil(absl::CivilHour(day) + hour, absl::UTCTimeZone());
}
absl::Time January(int day, int hour = 12) {
  return Utc(absl::CivilDay(2026, 1, day), hour);
}

double CompoundOf(const v1::Feedback& item) {
  return item.analysis().sentiment().compound();
}

// The first day of each bucket.
std::vector<absl::CivilDay> Dates(const v1::SentimentTrend& trend) {
  std::vector<absl::CivilDay> dates;
  for (const v1::TrendBucket& bucket : trend.buckets()) {
    dates.push_back(FromProtoDate(bucket.date()).value());
  }
  return dates;
}

std::vector<int64_t> FeedbackCounts(const v1::SentimentTrend& trend) {
  std::vector<int64_t> counts;
  for (const v1::TrendBucket& bucket : trend.buckets()) {
    counts.push_back(bucket.feedback_count());
  }
  return counts;
}

std::vector<int64_t> VoiceCounts(const v1::SentimentTrend& trend) {
  std::vector<int64_t> counts;
  for (const v1::TrendBucket& bucket : trend.buckets()) {
    counts.push_back(bucket.voice_count());
  }
  return counts;
}

// Each bucket's [start, end).
std::vector<std::pair<absl::Time, absl::Time>> Bounds(
    const v1::SentimentTrend& trend) {
  std::vector<std::pair<absl::Time, absl::Time>> bounds;
  for (const v1::TrendBucket& bucket : trend.buckets()) {
    bounds.emplace_back(FromProtoTimestamp(bucket.interval().start_time()),
                        FromProtoTimestamp(bucket.interval().end_time()));
  }
  return bounds;
}

class TrendTest : public testing::InsightDomainFixture {
 protected:
  absl::StatusOr<v1::SentimentTrend> Trend(const std::string& scope,
                                           const TimeBounds& bounds,
                                           v1::Granularity granularity,
                                           const std::string& aspect = "") {
    return ComputeSentimentTrend(*store_, Scope(scope), bounds, granularity,
                                 aspect, CallCancellation::Never());
  }

  v1::SentimentTrend LisbonTrend(const TimeBounds& bounds,
                                 v1::Granularity granularity,
                                 const std::string& aspect = "") {
    auto trend =
        Trend("organizations/acme/hotels/lisbon", bounds, granularity, aspect);
    EXPECT_OK(trend.status());
    return trend.ok() ? *std::move(trend) : v1::SentimentTrend();
  }
};

TEST_F(TrendTest, DayBucketsIncludeTheEmptyOnes) {
  const double ana = CompoundOf(Post("a-11", "@ana", kDirty, January(11)));
  const double bea = CompoundOf(Post("b-11", "@bea", kLovely, January(11)));
  double ana_13 = 0;
  for (int i = 0; i < 3; ++i) {
    ana_13 += CompoundOf(Post(absl::StrCat("a-13-", i), "@ana",
                              absl::StrCat("Bad stay number ", i, "."),
                              January(13, 8 + i)));
  }

  const v1::SentimentTrend trend =
      LisbonTrend({January(10, 0), January(15, 0)}, v1::GRANULARITY_DAY);
  EXPECT_THAT(
      Dates(trend),
      ElementsAre(absl::CivilDay(2026, 1, 10), absl::CivilDay(2026, 1, 11),
                  absl::CivilDay(2026, 1, 12), absl::CivilDay(2026, 1, 13),
                  absl::CivilDay(2026, 1, 14)));
  EXPECT_THAT(FeedbackCounts(trend), ElementsAre(0, 2, 0, 3, 0));
  EXPECT_THAT(VoiceCounts(trend), ElementsAre(0, 2, 0, 1, 0));
  EXPECT_EQ(trend.buckets(0).mean_sentiment(), 0);
  EXPECT_NEAR(trend.buckets(1).mean_sentiment(), (ana + bea) / 2, 1e-6);
  EXPECT_NEAR(trend.buckets(3).mean_sentiment(), ana_13 / 3, 1e-6);
  EXPECT_THAT(Bounds(trend),
              ElementsAre(std::pair{January(10, 0), January(11, 0)},
                          std::pair{January(11, 0), January(12, 0)},
                          std::pair{January(12, 0), January(13, 0)},
                          std::pair{January(13, 0), January(14, 0)},
                          std::pair{January(14, 0), January(15, 0)}));
}

TEST_F(TrendTest, WeekBucketsAreIsoWeeksClippedToTheInterval) {
  // Wednesday 7 January 10:00 to Tuesday 20 January 18:00 (Lisbon): the
  // rest of one week, a whole week, and the start of a third.
  Post("wed", "@ana", kDirty, January(7, 8));  // before 10:00: still its day
  Post("sun", "@bea", kDirty, January(11, 23));
  Post("mon", "@cy", kDirty, January(12, 0));
  Post("thu", "@dee", kDirty, January(15, 11));
  const TimeBounds bounds{January(7, 10), January(20, 18)};

  const v1::SentimentTrend trend = LisbonTrend(bounds, v1::GRANULARITY_WEEK);
  EXPECT_THAT(Dates(trend), ElementsAre(absl::CivilDay(2026, 1, 7),
                                        absl::CivilDay(2026, 1, 12),
                                        absl::CivilDay(2026, 1, 19)));
  EXPECT_THAT(FeedbackCounts(trend), ElementsAre(2, 2, 0));
  EXPECT_THAT(Bounds(trend),
              ElementsAre(std::pair{January(7, 10), January(12, 0)},
                          std::pair{January(12, 0), January(19, 0)},
                          std::pair{January(19, 0), January(20, 18)}));
}

TEST_F(TrendTest, MonthBucketsAreCalendarMonths) {
  const absl::CivilDay december_15(2025, 12, 15);
  Post("dec", "@ana", kDirty, Utc(absl::CivilDay(2025, 12, 31), 23));
  Post("jan", "@bea", kDirty, January(1, 0));
  const TimeBounds bounds{Utc(december_15), Utc(absl::CivilDay(2026, 2, 11))};

  const v1::SentimentTrend trend = LisbonTrend(bounds, v1::GRANULARITY_MONTH);
  EXPECT_THAT(Dates(trend), ElementsAre(december_15, absl::CivilDay(2026, 1, 1),
                                        absl::CivilDay(2026, 2, 1)));
  EXPECT_THAT(FeedbackCounts(trend), ElementsAre(1, 1, 0));
  EXPECT_THAT(
      Bounds(trend),
      ElementsAre(std::pair{Utc(december_15), January(1, 0)},
                  std::pair{January(1, 0), Utc(absl::CivilDay(2026, 2, 1))},
                  std::pair{Utc(absl::CivilDay(2026, 2, 1)),
                            Utc(absl::CivilDay(2026, 2, 11))}));
}

TEST_F(TrendTest, AtMost1000Buckets) {
  const absl::Time end = January(15, 0);
  auto trend = Trend("organizations/acme/hotels/lisbon",
                     {end - absl::Hours(24 * 1000), end}, v1::GRANULARITY_DAY);
  ASSERT_OK(trend.status());
  EXPECT_EQ(trend->buckets_size(), 1000);

  EXPECT_THAT(
      Trend("organizations/acme/hotels/lisbon",
            {end - absl::Hours(24 * 1001), end}, v1::GRANULARITY_DAY),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "invalid request: granularity: the interval would have more "
               "than 1000 buckets; use a coarser granularity"));
  trend = Trend("organizations/acme/hotels/lisbon",
                {end - absl::Hours(24 * 1096), end}, v1::GRANULARITY_WEEK);
  ASSERT_OK(trend.status());
  EXPECT_EQ(trend->buckets_size(), 158);
}

TEST_F(TrendTest, AVoiceCountsOncePerHotelAndBucket) {
  Post("l-1", "@ana", kDirty, January(12, 8));
  Post("l-2", "@ana", "Bad.", January(12, 9));
  Post("t-1", "@ana", "The wifi was terrible.", January(12, 8), "tokyo");
  Post("l-3", "@ana", "Awful.", January(13, 9));

  auto trend = Trend("organizations/acme", {January(12, 0), January(14, 0)},
                     v1::GRANULARITY_DAY);
  ASSERT_OK(trend.status());
  EXPECT_THAT(Dates(*trend), ElementsAre(absl::CivilDay(2026, 1, 12),
                                         absl::CivilDay(2026, 1, 13),
                                         absl::CivilDay(2026, 1, 14)));
  EXPECT_THAT(FeedbackCounts(*trend), ElementsAre(3, 1, 0));
  EXPECT_THAT(VoiceCounts(*trend), ElementsAre(2, 1, 0))
      << "ana at lisbon and ana at tokyo on the 12th";
}

TEST_F(TrendTest, AnAspectTrendCountsMentionsOfIt) {
  Post("a-1", "@ana", kFilthyAndRude, January(11));
  Post("a-2", "@ana", kDirty, January(11, 13));
  Post("b-1", "@bea", kLovely, January(11));  // no cleanliness mention
  Post("c-1", "@cy", "The room was spotless and clean.", January(11));

  const v1::SentimentTrend trend = LisbonTrend(
      {January(11, 0), January(12, 0)}, v1::GRANULARITY_DAY, "cleanliness");
  ASSERT_EQ(trend.buckets_size(), 1);
  EXPECT_EQ(trend.buckets(0).feedback_count(), 3) << "three mentions";
  EXPECT_EQ(trend.buckets(0).voice_count(), 2) << "of ana and cy";

  const v1::SentimentTrend staff = LisbonTrend(
      {January(11, 0), January(12, 0)}, v1::GRANULARITY_DAY, "staff_service");
  EXPECT_EQ(staff.buckets(0).voice_count(), 2) << "ana and bea";
  EXPECT_EQ(staff.buckets(0).feedback_count(), 2);
}

TEST_F(TrendTest, OrganizationBucketsAreUtcAndCollectLocalDates) {
  // 13 and 14 January UTC. Tokyo's local days run from the 13th to the
  // 15th: its morning of the 15th lies in the interval too.
  Post("lisbon-14", "@ana", kDirty, January(14, 12));
  Post("tokyo-14", "@bea", kDirty, January(13, 20), "tokyo");  // 14th 05:00
  Post("tokyo-15", "@cy", kDirty, January(14, 20), "tokyo");   // 15th 05:00
  const TimeBounds bounds{January(13, 0), January(15, 0)};

  auto trend = Trend("organizations/acme", bounds, v1::GRANULARITY_DAY);
  ASSERT_OK(trend.status());
  EXPECT_THAT(Dates(*trend), ElementsAre(absl::CivilDay(2026, 1, 13),
                                         absl::CivilDay(2026, 1, 14),
                                         absl::CivilDay(2026, 1, 15)));
  EXPECT_THAT(FeedbackCounts(*trend), ElementsAre(0, 2, 1));
  // Bounds in UTC, clipped to the interval: from the first hotel's start of
  // the date to the last hotel's end (Tokyo's 14th begins at 15:00 UTC on
  // the 13th; its 15th, from 15:00 on the 14th, holds an item of the
  // interval and so is no empty instant).
  EXPECT_THAT(Bounds(*trend),
              ElementsAre(std::pair{January(13, 0), January(14, 0)},
                          std::pair{January(13, 15), January(15, 0)},
                          std::pair{January(14, 15), January(15, 0)}));
  for (const v1::TrendBucket& bucket : trend->buckets()) {
    EXPECT_LT(FromProtoTimestamp(bucket.interval().start_time()),
              FromProtoTimestamp(bucket.interval().end_time()));
  }
}

TEST_F(TrendTest, AHotelsBucketsAreItsLocalDays) {
  const absl::TimeZone tokyo = Zone("Asia/Tokyo");
  Post("tokyo-14", "@bea", kDirty, January(13, 20), "tokyo");  // 14th 05:00
  const TimeBounds bounds{absl::FromCivil(absl::CivilDay(2026, 1, 13), tokyo),
                          absl::FromCivil(absl::CivilDay(2026, 1, 15), tokyo)};

  auto trend =
      Trend("organizations/acme/hotels/tokyo", bounds, v1::GRANULARITY_DAY);
  ASSERT_OK(trend.status());
  EXPECT_THAT(Dates(*trend), ElementsAre(absl::CivilDay(2026, 1, 13),
                                         absl::CivilDay(2026, 1, 14)));
  EXPECT_THAT(FeedbackCounts(*trend), ElementsAre(0, 1));
  EXPECT_THAT(Bounds(*trend),
              ElementsAre(std::pair{January(12, 15), January(13, 15)},
                          std::pair{January(13, 15), January(14, 15)}));
}

}  // namespace
}  // namespace guestvoice::service
