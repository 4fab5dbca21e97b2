#include "service/api/feedback_service.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "common/status_macros.h"
#include "service/api/consistency_token.h"
#include "service/api/import_reactor.h"
#include "service/api/request_routing.h"
#include "service/api/stream_call_report.h"
#include "service/api/unary_call.h"

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
  if (!MayForward(deps_.router, *context)) {
    return StartImport(context, deps_, imports_, wire_response);
  }
  // The stream's organization is in its messages: its first routes it, to
  // the node that answers for it, or (this node's) to this node's own
  // handler, which counts it; the rest are counted here.
  static const std::string* const kMethod =
      new std::string(*MethodPathOf(*v1::ImportFeedbackRequest::descriptor()));
  auto report = std::make_unique<StreamCallReport>(
      deps_.calls, *v1::ImportFeedbackRequest::descriptor(), *context);
  return deps_.forwarder->ForwardClientStream(
      *context, *kMethod,
      [router = deps_.router, context](const grpc::ByteBuffer* first) {
        return first == nullptr
                   ? std::nullopt
                   : ForwardAddressOf(router, *context,
                                      *v1::ImportFeedbackRequest::descriptor(),
                                      *first);
      },
      wire_response,
      [report = std::move(report)](
          absl::StatusCode code,
          const std::optional<std::string>& forwarded_to) {
        if (forwarded_to.has_value()) report->set_forwarded_to(*forwarded_to);
        report->Finished(code);
      });
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
  // A watch of an organization another node answers now (this one catches
  // up, say) is that node's: its items are live there.
  if (std::optional<std::string> address = ForwardAddressOf(
          deps_.router, *context, *v1::WatchFeedbackRequest::descriptor(),
          *wire_request)) {
    static const std::string* const kMethod =
        new std::string(*MethodPathOf(*v1::WatchFeedbackRequest::descriptor()));
    report->set_forwarded_to(*address);
    return deps_.forwarder->ForwardServerStream(
        *context, *address, *kMethod, *wire_request,
        [report = std::move(report)](absl::StatusCode code) {
          report->Finished(code);
        });
  }
  // Its key or hotel may be one made through another node: a watch with a
  // consistency token is checked against the state the token names.
  std::optional<cluster::RecordPosition> token;
  if (AwaitsConsistencyToken(*context, deps_.applied)) {
    absl::StatusOr<cluster::RecordPosition> parsed =
        ConsistencyTokenOf(*context);
    if (!parsed.ok()) return RefuseWatch(parsed.status(), *report);
    token = *parsed;
  }
  return watchers_.Watch(
      deps_.reads, deps_.applied, token,
      [this, context, wire_request] {
        return CheckWatch(*context, *wire_request);
      },
      std::move(report));
}

absl::StatusOr<FeedbackWatchers::WatchStart> FeedbackService::CheckWatch(
    const grpc::CallbackServerContext& context,
    const grpc::ByteBuffer& wire_request) const {
  ASSIGN_OR_RETURN(Principal caller, deps_.authenticator.Authenticate(
                                         context, v1::SCOPE_FEEDBACK_READ));
  v1::WatchFeedbackRequest request;
  RETURN_IF_ERROR(DecodeBuffer(wire_request, request));
  ASSIGN_OR_RETURN(FeedbackFilter filter, items_.WatchFilter(caller, request));
  return FeedbackWatchers::WatchStart{std::move(caller), std::move(filter)};
}

grpc::ServerUnaryReactor* FeedbackService::UpdateFeedback(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::UpdateFeedbackRequest, v1::Feedback>(
      context, wire_request, wire_response, deps_, v1::SCOPE_FEEDBACK_WRITE);
}

}  // namespace guestvoice::service
