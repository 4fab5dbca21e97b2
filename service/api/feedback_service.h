#ifndef GUESTVOICE_SERVICE_API_FEEDBACK_SERVICE_H_
#define GUESTVOICE_SERVICE_API_FEEDBACK_SERVICE_H_

#include "absl/status/statusor.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "service/api/feedback_watchers.h"
#include "service/api/import_streams.h"
#include "service/api/service_deps.h"
#include "service/api/wire_messages.h"
#include "service/feedback/feedback_items.h"

namespace guestvoice::service {

// guestvoice.v1.FeedbackService: ingest (unary and client-streaming import),
// reads, live watch and case handling. The domain does the work: ingest is
// FeedbackIngester's, reads and case updates FeedbackItems'; the watch
// streams are FeedbackWatchers'.
// Its methods are registered raw, so the server decodes every request itself
// and names a string that is not UTF-8 (wire_messages.h).
class FeedbackService final
    : public RawMethods<
          v1::FeedbackService::WithCallbackMethod_WatchFeedback<
              v1::FeedbackService::Service>,
          v1::FeedbackService::WithRawCallbackMethod_IngestFeedback,
          v1::FeedbackService::WithRawCallbackMethod_ImportFeedback,
          v1::FeedbackService::WithRawCallbackMethod_GetFeedback,
          v1::FeedbackService::WithRawCallbackMethod_ListFeedback,
          v1::FeedbackService::WithRawCallbackMethod_WatchFeedback,
          v1::FeedbackService::WithRawCallbackMethod_UpdateFeedback> {
 public:
  // Ingest and import run through deps.mutations, whose table announces
  // stored items to the publisher that feeds `watchers`.
  FeedbackService(ServiceDeps deps, FeedbackWatchers& watchers,
                  ImportStreams& imports);

  grpc::ServerUnaryReactor* IngestFeedback(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerReadReactor<grpc::ByteBuffer>* ImportFeedback(
      grpc::CallbackServerContext* context,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* GetFeedback(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ListFeedback(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerWriteReactor<grpc::ByteBuffer>* WatchFeedback(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request) override;
  grpc::ServerUnaryReactor* UpdateFeedback(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;

 private:
  // Authenticates a WatchFeedback call and decodes and checks its request.
  absl::StatusOr<FeedbackWatchers::WatchStart> CheckWatch(
      const grpc::CallbackServerContext& context,
      const grpc::ByteBuffer& wire_request) const;

  ServiceDeps deps_;
  FeedbackWatchers& watchers_;
  ImportStreams& imports_;
  FeedbackItems items_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_FEEDBACK_SERVICE_H_
