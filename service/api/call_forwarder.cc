#include "service/api/call_forwarder.h"

#include <utility>

#include "service/api/stream_relays.h"

namespace guestvoice::service {

void CallForwarder::SetLocalChannel(std::shared_ptr<grpc::Channel> channel) {
  absl::MutexLock lock(&mutex_);
  local_stub_ = channel == nullptr
                    ? nullptr
                    : std::make_unique<grpc::GenericStub>(std::move(channel));
}

grpc::GenericStub* CallForwarder::LocalStub() {
  absl::MutexLock lock(&mutex_);
  return local_stub_.get();
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
  CopyCallTo(context, options_.node_id, call->context_);
  StubFor(address).UnaryCall(&call->context_, method, grpc::StubOptions(),
                             &request, &call->response_,
                             [call, &context, address, response,
                              done = std::move(done)](grpc::Status status) {
                               CopyHeaders(call->context_, context);
                               CopyTrailers(call->context_, context);
                               if (status.ok())
                                 *response = std::move(call->response_);
                               done(PeerAnswer(std::move(status), address));
                             });
  return call;
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* CallForwarder::ForwardServerStream(
    grpc::CallbackServerContext& context, const std::string& address,
    const std::string& method, const grpc::ByteBuffer& request,
    StreamFinished finished) {
  return RelayServerStream(context, options_.node_id,
                           RelayPeer{&StubFor(address), address}, method,
                           request, std::move(finished));
}

grpc::ServerReadReactor<grpc::ByteBuffer>* CallForwarder::ForwardClientStream(
    grpc::CallbackServerContext& context, const std::string& method,
    StreamRoute route, grpc::ByteBuffer* response,
    RoutedStreamFinished finished) {
  // Where the first message sent the call, for `finished`: written by the
  // route, read after it.
  auto forwarded_to = std::make_shared<std::optional<std::string>>();
  return RelayClientStream(
      context, options_.node_id,
      [this, route = std::move(route),
       forwarded_to](const grpc::ByteBuffer* first) mutable {
        *forwarded_to = std::move(route)(first);
        if (!forwarded_to->has_value()) {
          return RelayPeer{LocalStub(), "this node"};
        }
        return RelayPeer{&StubFor(**forwarded_to), **forwarded_to};
      },
      method, response,
      [finished = std::move(finished),
       forwarded_to](absl::StatusCode code) mutable {
        std::move(finished)(code, *forwarded_to);
      });
}

}  // namespace guestvoice::service
