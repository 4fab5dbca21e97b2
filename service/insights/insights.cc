#include "service/insights/insights.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "analysis/aspect_taxonomy.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/proto_date.h"
#include "service/insights/attention.h"
#include "service/insights/interval.h"
#include "service/insights/loyalty_insights.h"
#include "service/insights/queries.h"
#include "service/insights/scope.h"
#include "service/loyalty/tiers.h"

namespace guestvoice::service {
namespace {

constexpr int32_t kDefaultIssueLimit = 10;
constexpr int32_t kMaxIssueLimit = 50;

void CheckAspect(FieldViolations& violations, std::string_view aspect) {
  if (!aspect.empty() &&
      !analysis::AspectTaxonomy::Default().Contains(aspect)) {
    violations.Add("aspect", absl::StrCat("\"", std::string(aspect),
                                          "\" is not an aspect of the "
                                          "taxonomy"));
  }
}

}  // namespace

absl::Status Insights::HotelSummary(const Principal& caller,
                                    const v1::GetHotelSummaryRequest& request,
                                    v1::HotelSummary& response) const {
  FieldViolations violations;
  std::optional<ScopeName> name =
      ParseScopeName(violations, "hotel", request.hotel(),
                     /*allow_organization=*/false, /*allow_hotel=*/true);
  std::optional<TimeBounds> bounds =
      CheckInterval(violations, "interval", request.interval());
  RETURN_IF_ERROR(violations.ToStatus());
  ASSIGN_OR_RETURN(InsightScope scope, LoadScope(caller, deps_.store, *name));
  ASSIGN_OR_RETURN(response,
                   ComputeHotelSummary(deps_.store, scope.organization,
                                       scope.hotels.front(), *bounds));
  return absl::OkStatus();
}

absl::Status Insights::SentimentTrend(
    const Principal& caller, const v1::GetSentimentTrendRequest& request,
    v1::SentimentTrend& response, const CallCancellation& cancellation) const {
  FieldViolations violations;
  std::optional<ScopeName> name =
      ParseScopeName(violations, "scope", request.scope(),
                     /*allow_organization=*/true, /*allow_hotel=*/true);
  std::optional<TimeBounds> bounds =
      CheckInterval(violations, "interval", request.interval());
  if (!v1::Granularity_IsValid(request.granularity()) ||
      request.granularity() == v1::GRANULARITY_UNSPECIFIED) {
    violations.Add("granularity", "must be DAY, WEEK or MONTH");
  }
  CheckAspect(violations, request.aspect());
  RETURN_IF_ERROR(violations.ToStatus());
  ASSIGN_OR_RETURN(InsightScope scope, LoadScope(caller, deps_.store, *name));
  ASSIGN_OR_RETURN(
      response,
      ComputeSentimentTrend(deps_.store, scope, *bounds, request.granularity(),
                            request.aspect(), cancellation));
  return absl::OkStatus();
}

absl::Status Insights::TopIssues(const Principal& caller,
                                 const v1::ListTopIssuesRequest& request,
                                 v1::ListTopIssuesResponse& response,
                                 const CallCancellation& cancellation) const {
  FieldViolations violations;
  std::optional<ScopeName> name =
      ParseScopeName(violations, "scope", request.scope(),
                     /*allow_organization=*/true, /*allow_hotel=*/true);
  std::optional<TimeBounds> bounds =
      CheckInterval(violations, "interval", request.interval());
  if (request.limit() < 0 || request.limit() > kMaxIssueLimit) {
    violations.Add("limit",
                   absl::StrCat("must be between 0 and ", kMaxIssueLimit));
  }
  RETURN_IF_ERROR(violations.ToStatus());
  ASSIGN_OR_RETURN(InsightScope scope, LoadScope(caller, deps_.store, *name));
  const int32_t limit =
      request.limit() == 0 ? kDefaultIssueLimit : request.limit();
  ASSIGN_OR_RETURN(response, ComputeTopIssues(deps_.store, scope, *bounds,
                                              limit, cancellation));
  return absl::OkStatus();
}

absl::Status Insights::CompareHotels(
    const Principal& caller, const v1::CompareHotelsRequest& request,
    v1::CompareHotelsResponse& response,
    const CallCancellation& cancellation) const {
  FieldViolations violations;
  std::optional<ScopeName> name =
      ParseScopeName(violations, "parent", request.parent(),
                     /*allow_organization=*/true, /*allow_hotel=*/false);
  std::optional<TimeBounds> bounds =
      CheckInterval(violations, "interval", request.interval());
  CheckAspect(violations, request.aspect());
  RETURN_IF_ERROR(violations.ToStatus());
  ASSIGN_OR_RETURN(InsightScope scope, LoadScope(caller, deps_.store, *name));
  ASSIGN_OR_RETURN(response,
                   ComputeHotelComparison(deps_.store, scope, *bounds,
                                          request.aspect(), cancellation));
  return absl::OkStatus();
}

absl::Status Insights::AttentionItems(
    const Principal& caller, const v1::ListAttentionItemsRequest& request,
    v1::ListAttentionItemsResponse& response,
    const CallCancellation& cancellation) const {
  FieldViolations violations;
  std::optional<ScopeName> name =
      ParseScopeName(violations, "scope", request.scope(),
                     /*allow_organization=*/true, /*allow_hotel=*/true);
  if (request.page_size() < 0) {
    violations.Add("page_size", "must not be negative");
  }
  RETURN_IF_ERROR(violations.ToStatus());
  ASSIGN_OR_RETURN(InsightScope scope, LoadScope(caller, deps_.store, *name));
  ASSIGN_OR_RETURN(GuestTiers tiers,
                   LoadGuestTiers(deps_.store, scope.organization,
                                  StatusDay::Today(deps_.clock.Now())));
  ASSIGN_OR_RETURN(
      response,
      ListAttentionPage(
          deps_.store, scope, tiers, request.page_size(), request.page_token(),
          absl::StrCat("ListAttentionItems\n", request.scope()), cancellation));
  return absl::OkStatus();
}

absl::Status Insights::LoyaltyInsights(
    const Principal& caller, const v1::GetLoyaltyInsightsRequest& request,
    v1::LoyaltyInsights& response, const CallCancellation& cancellation) const {
  FieldViolations violations;
  std::optional<ScopeName> name =
      ParseScopeName(violations, "scope", request.scope(),
                     /*allow_organization=*/true, /*allow_hotel=*/true);
  std::optional<TimeBounds> bounds =
      CheckInterval(violations, "interval", request.interval());
  RETURN_IF_ERROR(violations.ToStatus());
  ASSIGN_OR_RETURN(InsightScope scope, LoadScope(caller, deps_.store, *name));
  ASSIGN_OR_RETURN(GuestTiers tiers,
                   LoadGuestTiers(deps_.store, scope.organization,
                                  StatusDay::Today(deps_.clock.Now())));
  ASSIGN_OR_RETURN(response, ComputeLoyaltyInsights(deps_.store, scope, *bounds,
                                                    tiers, cancellation));
  return absl::OkStatus();
}

}  // namespace guestvoice::service
