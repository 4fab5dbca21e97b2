// ComputeHotelSummary over ingested feedback: the interval and the previous
// one of equal length in whole hotel-local days, voice-weighted figures in
// which one guest is one voice, repeats left out, every aspect in taxonomy
// order.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "analysis/aspect_taxonomy.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"
#include "service/insights/queries.h"
#include "tests/service/insights/insight_domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::testing::ElementsAreArray;

constexpr char kDirty[] = "The bathroom was dirty.";
constexpr char kLovely[] = "The staff were wonderful and the room was lovely.";

// 2026-01-`day` `hour`:00 UTC, the same hour in Lisbon in winter.
absl::Time January(int day, int hour = 12) {
  return absl::FromCivil(absl::CivilSecond(2026, 1, day, hour, 0, 0),
                         absl::UTCTimeZone());
}

double CompoundOf(const v1::Feedback& item) {
  return item.analysis().sentiment().compound();
}

class SummaryTest : public testing::InsightDomainFixture {
 protected:
  v1::HotelSummary Summary(const TimeBounds& bounds,
                           const std::string& hotel = "lisbon") {
    const InsightScope scope = Scope("organizations/acme/hotels/" + hotel);
    auto summary =
        ComputeHotelSummary(*store_, "acme", scope.hotels.front(), bounds);
    EXPECT_OK(summary.status());
    return summary.ok() ? *std::move(summary) : v1::HotelSummary();
  }

  // The whole Lisbon days 10 to 12 January 2026.
  static TimeBounds TenthToTwelfth() {
    return {January(10, 0), January(13, 0)};
  }

  static std::vector<std::string> AspectsOf(
      const google::protobuf::RepeatedPtrField<v1::AspectStats>& aspects) {
    std::vector<std::string> ids;
    for (const v1::AspectStats& stats : aspects) ids.push_back(stats.aspect());
    return ids;
  }

  static const v1::AspectStats& Aspect(
      const google::protobuf::RepeatedPtrField<v1::AspectStats>& aspects,
      const std::string& aspect) {
    for (const v1::AspectStats& stats : aspects) {
      if (stats.aspect() == aspect) return stats;
    }
    ADD_FAILURE() << "no " << aspect;
    return v1::AspectStats::default_instance();
  }
};

TEST_F(SummaryTest, NamesTheHotelTheIntervalAndThePreviousOne) {
  // In Tokyo: from 03:00 on the 10th to midnight after the 12th, which is
  // the whole days 10 to 12; the previous interval is the days 7 to 9.
  const absl::TimeZone tokyo = Zone("Asia/Tokyo");
  const TimeBounds bounds{
      absl::FromCivil(absl::CivilSecond(2026, 1, 10, 3, 0, 0), tokyo),
      absl::FromCivil(absl::CivilDay(2026, 1, 13), tokyo)};
  const v1::HotelSummary summary = Summary(bounds, "tokyo");
  EXPECT_EQ(summary.hotel(), "organizations/acme/hotels/tokyo");
  EXPECT_EQ(FromProtoTimestamp(summary.interval().start_time()), bounds.start)
      << "the interval as asked, not widened";
  EXPECT_EQ(FromProtoTimestamp(summary.interval().end_time()), bounds.end);
  EXPECT_EQ(FromProtoTimestamp(summary.previous_interval().start_time()),
            absl::FromCivil(absl::CivilDay(2026, 1, 7), tokyo));
  EXPECT_EQ(FromProtoTimestamp(summary.previous_interval().end_time()),
            absl::FromCivil(absl::CivilDay(2026, 1, 10), tokyo));
}

TEST_F(SummaryTest, EachIntervalCountsItsOwnWholeDays) {
  Post("before", "@ana", kDirty, January(6, 23));
  Post("previous-first", "@bea", kDirty, January(7, 0));
  Post("previous-middle", "@hal", kDirty, January(8));
  Post("previous-last", "@cy", kLovely, January(9, 23));
  Post("current-first", "@dee", kLovely, January(10, 0));
  Post("current-last", "@eve", kDirty, January(12, 23));
  Post("after", "@fay", kDirty, January(13, 0));
  Post("elsewhere", "@gus", kDirty, January(11), "tokyo");

  const v1::HotelSummary summary = Summary({January(10, 8), January(12, 9)});
  EXPECT_EQ(summary.current().feedback_count(), 2);
  EXPECT_EQ(summary.current().voice_count(), 2);
  EXPECT_EQ(summary.previous().feedback_count(), 3);
  EXPECT_EQ(summary.previous().voice_count(), 3);
  EXPECT_EQ(Aspect(summary.aspects(), "cleanliness").voice_count(), 1);
  EXPECT_EQ(Aspect(summary.previous_aspects(), "cleanliness").voice_count(), 2);
}

