// Insights on a store of its own: request validation, tenancy, and answers
// over a few ingested items. The figures themselves are pinned through the
// API (tests/service/api/insight_*_test.cc).

#include "service/insights/insights.h"

#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/cancelled_after_checks.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kNegative[] = "The room was filthy and the staff were rude.";
constexpr char kPositive[] =
    "The staff were wonderful and the room was lovely.";

google::type::Interval Interval(absl::Time start, absl::Time end) {
  google::type::Interval interval;
  *interval.mutable_start_time() = ToProtoTimestamp(start);
  *interval.mutable_end_time() = ToProtoTimestamp(end);
  return interval;
}

class InsightsTest : public testing::FeedbackDomainFixture {
 protected:
  Insights insights() { return Insights(domain()); }

  // The 30 UTC days up to and including the fake clock's.
  google::type::Interval RecentDays() const {
    const absl::Time today =
        absl::FromCivil(absl::ToCivilDay(clock_.Now(), absl::UTCTimeZone()),
                        absl::UTCTimeZone());
    return Interval(today - absl::Hours(24 * 29), today + absl::Hours(24));
  }

  absl::Status Summary(const Principal& caller, const std::string& hotel,
                       const google::type::Interval& interval,
                       v1::HotelSummary* summary = nullptr) {
    v1::GetHotelSummaryRequest request;
    request.set_hotel(hotel);
    *request.mutable_interval() = interval;
    v1::HotelSummary ignored;
    return insights().HotelSummary(caller, request,
                                   summary != nullptr ? *summary : ignored);
  }

  absl::Status Trend(const std::string& scope, v1::Granularity granularity,
                     const std::string& aspect = "") {
    v1::GetSentimentTrendRequest request;
    request.set_scope(scope);
    *request.mutable_interval() = RecentDays();
    request.set_granularity(granularity);
    request.set_aspect(aspect);
    v1::SentimentTrend trend;
    return insights().SentimentTrend(acme_, request, trend,
                                     CallCancellation::Never());
  }

  absl::Status TopIssues(int32_t limit) {
    v1::ListTopIssuesRequest request;
    request.set_scope("organizations/acme");
    *request.mutable_interval() = RecentDays();
    request.set_limit(limit);
    v1::ListTopIssuesResponse response;
    return insights().TopIssues(acme_, request, response,
                                CallCancellation::Never());
  }
};

TEST_F(InsightsTest, SummaryCountsEveryGuestOnce) {
  Ingest(Item("s-1", "@ana", kNegative));
  Ingest(Item("s-2", "@ana", "Filthy bathroom, rude staff, awful stay."));
  Ingest(Item("s-3", "@bea", kPositive));
  Ingest(Item("s-4", "@cy", kPositive));
  Ingest(Item("s-5", "@dee", kNegative, "tokyo"));

  v1::HotelSummary summary;
  ASSERT_OK(Summary(acme_, "organizations/acme/hotels/lisbon", RecentDays(),
                    &summary));
  EXPECT_EQ(summary.hotel(), "organizations/acme/hotels/lisbon");
  EXPECT_EQ(summary.current().feedback_count(), 4);
  EXPECT_EQ(summary.current().voice_count(), 3);
  EXPECT_DOUBLE_EQ(summary.current().positive_share(), 2.0 / 3);
  EXPECT_DOUBLE_EQ(summary.current().negative_share(), 1.0 / 3);
  EXPECT_EQ(summary.previous().feedback_count(), 0);
}

TEST_F(InsightsTest, IntervalsMustBeCompleteForwardAndBounded) {
  const std::string lisbon = "organizations/acme/hotels/lisbon";
  const absl::Time now = clock_.Now();
  EXPECT_THAT(Summary(acme_, lisbon, google::type::Interval()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: interval: both start_time and "
                       "end_time are required"));
  EXPECT_THAT(Summary(acme_, lisbon, Interval(now, now - absl::Hours(1))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: interval: end_time must be after "
                       "start_time"));
  EXPECT_THAT(Summary(acme_, lisbon, Interval(now, now)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("interval: end_time must be after")));
  EXPECT_THAT(
      Summary(acme_, lisbon, Interval(now - absl::Hours(24 * 1097), now)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "invalid request: interval: the interval may be at most 1096 "
               "days long"));
}

TEST_F(InsightsTest, ScopesMustBeTheFormEachRequestTakes) {
  // A summary is of one hotel, never of an organization.
  EXPECT_THAT(Summary(acme_, "organizations/acme", RecentDays()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid request: hotel: ")));
  EXPECT_THAT(Trend("hotels/lisbon", v1::GRANULARITY_DAY),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: scope: must be "
                       "organizations/{organization} or "
                       "organizations/{organization}/hotels/{hotel}"));
  // A comparison is of an organization's hotels, never of one hotel.
  v1::CompareHotelsRequest compare;
  compare.set_parent("organizations/acme/hotels/lisbon");
  *compare.mutable_interval() = RecentDays();
  v1::CompareHotelsResponse comparison;
  EXPECT_THAT(insights().CompareHotels(acme_, compare, comparison,
                                       CallCancellation::Never()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("invalid request: parent: ")));
}

TEST_F(InsightsTest, EveryBadFieldIsNamedAtOnce) {
  EXPECT_THAT(
      Trend("organizations/acme", v1::GRANULARITY_UNSPECIFIED, "spaceship"),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "invalid request: granularity: must be DAY, WEEK or "
               "MONTH; aspect: \"spaceship\" is not an aspect of the "
               "taxonomy"));
  EXPECT_OK(Trend("organizations/acme", v1::GRANULARITY_WEEK, "cleanliness"));

  v1::CompareHotelsRequest compare;
  compare.set_parent("organizations/acme");
  compare.set_aspect("spaceship");
  v1::CompareHotelsResponse comparison;
  EXPECT_THAT(insights().CompareHotels(acme_, compare, comparison,
                                       CallCancellation::Never()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: interval: both start_time and "
                       "end_time are required; aspect: \"spaceship\" is not "
                       "an aspect of the taxonomy"));
}

