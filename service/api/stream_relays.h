#ifndef GUESTVOICE_SERVICE_API_STREAM_RELAYS_H_
#define GUESTVOICE_SERVICE_API_STREAM_RELAYS_H_

// The reactors of streamed calls that a node forwards (CallForwarder): each
// is the caller's call and drives a call to the peer, relaying messages one
// at a time (the next is read from one side only once the other took the
// last, so flow control reaches across), then the peer's trailers and
// status. The caller's cancellation or deadline cancels the peer's call. A
// relay deletes itself once both calls are done.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>

#include <optional>
#include <string>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"

namespace guestvoice::service {

// Where a relayed call goes: a stub on the peer's channel and the peer's
// address for errors ("this node" for the server's own in-process channel).
struct RelayPeer {
  grpc::GenericStub* stub;
  std::string address;
};

// Runs once with the call's code just before the relay finishes it.
using RelayFinished = absl::AnyInvocable<void(absl::StatusCode) &&>;

// Relays a server-streaming call (WatchFeedback): `request` goes to
// `method` at `peer` at once; the peer's headers reach the caller as soon
// as they come (a watch's say it is registered), then each message.
grpc::ServerWriteReactor<grpc::ByteBuffer>* RelayServerStream(
    grpc::CallbackServerContext& context, const std::string& node_id,
    RelayPeer peer, const std::string& method, const grpc::ByteBuffer& request,
    RelayFinished finished);

// Relays a client-streaming call (ImportFeedback) to the peer its first
// message names: `route` gets that message (nullptr when the stream has
// none) and says where it goes; the messages follow one at a time, and the
// peer's one response comes back in `*response`.
using RelayRoute =
    absl::AnyInvocable<RelayPeer(const grpc::ByteBuffer* first) &&>;
grpc::ServerReadReactor<grpc::ByteBuffer>* RelayClientStream(
    grpc::CallbackServerContext& context, const std::string& node_id,
    RelayRoute route, const std::string& method, grpc::ByteBuffer* response,
    RelayFinished finished);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_STREAM_RELAYS_H_
