// ComputeLoyaltyInsights over ingested feedback and guests: voices per
// current loyalty tier (base tier first, unknown voices last), and loyal
// guests at risk: above the base tier, with negative feedback in the
// interval at the scope's hotels, none of it resolved.

#include "service/insights/loyalty_insights.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/insights/insight_domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kDirty[] = "The bathroom was dirty.";
constexpr char kLovely[] = "The staff were wonderful and the room was lovely.";

// 2026-01-`day` `hour`:00 UTC, the same hour in Lisbon in winter.
absl::Time January(int day, int hour = 12) {
  return absl::FromCivil(absl::CivilSecond(2026, 1, day, hour, 0, 0),
                         absl::UTCTimeZone());
}

// The whole days 10 to 15 January (UTC, and Lisbon's).
TimeBounds TenthToFifteenth() { return {January(10, 0), January(16, 0)}; }

std::vector<std::string> TiersOf(const v1::LoyaltyInsights& insights) {
  std::vector<std::string> tiers;
  for (const v1::TierSentiment& tier : insights.tiers()) {
    tiers.push_back(tier.tier());
  }
  return tiers;
}

std::vector<int64_t> VoicesPerTier(const v1::LoyaltyInsights& insights) {
  std::vector<int64_t> voices;
  for (const v1::TierSentiment& tier : insights.tiers()) {
    voices.push_back(tier.stats().voice_count());
  }
  return voices;
}

std::vector<std::string> GuestsAtRisk(const v1::LoyaltyInsights& insights) {
  std::vector<std::string> guests;
  for (const v1::GuestAtRisk& guest : insights.guests_at_risk()) {
    guests.push_back(guest.guest());
  }
  return guests;
}

class LoyaltyInsightsTest : public testing::InsightDomainFixture {
 protected:
  v1::LoyaltyInsights Compute(const std::string& scope = "organizations/acme",
                              const TimeBounds& bounds = TenthToFifteenth()) {
    GuestTiers tiers = Tiers();
    auto insights = ComputeLoyaltyInsights(*store_, Scope(scope), bounds, tiers,
                                           CallCancellation::Never());
    EXPECT_OK(insights.status());
    return insights.ok() ? *std::move(insights) : v1::LoyaltyInsights();
  }
};

TEST_F(LoyaltyInsightsTest, VoicesCountInTheirGuestsCurrentTier) {
  // ana's feedback was posted before she was known, let alone gold.
  const double ana_first = Post("a-1", "@ana", kDirty, January(11))
                               .analysis()
                               .sentiment()
                               .compound();
  const double ana_second = Post("a-2", "@ana", "Bad.", January(12))
                                .analysis()
                                .sentiment()
                                .compound();
  Guest("@ana", "gold");
  Guest("@bea");
  Post("b-1", "@bea", kLovely, January(11));
  Post("c-1", "@cy", kLovely, January(11));
  Guest("@dee", "platinum");
  Post("d-1", "@dee", kLovely, January(11), "tokyo");

  const v1::LoyaltyInsights organization = Compute();
  EXPECT_THAT(TiersOf(organization),
              ElementsAre("member", "silver", "gold", "platinum", ""));
  EXPECT_THAT(VoicesPerTier(organization), ElementsAre(1, 0, 1, 1, 1));
  const v1::VoiceStats& gold = organization.tiers(2).stats();
  EXPECT_EQ(gold.feedback_count(), 2);
  EXPECT_NEAR(gold.mean_sentiment(), (ana_first + ana_second) / 2, 1e-6);

  EXPECT_THAT(VoicesPerTier(Compute("organizations/acme/hotels/lisbon")),
              ElementsAre(1, 0, 1, 0, 1));
}

TEST_F(LoyaltyInsightsTest, AGuestIsAVoiceAtEachHotel) {
  Guest("@ana", "gold");
  Post("a-l", "@ana", kDirty, January(11));
  Post("a-t", "@ana", kLovely, January(11), "tokyo");
  EXPECT_THAT(VoicesPerTier(Compute()), ElementsAre(0, 0, 2, 0, 0));
}

TEST_F(LoyaltyInsightsTest, AnErasedGuestsVoiceIsUnknownWithItsFigures) {
  const std::string ana = Guest("@ana", "gold");
  Post("a-1", "@ana", kDirty, January(11));
  Post("a-2", "@ana", kLovely, January(12));
  const v1::VoiceStats before = Compute().tiers(2).stats();

  v1::EraseGuestRequest erase;
  erase.set_name(ana);
  ASSERT_OK(Guests(domain()).Erase(acme_, erase));
  const v1::LoyaltyInsights after = Compute();
  EXPECT_THAT(VoicesPerTier(after), ElementsAre(0, 0, 0, 0, 1));
  EXPECT_EQ(after.tiers(4).stats().SerializeAsString(),
            before.SerializeAsString());
  EXPECT_THAT(after.guests_at_risk(), IsEmpty());
}

