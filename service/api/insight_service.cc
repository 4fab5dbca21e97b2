#include "service/api/insight_service.h"

#include "service/api/grpc_call_cancellation.h"
#include "service/api/unary_call.h"

namespace guestvoice::service {

grpc::ServerUnaryReactor* InsightService::GetHotelSummary(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::GetHotelSummaryRequest, v1::HotelSummary>(
      context, wire_request, wire_response, deps_, CallWork::kCachedScan,
      v1::SCOPE_INSIGHTS_READ,
      [this](const Principal& caller, const auto& request, auto& response) {
        return insights_.HotelSummary(caller, request, response);
      });
}

grpc::ServerUnaryReactor* InsightService::GetSentimentTrend(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::GetSentimentTrendRequest, v1::SentimentTrend>(
      context, wire_request, wire_response, deps_, CallWork::kScan,
      v1::SCOPE_INSIGHTS_READ,
      [this, context](const Principal& caller, const auto& request,
                      auto& response) {
        const GrpcCallCancellation cancellation(*context);
        return insights_.SentimentTrend(caller, request, response,
                                        cancellation);
      });
}

grpc::ServerUnaryReactor* InsightService::ListTopIssues(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::ListTopIssuesRequest, v1::ListTopIssuesResponse>(
      context, wire_request, wire_response, deps_, CallWork::kScan,
      v1::SCOPE_INSIGHTS_READ,
      [this, context](const Principal& caller, const auto& request,
                      auto& response) {
        const GrpcCallCancellation cancellation(*context);
        return insights_.TopIssues(caller, request, response, cancellation);
      });
}

grpc::ServerUnaryReactor* InsightService::CompareHotels(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::CompareHotelsRequest, v1::CompareHotelsResponse>(
      context, wire_request, wire_response, deps_, CallWork::kScan,
      v1::SCOPE_INSIGHTS_READ,
      [this, context](const Principal& caller, const auto& request,
                      auto& response) {
        const GrpcCallCancellation cancellation(*context);
        return insights_.CompareHotels(caller, request, response, cancellation);
      });
}

grpc::ServerUnaryReactor* InsightService::ListAttentionItems(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::ListAttentionItemsRequest,
                  v1::ListAttentionItemsResponse>(
      context, wire_request, wire_response, deps_, CallWork::kScan,
      v1::SCOPE_INSIGHTS_READ,
      [this, context](const Principal& caller, const auto& request,
                      auto& response) {
        const GrpcCallCancellation cancellation(*context);
        return insights_.AttentionItems(caller, request, response,
                                        cancellation);
      });
}

grpc::ServerUnaryReactor* InsightService::GetLoyaltyInsights(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::GetLoyaltyInsightsRequest, v1::LoyaltyInsights>(
      context, wire_request, wire_response, deps_, CallWork::kScan,
      v1::SCOPE_INSIGHTS_READ,
      [this, context](const Principal& caller, const auto& request,
                      auto& response) {
        const GrpcCallCancellation cancellation(*context);
        return insights_.LoyaltyInsights(caller, request, response,
                                         cancellation);
      });
}

}  // namespace guestvoice::service
