#ifndef GUESTVOICE_SERVICE_API_FEEDBACK_SERVICE_H_
#define GUESTVOICE_SERVICE_API_FEEDBACK_SERVICE_H_

#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "service/api/feedback_watchers.h"
#include "service/api/service_deps.h"
#include "service/feedback/feedback_items.h"
#include "service/feedback/ingest.h"

namespace guestvoice::service {

// guestvoice.v1.FeedbackService: ingest (unary and client-streaming import),
// reads, live watch and case handling. The domain does the work: ingest is
// FeedbackIngester's, reads and case updates FeedbackItems'; the watch
// streams are FeedbackWatchers'.
class FeedbackService final : public v1::FeedbackService::CallbackService {
 public:
  FeedbackService(ServiceDeps deps, FeedbackWatchers& watchers);

  grpc::ServerUnaryReactor* IngestFeedback(
      grpc::CallbackServerContext* context,
      const v1::IngestFeedbackRequest* request,
      v1::Feedback* response) override;
  grpc::ServerReadReactor<v1::ImportFeedbackRequest>* ImportFeedback(
      grpc::CallbackServerContext* context,
      v1::ImportFeedbackResponse* response) override;
  grpc::ServerUnaryReactor* GetFeedback(grpc::CallbackServerContext* context,
                                        const v1::GetFeedbackRequest* request,
                                        v1::Feedback* response) override;
  grpc::ServerUnaryReactor* ListFeedback(
      grpc::CallbackServerContext* context,
      const v1::ListFeedbackRequest* request,
      v1::ListFeedbackResponse* response) override;
  grpc::ServerWriteReactor<v1::WatchFeedbackResponse>* WatchFeedback(
      grpc::CallbackServerContext* context,
      const v1::WatchFeedbackRequest* request) override;
  grpc::ServerUnaryReactor* UpdateFeedback(
      grpc::CallbackServerContext* context,
      const v1::UpdateFeedbackRequest* request,
      v1::Feedback* response) override;

 private:
  ServiceDeps deps_;
  FeedbackWatchers& watchers_;
  FeedbackIngester ingester_;
  FeedbackItems items_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_FEEDBACK_SERVICE_H_
