#include "service/api/feedback_service.h"

#include <memory>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "service/api/consistency_token.h"
#include "service/api/import_reactor.h"
#include "service/api/stream_call_report.h"
#include "service/api/unary_call.h"
#include "service/core/errors.h"

namespace guestvoice::service {

FeedbackService::FeedbackService(ServiceDeps deps, FeedbackWatchers& watchers,
                                 ImportStreams& imports)
    : deps_(deps),
      watchers_(watchers),
      imports_(imports),
      items_(deps.domain) {}

grpc::ServerUnaryReactor* FeedbackService::IngestFeedback(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::IngestFeedbackRequest, v1::Feedback>(
      context, wire_request, wire_response, deps_, v1::SCOPE_FEEDBACK_WRITE);
}

grpc::ServerReadReactor<grpc::ByteBuffer>* FeedbackService::ImportFeedback(
    grpc::CallbackServerContext* context, grpc::ByteBuffer* wire_response) {
  return StartImport(context, deps_, imports_, wire_response);
}

grpc::ServerUnaryReactor* FeedbackService::GetFeedback(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::GetFeedbackRequest, v1::Feedback>(
      context, wire_request, wire_response, deps_, CallWork::kRead,
      v1::SCOPE_FEEDBACK_READ,
      [this](const Principal& caller, const auto& request, auto& response) {
        return items_.Get(caller, request, response);
      });
}

grpc::ServerUnaryReactor* FeedbackService::ListFeedback(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::ListFeedbackRequest, v1::ListFeedbackResponse>(
      context, wire_request, wire_response, deps_, CallWork::kScan,
      v1::SCOPE_FEEDBACK_READ,
      [this](const Principal& caller, const auto& request, auto& response) {
        return items_.List(caller, request, response);
      });
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* FeedbackService::WatchFeedback(
    grpc::CallbackServerContext* context,
    const grpc::ByteBuffer* wire_request) {
  // A watch is counted, and logged, once, as it ends: when refused here, or
  // when its stream finishes.
  auto report = std::make_unique<StreamCallReport>(
      deps_.calls, *v1::WatchFeedbackRequest::descriptor(), *context);
  std::optional<Principal> caller;
  absl::StatusOr<FeedbackFilter> filter =
      [&]() -> absl::StatusOr<FeedbackFilter> {
    RETURN_IF_ERROR(RequireTokenApplied(*context));
    ASSIGN_OR_RETURN(caller, deps_.authenticator.Authenticate(
                                 *context, v1::SCOPE_FEEDBACK_READ));
    report->set_caller(*caller);
    v1::WatchFeedbackRequest request;
    RETURN_IF_ERROR(DecodeBuffer(*wire_request, request));
    return items_.WatchFilter(*caller, request);
  }();
  if (!filter.ok()) return RefuseWatch(filter.status(), *report);
  return watchers_.Watch(*caller, *std::move(filter), std::move(report));
}

absl::Status FeedbackService::RequireTokenApplied(
    const grpc::CallbackServerContext& context) const {
  if (!AwaitsConsistencyToken(context, deps_.applied)) return absl::OkStatus();
  ASSIGN_OR_RETURN(cluster::RecordPosition token, ConsistencyTokenOf(context));
  if (deps_.applied->HasApplied(token.partition, token.offset)) {
    return absl::OkStatus();
  }
  return WithRetryInfo(
      absl::UnavailableError(
          absl::StrCat("this node has not yet applied the write named by the ",
                       kConsistencyTokenHeader, " header; retry shortly")),
      kBusyRetryDelay);
}

grpc::ServerUnaryReactor* FeedbackService::UpdateFeedback(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::UpdateFeedbackRequest, v1::Feedback>(
      context, wire_request, wire_response, deps_, v1::SCOPE_FEEDBACK_WRITE);
}

}  // namespace guestvoice::service
