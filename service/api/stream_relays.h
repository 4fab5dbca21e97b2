#ifndef GUESTVOICE_SERVICE_API_STREAM_RELAYS_H_
#define GUESTVOICE_SERVICE_API_STREAM_RELAYS_H_

// The reactors of streamed calls that a node forwards (CallForwarder): each
// is the caller's call and drives a call to the peer, relaying messages one
// at a time (the next is read from one side only once the other took the
// last, so flow control reaches across), then the peer's trailers and
// status. The caller's cancellation or deadline cancels the peer's call. A
// relay deletes itself once both calls are done.

#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace guestvoice::service {

// Where a relayed call goes: a stub on the peer's channel (null: none yet)
// and how errors name the peer (PeerAt).
struct RelayPeer {
  grpc::GenericStub* stub;
  std::string name;
};

// Runs once with the call's code just before the relay finishes it.
using RelayFinished = absl::AnyInvocable<void(absl::StatusCode) &&>;

// The server-stream relays running. A watch never ends on its own, so a
// server that shuts down ends its relayed watches at once, UNAVAILABLE, as
// it ends its own (FeedbackWatchers::Shutdown), rather than after its
// grace period.
class OpenRelays {
 public:
  // Registers a relay's call to its peer; false once EndAll ran.
  bool Add(const std::shared_ptr<grpc::ClientContext>& peer_call);
  void Remove(const grpc::ClientContext* peer_call);
  // Cancels every registered call to a peer (each relay then finishes
  // UNAVAILABLE), and refuses later ones.
  void EndAll();
  bool ending() const;

 private:
  mutable absl::Mutex mutex_;
  // Weak: EndAll keeps a context it cancels alive, not the relay's.
  absl::flat_hash_map<const grpc::ClientContext*,
                      std::weak_ptr<grpc::ClientContext>>
      peer_calls_ ABSL_GUARDED_BY(mutex_);
  bool ending_ ABSL_GUARDED_BY(mutex_) = false;
};

// Relays a server-streaming call (WatchFeedback): `request` goes to
// `method` at `peer` at once; the peer's headers reach the caller as soon
// as they come (a watch's say it is registered), then each message. The
// relay is one of `open` while it runs.
grpc::ServerWriteReactor<grpc::ByteBuffer>* RelayServerStream(
    grpc::CallbackServerContext& context, const std::string& node_id,
    OpenRelays& open, RelayPeer peer, const std::string& method,
    const grpc::ByteBuffer& request, RelayFinished finished);

// Relays a client-streaming call (ImportFeedback) to the peer its first
// message names: `route` gets that message (nullptr when the stream ends
// before one, and was not cancelled: a caller cancelling first ends the
// call CANCELLED with no peer) and says where it goes; the messages follow
// one at a time, and the peer's one response comes back in `*response`.
using RelayRoute =
    absl::AnyInvocable<RelayPeer(const grpc::ByteBuffer* first) &&>;
grpc::ServerReadReactor<grpc::ByteBuffer>* RelayClientStream(
    grpc::CallbackServerContext& context, const std::string& node_id,
    RelayRoute route, const std::string& method, grpc::ByteBuffer* response,
    RelayFinished finished);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_STREAM_RELAYS_H_
