#ifndef GUESTVOICE_SERVICE_API_INSIGHT_SERVICE_H_
#define GUESTVOICE_SERVICE_API_INSIGHT_SERVICE_H_

#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "service/api/service_deps.h"
#include "service/api/wire_messages.h"
#include "service/insights/insights.h"

namespace guestvoice::service {

// guestvoice.v1.InsightService: read-only insights in which every guest is
// one voice (docs/insights.md). Each handler authenticates and hands the
// request to service/insights' Insights, which checks and answers it.
// Its methods are registered raw, so the server decodes every request itself
// and names a string that is not UTF-8 (wire_messages.h).
class InsightService final
    : public RawMethods<
          v1::InsightService::Service,
          v1::InsightService::WithRawCallbackMethod_GetHotelSummary,
          v1::InsightService::WithRawCallbackMethod_GetSentimentTrend,
          v1::InsightService::WithRawCallbackMethod_ListTopIssues,
          v1::InsightService::WithRawCallbackMethod_CompareHotels,
          v1::InsightService::WithRawCallbackMethod_ListAttentionItems,
          v1::InsightService::WithRawCallbackMethod_GetLoyaltyInsights> {
 public:
  explicit InsightService(ServiceDeps deps)
      : deps_(deps), insights_(deps.domain) {}

  grpc::ServerUnaryReactor* GetHotelSummary(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* GetSentimentTrend(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ListTopIssues(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* CompareHotels(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ListAttentionItems(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* GetLoyaltyInsights(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;

 private:
  ServiceDeps deps_;
  Insights insights_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_INSIGHT_SERVICE_H_