TEST_F(InsightsTest, LimitsAndPageSizesAreBounded) {
  EXPECT_THAT(TopIssues(-1), StatusIs(absl::StatusCode::kInvalidArgument,
                                      "invalid request: limit: must be "
                                      "between 0 and 50"));
  EXPECT_THAT(TopIssues(51), StatusIs(absl::StatusCode::kInvalidArgument,
                                      HasSubstr("limit: ")));
  EXPECT_OK(TopIssues(0));
  EXPECT_OK(TopIssues(50));

  v1::ListAttentionItemsRequest attention;
  attention.set_scope("organizations/acme");
  attention.set_page_size(-1);
  v1::ListAttentionItemsResponse items;
  EXPECT_THAT(insights().AttentionItems(acme_, attention, items,
                                        CallCancellation::Never()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: page_size: must not be negative"));
}

TEST_F(InsightsTest, AnotherTenantsScopesDoNotExist) {
  const std::string lisbon = "organizations/acme/hotels/lisbon";
  EXPECT_THAT(Summary(rival_, lisbon, RecentDays()),
              StatusIs(absl::StatusCode::kNotFound, lisbon + " not found"));
  EXPECT_THAT(Summary(acme_, "organizations/acme/hotels/nowhere", RecentDays()),
              StatusIs(absl::StatusCode::kNotFound));

  v1::GetLoyaltyInsightsRequest loyalty;
  loyalty.set_scope("organizations/acme");
  *loyalty.mutable_interval() = RecentDays();
  v1::LoyaltyInsights loyalty_insights;
  EXPECT_THAT(
      insights().LoyaltyInsights(rival_, loyalty, loyalty_insights,
                                 CallCancellation::Never()),
      StatusIs(absl::StatusCode::kNotFound, "organizations/acme not found"));
  v1::ListAttentionItemsRequest attention;
  attention.set_scope("organizations/acme");
  v1::ListAttentionItemsResponse items;
  EXPECT_THAT(insights().AttentionItems(rival_, attention, items,
                                        CallCancellation::Never()),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(InsightsTest, AttentionListsOpenNegativeFeedback) {
  const v1::Feedback complaint = Ingest(Item("a-1", "@ana", kNegative));
  Ingest(Item("a-2", "@bea", kPositive));

  v1::ListAttentionItemsRequest request;
  request.set_scope("organizations/acme");
  v1::ListAttentionItemsResponse response;
  ASSERT_OK(insights().AttentionItems(acme_, request, response,
                                      CallCancellation::Never()));
  ASSERT_EQ(response.items_size(), 1);
  EXPECT_EQ(response.items(0).feedback().name(), complaint.name());
}

// A caller whose deadline has passed gets its error, and the query stops at
// its first check instead of reading every hotel and item.
TEST_F(InsightsTest, QueriesStopOnceTheCallerHasGone) {
  Ingest(Item("a-1", "@ana", kNegative));
  const testing::CancelledAfterChecks gone(0);
  const auto deadline_exceeded = StatusIs(absl::StatusCode::kDeadlineExceeded);

  v1::GetSentimentTrendRequest trend_request;
  trend_request.set_scope("organizations/acme");
  *trend_request.mutable_interval() = RecentDays();
  trend_request.set_granularity(v1::GRANULARITY_DAY);
  v1::SentimentTrend trend;
  EXPECT_THAT(insights().SentimentTrend(acme_, trend_request, trend, gone),
              deadline_exceeded);

  v1::ListTopIssuesRequest issues_request;
  issues_request.set_scope("organizations/acme");
  *issues_request.mutable_interval() = RecentDays();
  v1::ListTopIssuesResponse issues;
  EXPECT_THAT(insights().TopIssues(acme_, issues_request, issues, gone),
              deadline_exceeded);

  v1::CompareHotelsRequest compare_request;
  compare_request.set_parent("organizations/acme");
  *compare_request.mutable_interval() = RecentDays();
  v1::CompareHotelsResponse comparison;
  EXPECT_THAT(
      insights().CompareHotels(acme_, compare_request, comparison, gone),
      deadline_exceeded);

  v1::ListAttentionItemsRequest attention_request;
  attention_request.set_scope("organizations/acme");
  v1::ListAttentionItemsResponse attention;
  EXPECT_THAT(
      insights().AttentionItems(acme_, attention_request, attention, gone),
      deadline_exceeded);

  v1::GetLoyaltyInsightsRequest loyalty_request;
  loyalty_request.set_scope("organizations/acme");
  *loyalty_request.mutable_interval() = RecentDays();
  v1::LoyaltyInsights loyalty;
  EXPECT_THAT(insights().LoyaltyInsights(acme_, loyalty_request, loyalty, gone),
              deadline_exceeded);
}

}  // namespace
}  // namespace guestvoice::service
