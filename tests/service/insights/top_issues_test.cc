// ComputeTopIssues over ingested feedback: aspects with negative voices,
// most first and ties in taxonomy order, a voice counted once, the previous
// interval's count, and up to three of the interval's newest negative
// clauses.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/insights/queries.h"
#include "tests/service/insights/insight_domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// 2026-01-`day` `hour`:00 UTC, the same hour in Lisbon in winter.
absl::Time January(int day, int hour = 12) {
  return absl::FromCivil(absl::CivilSecond(2026, 1, day, hour, 0, 0),
                         absl::UTCTimeZone());
}

// The whole days 10 to 12 January (UTC, and Lisbon's).
TimeBounds TenthToTwelfth() { return {January(10, 0), January(13, 0)}; }

std::vector<std::string> Aspects(const v1::ListTopIssuesResponse& response) {
  std::vector<std::string> aspects;
  for (const v1::TopIssue& issue : response.issues()) {
    aspects.push_back(issue.aspect());
  }
  return aspects;
}

std::vector<int64_t> NegativeVoices(const v1::ListTopIssuesResponse& response) {
  std::vector<int64_t> counts;
  for (const v1::TopIssue& issue : response.issues()) {
    counts.push_back(issue.negative_voice_count());
  }
  return counts;
}

std::vector<std::string> Quotes(const v1::TopIssue& issue) {
  std::vector<std::string> quotes;
  for (const v1::AspectMention& quote : issue.quotes()) {
    EXPECT_EQ(quote.aspect(), issue.aspect());
    EXPECT_LE(quote.sentiment(), -0.05);
    quotes.push_back(quote.text());
  }
  return quotes;
}

// The mean sentiment of the item's mentions of `aspect`.
double MentionMeanOf(const v1::Feedback& item, const std::string& aspect) {
  double sum = 0;
  int count = 0;
  for (const v1::AspectMention& mention : item.analysis().aspects()) {
    if (mention.aspect() != aspect) continue;
    sum += mention.sentiment();
    ++count;
  }
  EXPECT_GT(count, 0) << item.text() << " does not mention " << aspect;
  return count == 0 ? 0 : sum / count;
}

class TopIssuesTest : public testing::InsightDomainFixture {
 protected:
  v1::ListTopIssuesResponse TopIssues(
      const TimeBounds& bounds, size_t limit = 10,
      const std::string& scope = "organizations/acme") {
    auto response = ComputeTopIssues(*store_, Scope(scope), bounds, limit,
                                     CallCancellation::Never());
    EXPECT_OK(response.status());
    return response.ok() ? *std::move(response) : v1::ListTopIssuesResponse();
  }

  // Posts `text` by `count` authors named after `author`, each once.
  void ByVoices(const std::string& author, int count, const std::string& text,
                absl::Time when = January(11)) {
    for (int i = 0; i < count; ++i) {
      const std::string handle = absl::StrCat("@", author, i);
      Post(absl::StrCat("item-", ++posted_), handle, text, when);
    }
  }

  int posted_ = 0;
};

TEST_F(TopIssuesTest, MostNegativeVoicesFirstAndTiesInTaxonomyOrder) {
  // Taxonomy order: cleanliness, room, staff_service, location, value,
  // food_beverage, wifi_internet, noise_sleep, ...
  ByVoices("noise", 1, "Terrible noise all night.");
  ByVoices("staff", 2, "The staff were rude.");
  ByVoices("wifi", 3, "The wifi was terrible.");
  ByVoices("room", 1, "The bed was uncomfortable.");
  ByVoices("clean", 2, "The bathroom was dirty.");
  ByVoices("place", 4, "The location is great.");  // no negative voice

  const v1::ListTopIssuesResponse response = TopIssues(TenthToTwelfth());
  EXPECT_THAT(Aspects(response),
              ElementsAre("wifi_internet", "cleanliness", "staff_service",
                          "room", "noise_sleep"));
  EXPECT_THAT(NegativeVoices(response), ElementsAre(3, 2, 2, 1, 1));
}

TEST_F(TopIssuesTest, AtMostLimitIssues) {
  ByVoices("staff", 2, "The staff were rude.");
  ByVoices("wifi", 3, "The wifi was terrible.");
  ByVoices("room", 1, "The bed was uncomfortable.");
  EXPECT_THAT(Aspects(TopIssues(TenthToTwelfth(), 2)),
              ElementsAre("wifi_internet", "staff_service"));
  EXPECT_THAT(Aspects(TopIssues(TenthToTwelfth(), 0)), IsEmpty());
}

TEST_F(TopIssuesTest, AVoiceCountsOnceAndOneNegativeMentionMakesItNegative) {
  std::vector<v1::Feedback> ana;
  for (int i = 0; i < 5; ++i) {
    ana.push_back(Post(absl::StrCat("a-", i), "@ana",
                       absl::StrCat("The wifi was terrible on day ", i, "."),
                       January(11, i)));
  }
  // bea is positive about the wifi on the whole, but complained once.
  std::vector<v1::Feedback> bea;
  bea.push_back(Post("b-0", "@bea", "The wifi was terrible.", January(11)));
  for (int i = 1; i < 4; ++i) {
    bea.push_back(Post(absl::StrCat("b-", i), "@bea",
                       absl::StrCat("The wifi was great on day ", i, "."),
                       January(12, i)));
  }
  const auto mean = [](const std::vector<v1::Feedback>& items) {
    double sum = 0;
    for (const v1::Feedback& item : items) {
      sum += MentionMeanOf(item, "wifi_internet");
    }
    return sum / items.size();
  };
  ASSERT_GT(mean(bea), 0);

  const v1::ListTopIssuesResponse response = TopIssues(TenthToTwelfth());
  ASSERT_EQ(response.issues_size(), 1);
  const v1::TopIssue& wifi = response.issues(0);
  EXPECT_EQ(wifi.aspect(), "wifi_internet");
  EXPECT_EQ(wifi.negative_voice_count(), 2);
  EXPECT_NEAR(wifi.mean_sentiment(), (mean(ana) + mean(bea)) / 2, 1e-6);
}

