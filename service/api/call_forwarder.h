#ifndef GUESTVOICE_SERVICE_API_CALL_FORWARDER_H_
#define GUESTVOICE_SERVICE_API_CALL_FORWARDER_H_

// Sends a call on to another node of the cluster as it came (its request
// bytes or streamed messages, metadata and deadline) and hands back the
// node's answer unchanged (its response bytes or streamed messages,
// headers, trailers and status with the google.rpc details): the caller
// cannot tell which node answered. One channel per peer address, kept for
// the next call; the forwarded call runs on gRPC's callback API, so no
// thread waits for it.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/server_callback.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/api/forwarded_call.h"
#include "service/api/stream_relays.h"

namespace guestvoice::service {

// How often a channel to a peer pings it while a forwarded call waits, and
// how long it waits for the answer to a ping: a peer that died without
// closing the connection (a machine lost, a network cut) fails the call
// within their sum rather than holding it until the caller's deadline,
// which may be none. Servers accept pings this often (server.cc).
inline constexpr absl::Duration kPeerKeepaliveTime = absl::Seconds(20);
inline constexpr absl::Duration kPeerKeepaliveTimeout = absl::Seconds(10);

class CallForwarder {
 public:
  struct Options {
    // This node's id, sent in kForwardedByHeader.
    std::string node_id;
    // What channels to peers use: plaintext, or TLS as the server's
    // (server.cc's PeerCredentials).
    std::shared_ptr<grpc::ChannelCredentials> credentials;
    // The largest message a channel sends and receives: the server's own.
    int max_message_bytes = 4 << 20;
  };

  // One call on its way to a peer.
  class Call {
   public:
    // Cancels it: `done` runs soon with CANCELLED. Any thread.
    void Cancel() { context_.TryCancel(); }

   private:
    friend class CallForwarder;
    grpc::ClientContext context_;
    grpc::ByteBuffer response_;
  };

  explicit CallForwarder(Options options) : options_(std::move(options)) {}

  CallForwarder(const CallForwarder&) = delete;
  CallForwarder& operator=(const CallForwarder&) = delete;

  // The channel to this server itself (Server::InProcessChannel), through
  // which a stream routed on its first message reaches this node's own
  // handler when this node answers it (ForwardClientStream); nullptr drops
  // it (the server shuts down). Any thread.
  void SetLocalChannel(std::shared_ptr<grpc::Channel> channel);

  // Sends `request` to `method` ("/package.Service/Method") at `address`
  // with `context`'s metadata and deadline. `done` runs once, on a gRPC
  // thread, with the peer's answer (any status: the caller's, unchanged),
  // by when `context` carries the peer's headers and trailers and, when OK,
  // `*response` its response; or with UNAVAILABLE (and a RetryInfo) naming
  // the address when the peer could not be reached. `context`, `request` and
  // `response` must stay valid until then.
  using Done = std::function<void(absl::StatusOr<grpc::Status> answered)>;
  std::shared_ptr<Call> Forward(grpc::CallbackServerContext& context,
                                const std::string& address,
                                const std::string& method,
                                const grpc::ByteBuffer& request,
                                grpc::ByteBuffer* response, Done done);

  // The reactor of a server-streaming call (WatchFeedback) that this node
  // sends on: `request` to `method` at `address`, relayed as
  // stream_relays.h says; a peer that cannot be reached ends the call
  // UNAVAILABLE with a RetryInfo, as Forward does, and so does EndWatches.
  // `finished` runs once with the call's code just before it finishes.
  // gRPC owns the reactor.
  using StreamFinished = absl::AnyInvocable<void(absl::StatusCode) &&>;
  grpc::ServerWriteReactor<grpc::ByteBuffer>* ForwardServerStream(
      grpc::CallbackServerContext& context, const std::string& address,
      const std::string& method, const grpc::ByteBuffer& request,
      StreamFinished finished);

  // The reactor of a client-streaming call (ImportFeedback) to `method`,
  // routed on its first message: `route` gets it (nullptr for a stream
  // with none) and names the address of the node that answers, or nullopt
  // for this node, which then answers it as a call forwarded to it, over
  // the local channel. `finished` runs once just before the call finishes,
  // with its code and the address it was forwarded to (nullopt: none, as
  // when the caller cancelled before its first message); not when this
  // node's own handler took the call, which counts it itself.
  using StreamRoute = absl::AnyInvocable<std::optional<std::string>(
                                             const grpc::ByteBuffer* first) &&>;
  using RoutedStreamFinished = absl::AnyInvocable<
      void(absl::StatusCode,
           const std::optional<std::string>& forwarded_to) &&>;
  grpc::ServerReadReactor<grpc::ByteBuffer>* ForwardClientStream(
      grpc::CallbackServerContext& context, const std::string& method,
      StreamRoute route, grpc::ByteBuffer* response,
      RoutedStreamFinished finished);

  // Ends every relayed watch, UNAVAILABLE, and refuses later ones: the
  // server shuts down (a watch never ends on its own).
  void EndWatches();

 private:
  grpc::GenericStub& StubFor(const std::string& address);
  // Null until SetLocalChannel.
  grpc::GenericStub* LocalStub();

  const Options options_;
  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, std::unique_ptr<grpc::GenericStub>> stubs_
      ABSL_GUARDED_BY(mutex_);
  std::unique_ptr<grpc::GenericStub> local_stub_ ABSL_GUARDED_BY(mutex_);
  OpenRelays watches_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_CALL_FORWARDER_H_
