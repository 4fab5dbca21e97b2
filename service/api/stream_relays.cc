#include "service/api/stream_relays.h"

#include <grpcpp/client_context.h>
#include <grpcpp/support/client_callback.h>

#include <atomic>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "service/api/forwarded_call.h"
#include "service/api/grpc_status.h"

namespace guestvoice::service {
namespace {

using PeerReactor = grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>;

// What both relays share: the peer call's context, the end of the caller's
// call with the peer's answer, and the count of calls still running (the
// caller's and the peer's), whose last end deletes the relay.
class RelayEnd {
 public:
  RelayEnd(grpc::CallbackServerContext& context, RelayFinished finished)
      : context_(context), finished_(std::move(finished)) {}

  grpc::ClientContext& peer_context() { return *peer_context_; }
  const std::shared_ptr<grpc::ClientContext>& shared_peer_context() {
    return peer_context_;
  }

  // The status to finish the caller's call with, the peer's trailers on
  // it; `finished` told of its code.
  grpc::Status Answer(const grpc::Status& peer_status,
                      const std::string& peer) {
    CopyTrailers(*peer_context_, context_);
    absl::StatusOr<grpc::Status> answered = PeerAnswer(peer_status, peer);
    return Told(answered.ok() ? *std::move(answered)
                              : ToGrpcStatus(answered.status()));
  }

  // `status`, `finished` told of its code.
  grpc::Status Told(grpc::Status status) {
    std::move(finished_)(static_cast<absl::StatusCode>(status.error_code()));
    return status;
  }

  // True for the last of the two calls to end.
  bool Ended() {
    return calls_running_.fetch_sub(1, std::memory_order_acq_rel) == 1;
  }

 private:
  grpc::CallbackServerContext& context_;
  RelayFinished finished_;
  // Shared with OpenRelays::EndAll, which may cancel it as the relay ends.
  const std::shared_ptr<grpc::ClientContext> peer_context_ =
      std::make_shared<grpc::ClientContext>();
  std::atomic<int> calls_running_{2};
};

// No channel to the peer yet (this node's own, just as it starts): the way
// there fails, as it does for a peer that cannot be reached.
grpc::Status NoPeer(const std::string& peer) {
  return ToGrpcStatus(
      PeerAnswer(grpc::Status(grpc::StatusCode::UNAVAILABLE, "no channel yet"),
                 peer)
          .status());
}

// A relayed watch ended by a server that shuts down, as its own end.
grpc::Status ShuttingDown() {
  return ToGrpcStatus(
      absl::UnavailableError("the server is shutting down; watch again"));
}

// Reads from the peer and writes to the caller alternate (one message in
// flight), so the two sides' callbacks never touch `message_` at once. The
// peer call keeps a hold while the caller's side may still start a read on
// it.
class ServerStreamRelay final
    : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  ServerStreamRelay(grpc::CallbackServerContext& context, OpenRelays& open,
                    const grpc::ByteBuffer& request, RelayFinished finished)
      : context_(context),
        open_(open),
        request_(request),
        end_(context, std::move(finished)),
        peer_(*this) {}

  void Start(const std::string& node_id, RelayPeer peer,
             const std::string& method) {
    peer_name_ = std::move(peer.name);
    if (peer.stub == nullptr || !open_.Add(end_.shared_peer_context())) {
      end_.Ended();  // the peer's call, which never runs
      Finish(end_.Told(peer.stub == nullptr ? NoPeer(peer_name_)
                                            : ShuttingDown()));
      return;
    }
    CopyCallTo(context_, node_id, end_.peer_context());
    peer.stub->PrepareBidiStreamingCall(&end_.peer_context(), method,
                                        grpc::StubOptions(), &peer_);
    peer_.StartWriteLast(&request_, grpc::WriteOptions());
    peer_.StartRead(&message_);
    peer_.AddHold();
    peer_.StartCall();
  }

