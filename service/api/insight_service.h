#ifndef GUESTVOICE_SERVICE_API_INSIGHT_SERVICE_H_
#define GUESTVOICE_SERVICE_API_INSIGHT_SERVICE_H_

#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "service/api/service_deps.h"
#include "service/insights/insights.h"

namespace guestvoice::service {

// guestvoice.v1.InsightService: read-only insights in which every guest is
// one voice (docs/insights.md). Each handler authenticates and hands the
// request to service/insights' Insights, which checks and answers it.
class InsightService final : public v1::InsightService::CallbackService {
 public:
  explicit InsightService(ServiceDeps deps)
      : deps_(deps), insights_(deps.domain) {}

  grpc::ServerUnaryReactor* GetHotelSummary(
      grpc::CallbackServerContext* context,
      const v1::GetHotelSummaryRequest* request,
      v1::HotelSummary* response) override;
  grpc::ServerUnaryReactor* GetSentimentTrend(
      grpc::CallbackServerContext* context,
      const v1::GetSentimentTrendRequest* request,
      v1::SentimentTrend* response) override;
  grpc::ServerUnaryReactor* ListTopIssues(
      grpc::CallbackServerContext* context,
      const v1::ListTopIssuesRequest* request,
      v1::ListTopIssuesResponse* response) override;
  grpc::ServerUnaryReactor* CompareHotels(
      grpc::CallbackServerContext* context,
      const v1::CompareHotelsRequest* request,
      v1::CompareHotelsResponse* response) override;
  grpc::ServerUnaryReactor* ListAttentionItems(
      grpc::CallbackServerContext* context,
      const v1::ListAttentionItemsRequest* request,
      v1::ListAttentionItemsResponse* response) override;
  grpc::ServerUnaryReactor* GetLoyaltyInsights(
      grpc::CallbackServerContext* context,
      const v1::GetLoyaltyInsightsRequest* request,
      v1::LoyaltyInsights* response) override;

 private:
  ServiceDeps deps_;
  Insights insights_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_INSIGHT_SERVICE_H_