TEST_F(SummaryTest, AHundredPostsOfOneAuthorWeighAsOneVoice) {
  std::vector<double> ana;
  for (int i = 0; i < 100; ++i) {
    ana.push_back(
        CompoundOf(Post(absl::StrCat("ana-", i), "@ana",
                        absl::StrCat("The bathroom was dirty on day ", i, "."),
                        January(11) + absl::Minutes(i))));
  }
  const double bea = CompoundOf(Post("bea", "@bea", kLovely, January(11)));
  const double cy = CompoundOf(Post("cy", "@cy", "Great stay.", January(12)));
  double ana_sum = 0;
  for (double compound : ana) ana_sum += compound;
  ASSERT_LT(ana_sum / 100, -0.05);
  ASSERT_GT(bea, 0.05);
  ASSERT_GT(cy, 0.05);

  const v1::HotelSummary summary = Summary(TenthToTwelfth());
  EXPECT_EQ(summary.current().feedback_count(), 102);
  EXPECT_EQ(summary.current().voice_count(), 3);
  EXPECT_NEAR(summary.current().mean_sentiment(),
              (ana_sum / 100 + bea + cy) / 3, 1e-6);
  EXPECT_DOUBLE_EQ(summary.current().negative_share(), 1.0 / 3);
  EXPECT_DOUBLE_EQ(summary.current().positive_share(), 2.0 / 3);
  const v1::AspectStats& cleanliness = Aspect(summary.aspects(), "cleanliness");
  EXPECT_EQ(cleanliness.mention_count(), 100);
  EXPECT_EQ(cleanliness.voice_count(), 1);
  EXPECT_EQ(cleanliness.negative_share(), 1);
}

TEST_F(SummaryTest, AGuestsLinkedHandlesAreOneVoice) {
  const std::string ana = Guest("@ana");
  v1::LinkIdentityRequest link;
  link.set_guest(ana);
  link.mutable_identity()->set_kind(v1::IDENTITY_KIND_HANDLE);
  link.mutable_identity()->set_source(v1::SOURCE_INSTAGRAM);
  link.mutable_identity()->set_value("ana.travels");
  v1::Guest linked;
  ASSERT_OK(Guests(domain()).LinkIdentity(acme_, link, linked));

  Post("tw", "@ana", kDirty, January(11));
  v1::Feedback instagram = Item("ig", "ana.travels", kLovely);
  instagram.set_source(v1::SOURCE_INSTAGRAM);
  *instagram.mutable_post_time() = ToProtoTimestamp(January(12));
  EXPECT_EQ(Ingest(instagram).guest(), ana);

  const v1::HotelSummary summary = Summary(TenthToTwelfth());
  EXPECT_EQ(summary.current().feedback_count(), 2);
  EXPECT_EQ(summary.current().voice_count(), 1);
}

TEST_F(SummaryTest, RepeatsAreNeverCounted) {
  const v1::Feedback first = Post("r-1", "@ana", kDirty, January(10));
  ASSERT_TRUE(Post("r-2", "@ana", kDirty, January(11)).repeat());
  const v1::HotelSummary summary = Summary(TenthToTwelfth());
  EXPECT_EQ(summary.current().feedback_count(), 1);
  EXPECT_DOUBLE_EQ(summary.current().mean_sentiment(), CompoundOf(first));
  EXPECT_EQ(Aspect(summary.aspects(), "cleanliness").mention_count(), 1);
}

TEST_F(SummaryTest, EveryAspectIsListedInTaxonomyOrder) {
  Post("a-1", "@ana", kDirty, January(11));
  Post("b-1", "@bea", "The room was spotless and clean.", January(11));
  const v1::HotelSummary summary = Summary(TenthToTwelfth());
  const std::vector<std::string>& taxonomy =
      analysis::AspectTaxonomy::Default().aspects();
  EXPECT_THAT(AspectsOf(summary.aspects()), ElementsAreArray(taxonomy));
  EXPECT_THAT(AspectsOf(summary.previous_aspects()),
              ElementsAreArray(taxonomy));

  const v1::AspectStats& cleanliness = Aspect(summary.aspects(), "cleanliness");
  EXPECT_EQ(cleanliness.mention_count(), 2);
  EXPECT_EQ(cleanliness.voice_count(), 2);
  EXPECT_DOUBLE_EQ(cleanliness.negative_share(), 0.5);
  const v1::AspectStats& location = Aspect(summary.aspects(), "location");
  EXPECT_EQ(location.mention_count(), 0);
  EXPECT_EQ(location.voice_count(), 0);
  EXPECT_EQ(location.mean_sentiment(), 0);
}

// Means are floating-point sums over voices: summed in one fixed order
// (voice id), the same data always gives the same bytes (issue 12, defect 5).
TEST_F(SummaryTest, TheSameDataGivesTheSameBytes) {
  const char* const texts[] = {kDirty, kLovely, "Rude staff, filthy room.",
                               "The wifi was slow, the view superb."};
  for (int i = 0; i < 60; ++i) {
    Post(absl::StrCat("d-", i), absl::StrCat("@author", i % 23), texts[i % 4],
         January(10 + i % 3, i % 24));
  }
  const std::string first = Summary(TenthToTwelfth()).SerializeAsString();
  for (int call = 0; call < 20; ++call) {
    EXPECT_EQ(Summary(TenthToTwelfth()).SerializeAsString(), first) << call;
  }
}

TEST_F(SummaryTest, AHotelWithoutFeedbackHasZeroes) {
  Post("elsewhere", "@ana", kDirty, January(11), "tokyo");
  const v1::HotelSummary summary = Summary(TenthToTwelfth());
  EXPECT_EQ(summary.current().feedback_count(), 0);
  EXPECT_EQ(summary.current().voice_count(), 0);
  EXPECT_EQ(summary.current().mean_sentiment(), 0);
  EXPECT_EQ(summary.previous().voice_count(), 0);
  EXPECT_EQ(
      summary.aspects_size(),
      static_cast<int>(analysis::AspectTaxonomy::Default().aspects().size()));
}

}  // namespace
}  // namespace guestvoice::service