TEST_F(TopIssuesTest, CountsThePreviousIntervalOfEqualLength) {
  // The previous interval of the 10th to the 12th is the 7th to the 9th.
  ByVoices("now", 1, "The wifi was terrible.", January(12));
  ByVoices("before", 2, "The wifi was terrible.", January(7, 0));
  ByVoices("earlier", 4, "The wifi was terrible.", January(6, 23));
  ByVoices("gone", 3, "The staff were rude.", January(9, 23));

  const v1::ListTopIssuesResponse response = TopIssues(TenthToTwelfth());
  ASSERT_EQ(response.issues_size(), 1) << "only issues of the interval";
  EXPECT_EQ(response.issues(0).aspect(), "wifi_internet");
  EXPECT_EQ(response.issues(0).negative_voice_count(), 1);
  EXPECT_EQ(response.issues(0).previous_negative_voice_count(), 2);
}

TEST_F(TopIssuesTest, QuotesAreTheIntervalsThreeNewestNegativeClauses) {
  Post("q-0", "@ana", "The bathroom was dirty on day 0.", January(9, 23));
  Post("q-1", "@bea", "The bathroom was dirty on day 1.", January(10, 1));
  Post("q-2", "@cy", "The bathroom was dirty on day 2.", January(11));
  Post("q-3", "@dee", "The room was spotless and clean.", January(12, 1));
  Post("q-4", "@eve", "The bathroom was dirty on day 4.", January(12, 2));
  Post("q-5", "@fay", "The bathroom was dirty on day 5.", January(13, 0));

  const v1::ListTopIssuesResponse response = TopIssues(
      {January(10, 8), January(12, 9)}, 10, "organizations/acme/hotels/lisbon");
  ASSERT_EQ(response.issues_size(), 1);
  EXPECT_THAT(Quotes(response.issues(0)),
              ElementsAre("The bathroom was dirty on day 4.",
                          "The bathroom was dirty on day 2.",
                          "The bathroom was dirty on day 1."))
      << "whole days: the 10th from 01:00 is in, the 13th is out";
}

TEST_F(TopIssuesTest, EachHotelsQuotesAndVoicesComeFromItsOwnLocalDays) {
  // 10 to 12 January in UTC; Tokyo's local days run from the 10th to the
  // 13th, which ends at 15:00 UTC on the 13th.
  Post("l-1", "@ana", "The bathroom was dirty in Lisbon.", January(11));
  Post("t-1", "@bea", "The bathroom was dirty in Tokyo on day 1.", January(12),
       "tokyo");
  Post("t-2", "@cy", "The bathroom was dirty in Tokyo on day 2.",
       January(13, 10), "tokyo");
  Post("l-2", "@dee", "The bathroom was dirty in Lisbon again.",
       January(13, 10));

  const v1::ListTopIssuesResponse organization = TopIssues(TenthToTwelfth());
  ASSERT_EQ(organization.issues_size(), 1);
  EXPECT_EQ(organization.issues(0).negative_voice_count(), 3);
  EXPECT_THAT(Quotes(organization.issues(0)),
              ElementsAre("The bathroom was dirty in Tokyo on day 2.",
                          "The bathroom was dirty in Tokyo on day 1.",
                          "The bathroom was dirty in Lisbon."));

  const v1::ListTopIssuesResponse lisbon =
      TopIssues(TenthToTwelfth(), 10, "organizations/acme/hotels/lisbon");
  ASSERT_EQ(lisbon.issues_size(), 1);
  EXPECT_EQ(lisbon.issues(0).negative_voice_count(), 1);
  EXPECT_THAT(Quotes(lisbon.issues(0)),
              ElementsAre("The bathroom was dirty in Lisbon."));
}

TEST_F(TopIssuesTest, AnErasedGuestsClausesAreNoLongerQuoted) {
  const std::string ana = Guest("@ana");
  Post("a", "@ana", "The bathroom was dirty, said ana.", January(11, 9));
  Post("b", "@bea", "The bathroom was dirty, said bea.", January(11, 8));
  v1::EraseGuestRequest erase;
  erase.set_name(ana);
  ASSERT_OK(Guests(domain()).Erase(acme_, erase));

  const v1::ListTopIssuesResponse response = TopIssues(TenthToTwelfth());
  ASSERT_EQ(response.issues_size(), 1);
  EXPECT_EQ(response.issues(0).negative_voice_count(), 2)
      << "the anonymous figures stay as they were";
  EXPECT_THAT(Quotes(response.issues(0)),
              ElementsAre("The bathroom was dirty, said bea."));
}

}  // namespace
}  // namespace guestvoice::service
