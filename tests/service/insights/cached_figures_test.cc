// Insight figures come from the store's aggregate cache once a query has read
// an interval (storage/read_cache.h); these pin that a cached figure
// changes at once after every kind of write that moves a past month's
// aggregates or quotes: a late item, an erasure, a re-analysis.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "analysis/aspect_taxonomy.h"
#include "analysis/feedback_analyzer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/feedback/reanalysis.h"
#include "service/insights/queries.h"
#include "service/loyalty/guests.h"
#include "service/tenancy/operations.h"
#include "storage/keys.h"
#include "tests/service/insights/insight_domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

constexpr char kNegative[] = "The room was filthy and the staff were rude.";
constexpr char kWifi[] = "The wifi was terrible and the towel was dirty.";

// 10 November 2025, noon UTC: two months before the fixture's clock, in a
// month no ingest of "now" touches.
absl::Time November(int hour = 12) {
  return absl::FromCivil(absl::CivilSecond(2025, 11, 10, hour, 0, 0),
                         absl::UTCTimeZone());
}

// An edit of the taxonomy that drops wifi (as reanalysis_test.cc's).
constexpr char kTaxonomyWithoutWifi[] =
    "version\t2099-01-01.1\n"
    "cleanliness\tdirty\n"
    "room\tbed\n"
    "staff_service\tstaff\n";

class CachedFiguresTest : public testing::InsightDomainFixture {
 protected:
  // The 90 days up to the fixture's clock.
  TimeBounds Quarter() {
    return {clock_.Now() - absl::Hours(24 * 90), clock_.Now()};
  }

  v1::HotelSummary Summary() {
    absl::StatusOr<v1::HotelSummary> summary = ComputeHotelSummary(
        *store_, "acme", Scope("organizations/acme/hotels/lisbon").hotels[0],
        Quarter());
    EXPECT_OK(summary.status());
    return summary.ok() ? *std::move(summary) : v1::HotelSummary();
  }

  v1::CompareHotelsResponse Comparison() {
    absl::StatusOr<v1::CompareHotelsResponse> comparison =
        ComputeHotelComparison(*store_, Scope("organizations/acme"), Quarter(),
                               "", CallCancellation::Never());
    EXPECT_OK(comparison.status());
    return comparison.ok() ? *std::move(comparison)
                           : v1::CompareHotelsResponse();
  }

  // The quoted clauses of the top issue about `aspect`, newest first.
  std::vector<std::string> QuotesAbout(const std::string& aspect) {
    absl::StatusOr<v1::ListTopIssuesResponse> issues =
        ComputeTopIssues(*store_, Scope("organizations/acme"), Quarter(), 10,
                         CallCancellation::Never());
    EXPECT_OK(issues.status());
    std::vector<std::string> quotes;
    if (!issues.ok()) return quotes;
    for (const v1::TopIssue& issue : issues->issues()) {
      if (issue.aspect() != aspect) continue;
      for (const v1::AspectMention& quote : issue.quotes()) {
        quotes.push_back(quote.text());
      }
    }
    return quotes;
  }

  std::vector<std::string> TopIssueAspects() {
    absl::StatusOr<v1::ListTopIssuesResponse> issues =
        ComputeTopIssues(*store_, Scope("organizations/acme"), Quarter(), 10,
                         CallCancellation::Never());
    EXPECT_OK(issues.status());
    std::vector<std::string> aspects;
    if (!issues.ok()) return aspects;
    for (const v1::TopIssue& issue : issues->issues()) {
      aspects.push_back(issue.aspect());
    }
    return aspects;
  }

  // Reads every figure twice, so that the second read comes from the cache
  // (which the hit count shows).
  void WarmTheCache() {
    Summary();
    Comparison();
    TopIssueAspects();
    const uint64_t hits = store_->read_cache_stats().hits;
    Summary();
    Comparison();
    TopIssueAspects();
    EXPECT_GT(store_->read_cache_stats().hits, hits);
  }
};

TEST_F(CachedFiguresTest, ALateItemInAPastMonthShowsAtOnce) {
  Post("n-1", "ana", kNegative, November());
  Post("n-2", "bea", kNegative, November());
  WarmTheCache();
  EXPECT_EQ(Summary().current().voice_count(), 2);

  Post("n-3", "cid", kNegative, November(14));
  EXPECT_EQ(Summary().current().voice_count(), 3);
  EXPECT_EQ(Summary().current().feedback_count(), 3);
  EXPECT_EQ(Comparison().organization().voice_count(), 3);
}

// Erasure keeps the figures (the voice stays, as an erased guest's) but
// scrubs the guest's clauses from the quote index: a cached quote must go.
TEST_F(CachedFiguresTest, AnErasureDropsCachedQuotesAtOnce) {
  Post("e-1", "ana", "The staff were rude.", November());
  Post("e-2", "bea", "The staff were terribly rude to us.", November(13));
  const std::string guest = Guest("bea");
  WarmTheCache();
  EXPECT_THAT(QuotesAbout("staff_service"),
              ElementsAre("The staff were terribly rude to us.",
                          "The staff were rude."));
  const v1::HotelSummary before = Summary();

  v1::EraseGuestRequest erase;
  erase.set_name(guest);
  ASSERT_OK(Guests(domain()).Erase(acme_, erase));
  EXPECT_THAT(QuotesAbout("staff_service"),
              ElementsAre("The staff were rude."));
  EXPECT_EQ(Summary().current().DebugString(), before.current().DebugString());
}

TEST_F(CachedFiguresTest, AReanalysisShowsAtOnce) {
  // Re-analysis finds organizations through their index.
  storage::WriteBatch batch;
  batch.Put(storage::ColumnFamily::kIndexes,
            storage::OrganizationIndexKey("acme"), "");
  ASSERT_OK(store_->Write(std::move(batch)));
  for (int i = 0; i < 3; ++i) {
    Post(absl::StrCat("w-", i), absl::StrCat("guest", i), kWifi, November());
  }
  WarmTheCache();
  EXPECT_THAT(TopIssueAspects(), Contains("wifi_internet"));

  absl::StatusOr<analysis::AspectTaxonomy> taxonomy =
      analysis::AspectTaxonomy::Parse(kTaxonomyWithoutWifi);
  ASSERT_OK(taxonomy.status());
  const analysis::FeedbackAnalyzer edited(*std::move(taxonomy));
  const FeedbackReanalysis reanalysis(domain(), edited);
  v1::ReanalyzeFeedbackRequest request;
  request.set_parent("organizations/acme");
  v1::Operation operation;
  ASSERT_OK(
      reanalysis.Start(Caller("acme", {v1::SCOPE_ADMIN}), request, operation));
  absl::StatusOr<OperationName> name =
      ParseOperationName("name", operation.name());
  ASSERT_OK(name.status());
  for (bool done = false; !done;) {
    absl::StatusOr<bool> ran = reanalysis.RunBatch(*name);
    ASSERT_OK(ran.status());
    done = *ran;
  }
  EXPECT_THAT(TopIssueAspects(), Not(Contains("wifi_internet")));
  EXPECT_THAT(TopIssueAspects(), Contains("cleanliness"));
}

}  // namespace
}  // namespace guestvoice::service
