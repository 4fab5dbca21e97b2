#ifndef GUESTVOICE_SERVICE_INSIGHTS_INSIGHTS_H_
#define GUESTVOICE_SERVICE_INSIGHTS_INSIGHTS_H_

#include "absl/status/status.h"
#include "guestvoice/v1/insight_service.pb.h"
#include "service/core/call_cancellation.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"

namespace guestvoice::service {

// InsightService's requests, checked and answered (docs/insights.md). Each
// method validates the request (INVALID_ARGUMENT, FIELD_INVALID, naming every
// bad field at once), loads its scope (NOT_FOUND for another tenant's or an
// unknown hotel), then runs the query: queries.h for the aggregate-only
// ones, attention.h and loyalty_insights.h for the two that read items and
// loyalty tiers too. Read-only. The queries that read many hotels or items
// poll `cancellation` and stop when the caller has gone.
class Insights {
 public:
  explicit Insights(DomainContext deps) : deps_(deps) {}

  absl::Status HotelSummary(const Principal& caller,
                            const v1::GetHotelSummaryRequest& request,
                            v1::HotelSummary& response) const;
  absl::Status SentimentTrend(const Principal& caller,
                              const v1::GetSentimentTrendRequest& request,
                              v1::SentimentTrend& response,
                              const CallCancellation& cancellation) const;
  // At most `limit` issues: 10 when 0, and 50 is the most one may ask for.
  absl::Status TopIssues(const Principal& caller,
                         const v1::ListTopIssuesRequest& request,
                         v1::ListTopIssuesResponse& response,
                         const CallCancellation& cancellation) const;
  absl::Status CompareHotels(const Principal& caller,
                             const v1::CompareHotelsRequest& request,
                             v1::CompareHotelsResponse& response,
                             const CallCancellation& cancellation) const;
  // Tiers as of today (UTC) by the domain's clock.
  absl::Status AttentionItems(const Principal& caller,
                              const v1::ListAttentionItemsRequest& request,
                              v1::ListAttentionItemsResponse& response,
                              const CallCancellation& cancellation) const;
  // Tiers as of today (UTC) by the domain's clock.
  absl::Status LoyaltyInsights(const Principal& caller,
                               const v1::GetLoyaltyInsightsRequest& request,
                               v1::LoyaltyInsights& response,
                               const CallCancellation& cancellation) const;

 private:
  DomainContext deps_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_INSIGHTS_INSIGHTS_H_