TEST_F(LoyaltyInsightsTest, LoyalGuestsWithUnresolvedComplaintsAreAtRisk) {
  const std::string ana = Guest("@ana", "gold");
  const std::string ana_complaint =
      Post("a", "@ana", kDirty, January(11)).name();
  const std::string dee = Guest("@dee", "silver");
  const std::string dee_complaint =
      Post("d", "@dee", "Bad.", January(12)).name();
  SetCaseState(dee_complaint, v1::CASE_STATE_ACKNOWLEDGED);

  Guest("@bea");  // the base tier is never at risk
  Post("b", "@bea", kDirty, January(11));
  Guest("@cy", "gold");  // resolved
  SetCaseState(Post("c", "@cy", kDirty, January(11)).name(),
               v1::CASE_STATE_RESOLVED);
  Guest("@eve", "platinum");  // happy
  Post("e", "@eve", kLovely, January(11));
  Guest("@hal", "gold");  // one of two complaints resolved
  Post("h-1", "@hal", kDirty, January(11));
  SetCaseState(Post("h-2", "@hal", "Bad.", January(12)).name(),
               v1::CASE_STATE_RESOLVED);
  Post("x", "@unknown", kDirty, January(11));  // no guest at all

  std::vector<std::string> expected = {ana, dee};
  std::sort(expected.begin(), expected.end());
  const v1::LoyaltyInsights insights = Compute();
  EXPECT_EQ(GuestsAtRisk(insights), expected) << "by guest name";
  for (const v1::GuestAtRisk& at_risk : insights.guests_at_risk()) {
    if (at_risk.guest() == ana) {
      EXPECT_EQ(at_risk.tier(), "gold");
      EXPECT_THAT(at_risk.feedback(), ElementsAre(ana_complaint));
    } else {
      EXPECT_EQ(at_risk.tier(), "silver");
      EXPECT_THAT(at_risk.feedback(), ElementsAre(dee_complaint));
    }
  }
}

TEST_F(LoyaltyInsightsTest, AtRiskFeedbackIsTheIntervalsNegativeNonRepeats) {
  const std::string ana = Guest("@ana", "gold");
  std::vector<std::string> complaints = {
      Post("a-1", "@ana", kDirty, January(11)).name(),
      Post("a-2", "@ana", "Bad.", January(13)).name()};
  std::sort(complaints.begin(), complaints.end());
  ASSERT_TRUE(Post("a-3", "@ana", kDirty, January(14)).repeat());
  Post("a-4", "@ana", "Awful.", January(9, 23));  // the day before
  Post("a-5", "@ana", kLovely, January(12));

  const v1::LoyaltyInsights insights = Compute();
  ASSERT_EQ(insights.guests_at_risk_size(), 1);
  EXPECT_EQ(insights.guests_at_risk(0).guest(), ana);
  EXPECT_THAT(insights.guests_at_risk(0).feedback(),
              ElementsAre(complaints[0], complaints[1]))
      << "by name";
}

TEST_F(LoyaltyInsightsTest, ALowRatingWithoutScoredWordsIsAComplaint) {
  // Judged as the attention queue judges: by the rating where no words were
  // scored (none, or in a language without an analyser), by the words
  // otherwise.
  const std::string ana = Guest("@ana", "gold");
  const std::string ana_stars =
      PostRated("a", "@ana", "", 1, 5, January(11)).name();
  const std::string bea = Guest("@bea", "silver");
  const std::string bea_chinese =
      PostRated("b", "@bea", "房间很脏。", 2, 10, January(12)).name();
  Guest("@cy", "gold");
  PostRated("c", "@cy", "", 5, 5, January(11));
  Guest("@dee", "gold");
  PostRated("d", "@dee", "The staff were wonderful.", 1, 5, January(11));
  Guest("@eve", "gold");
  Post("e", "@eve", "房间很脏。", January(11));

  std::vector<std::string> expected = {ana, bea};
  std::sort(expected.begin(), expected.end());
  const v1::LoyaltyInsights insights = Compute();
  ASSERT_EQ(GuestsAtRisk(insights), expected);
  for (const v1::GuestAtRisk& at_risk : insights.guests_at_risk()) {
    EXPECT_THAT(at_risk.feedback(),
                ElementsAre(at_risk.guest() == ana ? ana_stars : bea_chinese));
  }
}

TEST_F(LoyaltyInsightsTest, OnlyComplaintsInTheIntervalAtTheScopesHotels) {
  // fay complained only before the interval; gus only in Tokyo.
  Guest("@fay", "gold");
  Post("f-1", "@fay", kDirty, January(9, 23));
  Post("f-2", "@fay", kLovely, January(11));
  const std::string gus = Guest("@gus", "gold");
  Post("g-1", "@gus", kDirty, January(11), "tokyo");
  Post("g-2", "@gus", kLovely, January(11));

  EXPECT_THAT(GuestsAtRisk(Compute("organizations/acme/hotels/lisbon")),
              IsEmpty());
  EXPECT_THAT(GuestsAtRisk(Compute()), ElementsAre(gus));
  EXPECT_THAT(GuestsAtRisk(Compute("organizations/acme/hotels/tokyo")),
              ElementsAre(gus));
}

}  // namespace
}  // namespace guestvoice::service