  void OnWriteDone(bool ok) override {
    if (ok) {
      peer_.StartRead(&message_);
      return;
    }
    // The caller is gone, and with it the reason to read on.
    end_.peer_context().TryCancel();
    peer_.RemoveHold();
  }

  void OnCancel() override { end_.peer_context().TryCancel(); }

  void OnDone() override {
    if (end_.Ended()) delete this;
  }

 private:
  class Peer final : public PeerReactor {
   public:
    explicit Peer(ServerStreamRelay& relay) : relay_(relay) {}
    void OnReadInitialMetadataDone(bool ok) override {
      if (ok) relay_.SendHeaders();
    }
    void OnReadDone(bool ok) override { relay_.PeerRead(ok); }
    void OnDone(const grpc::Status& status) override {
      relay_.PeerDone(status);
    }

   private:
    ServerStreamRelay& relay_;
  };

  // The peer's headers go to the caller once, as they come or with the
  // first message, whichever is first; never after a message (gRPC allows
  // neither). SendHeaders sends them under the lock.
  void SendHeaders() {
    absl::MutexLock lock(&mutex_);
    if (TakeHeadersLocked()) StartSendInitialMetadata();
  }

  bool TakeHeadersLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (headers_taken_) return false;
    headers_taken_ = true;
    CopyHeaders(end_.peer_context(), context_);
    return true;
  }

  void PeerRead(bool ok) {
    if (!ok) {
      // The peer's stream ended; its status comes to PeerDone.
      peer_.RemoveHold();
      return;
    }
    {
      // Once this holds the lock, the headers were sent or go with this
      // message.
      absl::MutexLock lock(&mutex_);
      TakeHeadersLocked();
    }
    StartWrite(&message_);
  }

  void PeerDone(const grpc::Status& status) {
    open_.Remove(&end_.peer_context());
    {
      absl::MutexLock lock(&mutex_);
      TakeHeadersLocked();
    }
    Finish(status.error_code() == grpc::StatusCode::CANCELLED && open_.ending()
               ? end_.Told(ShuttingDown())
               : end_.Answer(status, peer_name_));
    if (end_.Ended()) delete this;
  }

  grpc::CallbackServerContext& context_;
  OpenRelays& open_;
  const grpc::ByteBuffer request_;
  RelayEnd end_;
  Peer peer_;
  std::string peer_name_;
  grpc::ByteBuffer message_;
  absl::Mutex mutex_;
  bool headers_taken_ ABSL_GUARDED_BY(mutex_) = false;
};

