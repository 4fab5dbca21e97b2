// Insight figures are served from the store's read cache once a query has read
// them (storage/read_cache.h: decoded blocks, interval sums, and each hotel's
// figures over an interval). These pin, through the gRPC API, that every kind
// of write that moves a past day's figures or quotes shows in the very next
// GetHotelSummary, CompareHotels and ListTopIssues: a late item, a link that
// joins two voices, a merge, an erasure. (A re-analysis, which needs an
// analyser other than the server's, is pinned in
// tests/service/insights/cached_figures_test.cc.)

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"
#include "tests/testing/insight_fixture.h"

namespace guestvoice {
namespace {

using ::testing::ElementsAre;

constexpr char kNegative[] = "The room was filthy and the staff were rude.";
constexpr char kPositive[] =
    "The staff were wonderful and the room was lovely.";

class CachedInsightsTest : public testing::InsightFixture {
 protected:
  // An item posted `days_ago` days before the fake clock's now: in the
  // interval RecentDays() reads (up to 29), or in the one before it (30-59).
  void IngestDaysAgo(const std::string& id, const std::string& handle,
                     const std::string& text, int days_ago) {
    v1::Feedback item = Item(id, handle, text);
    *item.mutable_post_time() = service::ToProtoTimestamp(
        server_.clock().Now() - absl::Hours(24 * days_ago));
    const grpc::Status status = Ingest(item);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  v1::CompareHotelsResponse Comparison() {
    v1::CompareHotelsRequest request;
    request.set_parent("organizations/default");
    *request.mutable_interval() = RecentDays();
    v1::CompareHotelsResponse response;
    const grpc::Status status =
        insights_->CompareHotels(Admin().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  v1::ListTopIssuesResponse TopIssues() {
    v1::ListTopIssuesRequest request;
    request.set_scope("organizations/default");
    *request.mutable_interval() = RecentDays();
    v1::ListTopIssuesResponse response;
    const grpc::Status status =
        insights_->ListTopIssues(Admin().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // The top issue about `aspect` (empty when there is none).
  v1::TopIssue IssueAbout(const std::string& aspect) {
    const v1::ListTopIssuesResponse response = TopIssues();
    for (const v1::TopIssue& issue : response.issues()) {
      if (issue.aspect() == aspect) return issue;
    }
    return v1::TopIssue();
  }

  // Asks every figure twice, so that the second answers come from the read
  // cache (which its hit count shows): what a write must then change.
  void WarmTheCache() {
    Summary(RecentDays());
    Comparison();
    TopIssues();
    const uint64_t hits = server_.server().store().read_cache_stats().hits;
    Summary(RecentDays());
    Comparison();
    TopIssues();
    EXPECT_GT(server_.server().store().read_cache_stats().hits, hits);
  }
};

TEST_F(CachedInsightsTest, ALateItemOnAPastDayShowsAtOnce) {
  IngestDaysAgo("a-1", "ana", kNegative, 10);
  IngestDaysAgo("b-1", "bea", kPositive, 40);
  WarmTheCache();
  ASSERT_EQ(Summary(RecentDays()).current().voice_count(), 1);
  const double ana_alone = Summary(RecentDays()).current().mean_sentiment();

  // A new voice in the interval, another in the one before, and a second
  // (positive) item of ana's that moves her mean but not the voice count.
  IngestDaysAgo("c-1", "cid", kNegative, 12);
  IngestDaysAgo("d-1", "dan", kNegative, 45);
  IngestDaysAgo("a-2", "ana", kPositive, 20);

  const v1::HotelSummary summary = Summary(RecentDays());
  EXPECT_EQ(summary.current().voice_count(), 2);
  EXPECT_EQ(summary.current().feedback_count(), 3);
  EXPECT_GT(summary.current().mean_sentiment(), ana_alone);
  EXPECT_EQ(summary.previous().voice_count(), 2);
  const v1::CompareHotelsResponse comparison = Comparison();
  EXPECT_EQ(comparison.organization().voice_count(), 2);
  EXPECT_EQ(comparison.organization().feedback_count(), 3);
  const v1::TopIssue cleanliness = IssueAbout("cleanliness");
  EXPECT_EQ(cleanliness.negative_voice_count(), 2);
  EXPECT_EQ(cleanliness.previous_negative_voice_count(), 1);
}

TEST_F(CachedInsightsTest, LinkingTwoHandlesJoinsTheirVoicesAtOnce) {
  IngestDaysAgo("t-1", "ana_tw", kNegative, 5);
  IngestDaysAgo("t-2", "ana_other", kNegative, 6);
  const std::string guest = CreateGuest("Ana");
  ASSERT_TRUE(LinkHandle(guest, "ana_tw").ok());
  WarmTheCache();
  ASSERT_EQ(Summary(RecentDays()).current().voice_count(), 2);
  ASSERT_EQ(IssueAbout("cleanliness").negative_voice_count(), 2);

  ASSERT_TRUE(LinkHandle(guest, "ana_other").ok());
  EXPECT_EQ(Summary(RecentDays()).current().voice_count(), 1);
  EXPECT_EQ(Summary(RecentDays()).current().feedback_count(), 2);
  EXPECT_EQ(Comparison().organization().voice_count(), 1);
  EXPECT_EQ(IssueAbout("cleanliness").negative_voice_count(), 1);
}

TEST_F(CachedInsightsTest, AMergeJoinsTwoGuestsVoicesAtOnce) {
  // Two items of one voice and one of the other: one voice's mean of the
  // three differs from the mean of the two voices' means.
  IngestDaysAgo("m-1", "first", kNegative, 3);
  IngestDaysAgo("m-2", "first", "The room was dirty.", 2);
  IngestDaysAgo("m-3", "second", kPositive, 4);
  const std::string survivor = CreateGuest("Survivor");
  const std::string merged = CreateGuest("Merged");
  ASSERT_TRUE(LinkHandle(survivor, "first").ok());
  ASSERT_TRUE(LinkHandle(merged, "second").ok());
  WarmTheCache();
  const v1::HotelSummary before = Summary(RecentDays());
  ASSERT_EQ(before.current().voice_count(), 2);

  ASSERT_TRUE(Merge(survivor, merged).ok());
  const v1::HotelSummary after = Summary(RecentDays());
  EXPECT_EQ(after.current().voice_count(), 1);
  EXPECT_EQ(after.current().feedback_count(), 3);
  EXPECT_NE(after.current().mean_sentiment(),
            before.current().mean_sentiment());
  EXPECT_EQ(Comparison().organization().voice_count(), 1);
}

// Erasure keeps the figures (the voice stays, an erased guest's) and takes
// the guest's clauses out of the quotes.
TEST_F(CachedInsightsTest, AnErasureDropsTheGuestsQuotesAndKeepsTheFigures) {
  IngestDaysAgo("e-1", "ana", "The staff were rude.", 8);
  IngestDaysAgo("e-2", "bea", "The staff were terribly rude to us.", 7);
  const std::string guest = CreateGuest("Bea");
  ASSERT_TRUE(LinkHandle(guest, "bea").ok());
  WarmTheCache();
  const v1::TopIssue warm = IssueAbout("staff_service");
  std::vector<std::string> quotes;
  for (const v1::AspectMention& quote : warm.quotes()) {
    quotes.push_back(quote.text());
  }
  ASSERT_THAT(quotes, ElementsAre("The staff were terribly rude to us.",
                                  "The staff were rude."));
  const v1::HotelSummary before = Summary(RecentDays());
  const v1::CompareHotelsResponse compared = Comparison();

  ASSERT_TRUE(Erase(guest).ok());
  quotes.clear();
  const v1::TopIssue staff = IssueAbout("staff_service");
  for (const v1::AspectMention& quote : staff.quotes()) {
    quotes.push_back(quote.text());
  }
  EXPECT_THAT(quotes, ElementsAre("The staff were rude."));
  EXPECT_EQ(staff.negative_voice_count(), 2);
  EXPECT_EQ(Summary(RecentDays()).current().DebugString(),
            before.current().DebugString());
  EXPECT_EQ(Comparison().organization().DebugString(),
            compared.organization().DebugString());
}

}  // namespace
}  // namespace guestvoice
