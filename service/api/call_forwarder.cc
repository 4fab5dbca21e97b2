#include "service/api/call_forwarder.h"

#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "service/api/grpc_status.h"
#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

std::string_view ViewOf(const grpc::string_ref& ref) {
  return std::string_view(ref.data(), ref.size());
}

// A peer that cannot be reached is down or restarting, or the node map has
// not yet told of its replacement: soon over.
constexpr absl::Duration kUnreachedRetryDelay = absl::Seconds(1);

// Metadata that belongs to one hop (HTTP/2 and gRPC's own, which each
// channel sets itself) rather than to the call; the retry pushback is the
// server's answer, so it travels back.
bool BelongsToTheHop(std::string_view key) {
  if (key == kRetryPushbackTrailer) return false;
  return key.empty() || key.front() == ':' ||
         absl::StartsWith(AbslView(key), "grpc-") || key == "content-type" ||
         key == "user-agent" || key == "te" || key == "host" ||
         key == kForwardedByHeader;
}

}  // namespace

bool CallForwarder::IsForwarded(const grpc::ServerContextBase& context) {
  return context.client_metadata().count(kForwardedByHeader) > 0;
}

grpc::GenericStub& CallForwarder::StubFor(const std::string& address) {
  absl::MutexLock lock(&mutex_);
  std::unique_ptr<grpc::GenericStub>& stub = stubs_[address];
  if (stub == nullptr) {
    grpc::ChannelArguments arguments;
    arguments.SetMaxReceiveMessageSize(options_.max_message_bytes);
    arguments.SetMaxSendMessageSize(options_.max_message_bytes);
    arguments.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS,
                     absl::ToInt64Milliseconds(kPeerKeepaliveTime));
    arguments.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS,
                     absl::ToInt64Milliseconds(kPeerKeepaliveTimeout));
    stub = std::make_unique<grpc::GenericStub>(
        grpc::CreateCustomChannel(address, options_.credentials, arguments));
  }
  return *stub;
}

std::shared_ptr<CallForwarder::Call> CallForwarder::Forward(
    grpc::CallbackServerContext& context, const std::string& address,
    const std::string& method, const grpc::ByteBuffer& request,
    grpc::ByteBuffer* response, Done done) {
  auto call = std::make_shared<Call>();
  for (const auto& [key, value] : context.client_metadata()) {
    if (BelongsToTheHop(ViewOf(key))) continue;
    call->context_.AddMetadata(std::string(ViewOf(key)),
                               std::string(ViewOf(value)));
  }
  call->context_.AddMetadata(kForwardedByHeader, options_.node_id);
  call->context_.set_deadline(context.deadline());
  StubFor(address).UnaryCall(
      &call->context_, method, grpc::StubOptions(), &request, &call->response_,
      [call, &context, address, response,
       done = std::move(done)](grpc::Status status) {
        for (const auto& [key, value] :
             call->context_.GetServerInitialMetadata()) {
          if (BelongsToTheHop(ViewOf(key))) continue;
          context.AddInitialMetadata(std::string(ViewOf(key)),
                                     std::string(ViewOf(value)));
        }
        for (const auto& [key, value] :
             call->context_.GetServerTrailingMetadata()) {
          if (BelongsToTheHop(ViewOf(key))) continue;
          context.AddTrailingMetadata(std::string(ViewOf(key)),
                                      std::string(ViewOf(value)));
        }
        if (status.error_code() == grpc::StatusCode::UNAVAILABLE &&
            status.error_details().empty()) {
          // Not the peer's answer (every error a node answers carries
          // details) but the way there failing.
          done(WithRetryInfo(absl::UnavailableError(absl::StrCat(
                                 "this node forwards the call to the node at ",
                                 address, ", which cannot be reached now: ",
                                 status.error_message(), "; retry")),
                             kUnreachedRetryDelay));
          return;
        }
        if (status.ok()) *response = std::move(call->response_);
        done(std::move(status));
      });
  return call;
}

}  // namespace guestvoice::service