// Reads from the caller and writes to the peer alternate (one message in
// flight). The peer call is started once the first message (or the end of
// an empty stream) says where it goes, and keeps a hold while the caller's
// side may still start a write on it.
class ClientStreamRelay final
    : public grpc::ServerReadReactor<grpc::ByteBuffer> {
 public:
  ClientStreamRelay(grpc::CallbackServerContext& context, std::string node_id,
                    RelayRoute route, std::string method,
                    grpc::ByteBuffer* response, RelayFinished finished)
      : context_(context),
        node_id_(std::move(node_id)),
        route_(std::move(route)),
        method_(std::move(method)),
        response_(response),
        end_(context, std::move(finished)),
        peer_(*this) {
    StartRead(&message_);
  }

  void OnReadDone(bool ok) override {
    if (!peer_started_ && !StartPeer(ok)) return;
    if (ok) {
      peer_.StartWrite(&message_);
      return;
    }
    // The caller half-closed (or went away: then the peer's call is
    // cancelled too, OnCancel).
    peer_.StartWritesDone();
    peer_.RemoveHold();
  }

  void OnCancel() override { end_.peer_context().TryCancel(); }

  void OnDone() override {
    if (end_.Ended()) delete this;
  }

 private:
  class Peer final : public PeerReactor {
   public:
    explicit Peer(ClientStreamRelay& relay) : relay_(relay) {}
    void OnWriteDone(bool ok) override { relay_.PeerWrote(ok); }
    void OnDone(const grpc::Status& status) override {
      relay_.PeerDone(status);
    }

   private:
    ClientStreamRelay& relay_;
  };

  // Starts the peer's call where the first message routes it; false when
  // there is no way there (the call is finished then).
  bool StartPeer(bool has_first_message) {
    peer_started_ = true;
    if (!has_first_message && context_.IsCancelled()) {
      end_.Ended();  // the peer's call, which never runs
      Finish(end_.Told(grpc::Status::CANCELLED));
      return false;
    }
    RelayPeer peer = std::move(route_)(has_first_message ? &message_ : nullptr);
    peer_name_ = std::move(peer.name);
    if (peer.stub == nullptr) {
      end_.Ended();  // the peer's call, which never runs
      Finish(end_.Told(NoPeer(peer_name_)));
      return false;
    }
    CopyCallTo(context_, node_id_, end_.peer_context());
    peer.stub->PrepareBidiStreamingCall(&end_.peer_context(), method_,
                                        grpc::StubOptions(), &peer_);
    peer_.StartRead(&peer_response_);
    peer_.AddHold();
    peer_.StartCall();
    return true;
  }

  void PeerWrote(bool ok) {
    if (ok) {
      StartRead(&message_);
      return;
    }
    // The peer's call ended; its status comes to PeerDone.
    peer_.RemoveHold();
  }

  void PeerDone(const grpc::Status& status) {
    CopyHeaders(end_.peer_context(), context_);
    if (status.ok()) *response_ = std::move(peer_response_);
    Finish(end_.Answer(status, peer_name_));
    if (end_.Ended()) delete this;
  }

  grpc::CallbackServerContext& context_;
  const std::string node_id_;
  RelayRoute route_;
  const std::string method_;
  grpc::ByteBuffer* const response_;
  RelayEnd end_;
  Peer peer_;
  // Set by the first OnReadDone, before the peer's call exists.
  bool peer_started_ = false;
  std::string peer_name_;
  grpc::ByteBuffer message_;
  grpc::ByteBuffer peer_response_;
};

}  // namespace

bool OpenRelays::Add(const std::shared_ptr<grpc::ClientContext>& peer_call) {
  absl::MutexLock lock(&mutex_);
  if (ending_) return false;
  peer_calls_[peer_call.get()] = peer_call;
  return true;
}

void OpenRelays::Remove(const grpc::ClientContext* peer_call) {
  absl::MutexLock lock(&mutex_);
  peer_calls_.erase(peer_call);
}

void OpenRelays::EndAll() {
  std::vector<std::shared_ptr<grpc::ClientContext>> peer_calls;
  {
    absl::MutexLock lock(&mutex_);
    ending_ = true;
    for (const auto& [unused, peer_call] : peer_calls_) {
      if (auto live = peer_call.lock()) peer_calls.push_back(std::move(live));
    }
  }
  // Outside the lock: a cancellation may run the relay's callbacks on this
  // thread, and they remove the call.
  for (const auto& peer_call : peer_calls) peer_call->TryCancel();
}

bool OpenRelays::ending() const {
  absl::MutexLock lock(&mutex_);
  return ending_;
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* RelayServerStream(
    grpc::CallbackServerContext& context, const std::string& node_id,
    OpenRelays& open, RelayPeer peer, const std::string& method,
    const grpc::ByteBuffer& request, RelayFinished finished) {
  auto* relay =
      new ServerStreamRelay(context, open, request, std::move(finished));
  relay->Start(node_id, std::move(peer), method);
  return relay;
}

grpc::ServerReadReactor<grpc::ByteBuffer>* RelayClientStream(
    grpc::CallbackServerContext& context, const std::string& node_id,
    RelayRoute route, const std::string& method, grpc::ByteBuffer* response,
    RelayFinished finished) {
  return new ClientStreamRelay(context, node_id, std::move(route), method,
                               response, std::move(finished));
}

}  // namespace guestvoice::service
