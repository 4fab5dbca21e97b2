#ifndef GUESTVOICE_SERVICE_API_CALL_FORWARDER_H_
#define GUESTVOICE_SERVICE_API_CALL_FORWARDER_H_

// Sends a unary call on to another node of the cluster as it came (its
// request bytes, metadata and deadline) and hands back the node's answer
// unchanged (its response bytes, headers, trailers and status with the
// google.rpc details): the caller cannot tell which node answered. One
// channel per peer address, kept for the next call; the forwarded call runs
// on gRPC's callback API, so no thread waits for it.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace guestvoice::service {

// Marks a forwarded call, naming the node that forwarded it: a node
// answers such a call itself, so that no call is forwarded twice (two nodes
// whose node maps disagree for a moment cannot pass a call back and forth).
// The header is trusted as sent: a client that sends it only makes the
// node it calls answer as if it could (stale while it catches up; a write to
// a partition stopped there is refused), never lets it skip authentication.
inline constexpr char kForwardedByHeader[] = "x-guestvoice-forwarded-by";

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

  // Whether `context`'s call was forwarded to this node by another.
  static bool IsForwarded(const grpc::ServerContextBase& context);

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

 private:
  grpc::GenericStub& StubFor(const std::string& address);

  const Options options_;
  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, std::unique_ptr<grpc::GenericStub>> stubs_
      ABSL_GUARDED_BY(mutex_);
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_CALL_FORWARDER_H_
