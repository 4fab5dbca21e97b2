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
  StubFor(address).UnaryCall(
      &call->context_, method, grpc::StubOptions(), &request, &call->response_,
      [call, &context, address, response,
       done = std::move(done)](grpc::Status status) {
        CopyHeaders(call->context_, context);
        CopyTrailers(call->context_, context);
        if (status.ok()) *response = std::move(call->response_);
        done(PeerAnswer(std::move(status), PeerAt(address)));
      });
  return call;
}

void CallForwarder::EndWatches() { watches_.EndAll(); }

grpc::ServerWriteReactor<grpc::ByteBuffer>* CallForwarder::ForwardServerStream(
    grpc::CallbackServerContext& context, const std::string& address,
    const std::string& method, const grpc::ByteBuffer& request,
    StreamFinished finished) {
  return RelayServerStream(context, options_.node_id, watches_,
                           RelayPeer{&StubFor(address), PeerAt(address)},
                           method, request, std::move(finished));
}

grpc::ServerReadReactor<grpc::ByteBuffer>* CallForwarder::ForwardClientStream(
    grpc::CallbackServerContext& context, const std::string& method,
    StreamRoute route, grpc::ByteBuffer* response,
    RoutedStreamFinished finished) {
  // Where the first message sent the call: written by the route, read
  // after it, as the call finishes.
  struct Routed {
    std::optional<std::string> forwarded_to;
    bool to_own_handler = false;
  };
  auto routed = std::make_shared<Routed>();
  return RelayClientStream(
      context, options_.node_id,
      [this, route = std::move(route),
       routed](const grpc::ByteBuffer* first) mutable {
        routed->forwarded_to = std::move(route)(first);
        if (routed->forwarded_to.has_value()) {
          return RelayPeer{&StubFor(*routed->forwarded_to),
                           PeerAt(*routed->forwarded_to)};
        }
        grpc::GenericStub* local = LocalStub();
        routed->to_own_handler = local != nullptr;
        return RelayPeer{local, "its own handler"};
      },
      method, response,
      [finished = std::move(finished), routed](absl::StatusCode code) mutable {
        if (routed->to_own_handler) return;
        std::move(finished)(code, routed->forwarded_to);
      });
}

}  // namespace guestvoice::service
