#include "service/api/insight_service.h"

#include "service/api/unary_call.h"

namespace guestvoice::service {

grpc::ServerUnaryReactor* InsightService::GetHotelSummary(
    grpc::CallbackServerContext* context,
    const v1::GetHotelSummaryRequest* request, v1::HotelSummary* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_INSIGHTS_READ,
                  [=](const Principal& caller) -> absl::Status {
                    return insights_.HotelSummary(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* InsightService::GetSentimentTrend(
    grpc::CallbackServerContext* context,
    const v1::GetSentimentTrendRequest* request, v1::SentimentTrend* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_INSIGHTS_READ,
                  [=](const Principal& caller) -> absl::Status {
                    return insights_.SentimentTrend(caller, *request,
                                                    *response);
                  });
}

grpc::ServerUnaryReactor* InsightService::ListTopIssues(
    grpc::CallbackServerContext* context,
    const v1::ListTopIssuesRequest* request,
    v1::ListTopIssuesResponse* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_INSIGHTS_READ,
                  [=](const Principal& caller) -> absl::Status {
                    return insights_.TopIssues(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* InsightService::CompareHotels(
    grpc::CallbackServerContext* context,
    const v1::CompareHotelsRequest* request,
    v1::CompareHotelsResponse* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_INSIGHTS_READ,
                  [=](const Principal& caller) -> absl::Status {
                    return insights_.CompareHotels(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* InsightService::ListAttentionItems(
    grpc::CallbackServerContext* context,
    const v1::ListAttentionItemsRequest* request,
    v1::ListAttentionItemsResponse* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_INSIGHTS_READ,
                  [=](const Principal& caller) -> absl::Status {
                    return insights_.AttentionItems(caller, *request,
                                                    *response);
                  });
}

grpc::ServerUnaryReactor* InsightService::GetLoyaltyInsights(
    grpc::CallbackServerContext* context,
    const v1::GetLoyaltyInsightsRequest* request,
    v1::LoyaltyInsights* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_INSIGHTS_READ,
                  [=](const Principal& caller) -> absl::Status {
                    return insights_.LoyaltyInsights(caller, *request,
                                                     *response);
                  });
}

}  // namespace guestvoice::service
