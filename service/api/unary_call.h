#ifndef GUESTVOICE_SERVICE_API_UNARY_CALL_H_
#define GUESTVOICE_SERVICE_API_UNARY_CALL_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/status_macros.h"
#include "google/protobuf/message.h"
#include "service/api/authenticator.h"
#include "service/api/call_forwarder.h"
#include "service/api/call_recorder.h"
#include "service/api/consistency_token.h"
#include "service/api/grpc_call_cancellation.h"
#include "service/api/grpc_status.h"
#include "service/api/queue_refusal.h"
#include "service/api/request_routing.h"
#include "service/api/service_deps.h"
#include "service/api/wire_messages.h"
#include "service/cluster/call_router.h"
#include "service/cluster/mutation_runner.h"
#include "service/core/errors.h"
#include "service/core/principal.h"
#include "storage/memory_only_reads.h"

namespace guestvoice::service {

// What a unary call does to the store, which decides the executor it runs on.
enum class CallWork {
  // Reads a few keys (a lookup, a get, a short bounded list).
  kRead,
  // Reads what grows with the data it covers (insights over an interval,
  // filtered listings): milliseconds to seconds each, so they queue on
  // workers of their own instead of holding the ones lookups need.
  kScan,
  // Changes the store.
  kWrite,
  // A read of a few keys that takes no lock and little CPU (a lookup by
  // name or identity): first tried on gRPC's callback thread with
  // memory-only reads (storage/memory_only_reads.h), so that it never
  // blocks there; only a call that needs a block from disk moves to the read
  // executor, where it is redone. The hop to the executor (a futex wake, a
  // context switch each way) cost ~10 us of server CPU per call, a fifth of
  // a LookupGuest.
  kQuickRead,
  // A kScan whose answer the read cache usually holds already (a hotel's
  // figures over an interval, storage/read_cache.h): first tried on gRPC's
  // callback thread from cached answers and point reads only
  // (MemoryOnlyReads::Reach::kCachedAnswers), where it costs lookups; a call
  // that would compute, scan or read blocks moves to the scan executor and is
  // redone there. The hop to the executor and back was a quarter of a
  // GetHotelSummary answered from the cache, end to end from the Python
  // client (0.49-0.52 ms before, 0.36 ms after, at 20k items).
  kCachedScan,
};

// What a handler that completes later (RunMutation's) is given: the call,
// to end from whichever thread its work completes on.
class PendingCall {
 public:
  // Ends the call with `status`, the response filled when OK; the first
  // time only. Any thread.
  virtual void Complete(const absl::Status& status) = 0;
  // `hook` runs, on a gRPC thread, when the caller cancels or the call's
  // deadline passes before it completed, with CANCELLED or
  // DEADLINE_EXCEEDED; it must make the call complete promptly. Replaces
  // the hook set before; runs at once when the call is cancelled already.
  virtual void OnCancelled(
      absl::AnyInvocable<void(const absl::Status& reason) &&> hook) = 0;

 protected:
  ~PendingCall() = default;
};

// The bytes of a call of a method registered raw (wire_messages.h): its
// request as it came, and where its response goes.
struct WireCall {
  const grpc::ByteBuffer* request;
  grpc::ByteBuffer* response;
};

namespace unary_call_internal {

// The reactor of one unary call (RunUnary). Its steps run on the executor
// for its work; one that must wait for the cluster (a consistency token
// this node has not applied yet, a mutation through the command log)
// registers a callback and gives its worker back. A call about an
// organization another node answers now (cluster::CallRouter) is forwarded
// to it as it came, before anything else. The call finishes once
// it has a result and no step or registered callback can still touch it
// (`holds_`), and gRPC deletes it after that (OnDone).
template <typename Handler>
class UnaryCall final : public grpc::ServerUnaryReactor, public PendingCall {
 public:
  UnaryCall(grpc::CallbackServerContext* context,
            const google::protobuf::Descriptor& request_type, WireCall wire,
            const ServiceDeps& deps, CallWork work, v1::Scope scope,
            Handler handler)
      : context_(context),
        request_type_(request_type),
        wire_(wire),
        router_(deps.router),
        forwarder_(deps.forwarder),
        authenticator_(deps.authenticator),
        calls_(deps.calls),
        executor_(work == CallWork::kWrite ? deps.writes
                  : work == CallWork::kScan || work == CallWork::kCachedScan
                      ? deps.scans
                      : deps.reads),
        applied_(deps.applied),
        work_(work),
        scope_(scope),
        handler_(std::move(handler)) {}

  void Start() {
    if (std::optional<std::string> address = ForwardAddress()) {
      Forward(*address);
      return;
    }
    // Waiting for a consistency token happens on no thread at all.
    awaits_token_ =
        AwaitsConsistencyToken(*context_, applied_) && !TokenAppliedAlready();
    if (!awaits_token_) {
      if (!AuthenticateFromMemory()) return;
      if ((work_ == CallWork::kQuickRead || work_ == CallWork::kCachedScan) &&
          TryFromMemory()) {
        return;
      }
    }
    SubmitStep();
  }

  void Complete(const absl::Status& status) override {
    CompleteWith(status, std::nullopt);
  }

  // Complete, with the status another node answered the call with
  // (`answered`, sent unchanged) when it was forwarded.
  void CompleteWith(const absl::Status& status,
                    std::optional<grpc::Status> answered) {
    {
      absl::MutexLock lock(&mutex_);
      if (result_.has_value()) return;
      result_ = status;
      answered_ = std::move(answered);
      cancel_hook_ = nullptr;
      if (holds_ > 0) return;
    }
    FinishCall();
  }

  void OnCancelled(
      absl::AnyInvocable<void(const absl::Status& reason) &&> hook) override {
    {
      absl::MutexLock lock(&mutex_);
      if (result_.has_value()) return;
      if (!cancelled_) {
        cancel_hook_ = std::move(hook);
        return;
      }
    }
    std::move(hook)(CancellationReason());
  }

  void OnCancel() override {
    absl::AnyInvocable<void(const absl::Status&) &&> hook;
    {
      absl::MutexLock lock(&mutex_);
      if (result_.has_value()) return;
      cancelled_ = true;
      hook = std::move(cancel_hook_);
      cancel_hook_ = nullptr;
    }
    // Without a hook the call is queued (its step sees the cancellation)
    // or its handler runs, and ends it soon.
    if (hook) std::move(hook)(CancellationReason());
  }

  void OnDone() override { delete this; }

  // Lets gRPC run OnDone and OnCancel on the thread that completes the call
  // instead of handing each to its default executor thread: that hop (a
  // futex wake and a context switch for every call) cost ~4 us of server CPU
  // per call (a LookupGuest at 16 callers: 37.8 us before, 33.9 after;
  // tools/bench_suite's lookup_ab.py). gRPC marks the hook internal and
  // uses it for its own DefaultReactor, under the condition that holds here:
  // both reactions are short and never block (OnDone deletes the call;
  // OnCancel takes `mutex_` and runs the cancel hook, which only completes
  // the call). They run from gRPC's application callback context, outside
  // its locks, so finishing the call from OnCancel is allowed there.
  bool InternalInlineable() override { return true; }

 private:
  // The address of the node that answers this call instead of this one.
  std::optional<std::string> ForwardAddress() const {
    if (forwarder_ == nullptr) return std::nullopt;
    return ForwardAddressOf(router_, *context_, request_type_, *wire_.request);
  }

  // Sends the call to the node at `address` and answers what it answers;
  // the caller's cancellation or deadline cancels the forwarded call.
  void Forward(const std::string& address) {
    std::optional<std::string> method = MethodPathOf(request_type_);
    if (!method.has_value()) {
      Complete(absl::InternalError(absl::StrCat(
          "no method takes a ", request_type_.full_name(), " to forward")));
      return;
    }
    forwarded_to_ = address;
    // This step's (the forwarded call may be answered, and this one
    // finished, before the cancel hook is set), and the forwarded call's,
    // released when it is done.
    Hold();
    Hold();
    std::shared_ptr<CallForwarder::Call> forwarded = forwarder_->Forward(
        *context_, address, *method, *wire_.request, wire_.response,
        [this](absl::StatusOr<grpc::Status> answered) {
          if (!answered.ok()) {
            Complete(answered.status());
          } else {
            const absl::Status status(
                static_cast<absl::StatusCode>(answered->error_code()),
                answered->error_message());
            CompleteWith(status, *std::move(answered));
          }
          Release();
        });
    OnCancelled([this, forwarded](const absl::Status& reason) {
      Complete(reason);
      forwarded->Cancel();
    });
    Release();
  }

  // Authenticates the call on gRPC's callback thread from memory (the
  // verifier remembers the keys it verified), so that it queues in its
  // organization's lane (SubmitStep) and a refused key takes no place in a
  // queue. False when that ended the call (the key is refused). A key whose
  // record needs the disk is authenticated by the step instead.
  bool AuthenticateFromMemory() {
    storage::MemoryOnlyReads memory_only;
    const uint64_t revocations = authenticator_.revocations();
    absl::StatusOr<Principal> caller =
        authenticator_.Authenticate(*context_, scope_);
    if (memory_only.refused()) return true;
    if (!caller.ok()) {
      Complete(caller.status());
      return false;
    }
    caller_ = *std::move(caller);
    revocations_at_authentication_ = revocations;
    return true;
  }

  // Whether the call's consistency token is one this node has applied (a
  // malformed one is not: the step refuses it).
  bool TokenAppliedAlready() const {
    absl::StatusOr<cluster::RecordPosition> token =
        ConsistencyTokenOf(*context_);
    return token.ok() && applied_->HasApplied(token->partition, token->offset);
  }

  // A kQuickRead (or kCachedScan) of an authenticated caller on gRPC's
  // callback thread, from memory only (or cached answers only): true when
  // that answered the call.
  bool TryFromMemory() {
    if constexpr (kCompletesLater) {
      return false;
    } else {
      if (!caller_.has_value()) return false;
      storage::MemoryOnlyReads memory_only(
          work_ == CallWork::kCachedScan
              ? storage::MemoryOnlyReads::Reach::kCachedAnswers
              : storage::MemoryOnlyReads::Reach::kMemory);
      const absl::Status status = handler_(*caller_);
      if (memory_only.refused()) return false;
      Complete(status);
      return true;
    }
  }

  // Runs Step on the executor, in the lane of the caller's organization
  // (when the call is authenticated already; the lane "" otherwise), or
  // refuses the call at once when the queue or the organization's share of
  // it is full.
  void SubmitStep() {
    Hold();
    const BoundedExecutor::Submission submission = executor_.TrySubmit(
        caller_.has_value() ? std::string_view(caller_->organization())
                            : std::string_view(),
        [this] {
          Step();
          Release();
        });
    if (submission != BoundedExecutor::Submission::kQueued) {
      // A caller authenticated on arrival was charged its key's rate limit;
      // the refused call did not run, and its retry is what it pays for.
      if (caller_.has_value()) authenticator_.Refund(*caller_);
      Complete(
          QueueRefusal(submission, executor_,
                       caller_.has_value() ? caller_->organization() : ""));
      Release();
    }
  }

  void Step() {
    {
      absl::MutexLock lock(&mutex_);
      if (result_.has_value()) return;
    }
    if (context_->IsCancelled()) {
      Complete(absl::CancelledError("the call was cancelled"));
      return;
    }
    // The token first: the key itself may be what the caller wrote (a key
    // created, or revoked, through another node), so the call is
    // authenticated against the state its token names.
    if (awaits_token_) {
      absl::StatusOr<cluster::RecordPosition> token =
          ConsistencyTokenOf(*context_);
      if (!token.ok()) {
        Complete(token.status());
        return;
      }
      if (!applied_->HasApplied(token->partition, token->offset)) {
        AwaitToken(*token);
        return;
      }
    }
    // A call authenticated as it arrived is checked again when a key was
    // revoked while it queued: revoking one acts on queued calls too.
    const bool authenticated = caller_.has_value();
    if (!authenticated ||
        authenticator_.revocations() != revocations_at_authentication_) {
      absl::StatusOr<Principal> caller =
          authenticated ? authenticator_.Recheck(*context_, scope_)
                        : authenticator_.Authenticate(*context_, scope_);
      if (!caller.ok()) {
        Complete(caller.status());
        return;
      }
      caller_ = *std::move(caller);
    }
    if constexpr (kCompletesLater) {
      handler_(*caller_, *this);
    } else {
      Complete(handler_(*caller_));
    }
  }

  // Gives the worker back until this node has applied the token's command;
  // then the call queues for a worker again.
  void AwaitToken(const cluster::RecordPosition& token) {
    Hold();  // the callback's, released by whoever takes it
    token_wait_.Start(*applied_, token, [this](absl::Status applied) {
      if (applied.ok()) {
        awaits_token_ = false;
        // Authenticated against the state the token names, so that the call
        // queues in its organization's lane.
        if (AuthenticateFromMemory()) SubmitStep();
      } else {
        Complete(applied);
      }
      Release();
    });
    OnCancelled([this](const absl::Status& reason) {
      const bool took_callback = token_wait_.Cancel();
      Complete(reason);
      if (took_callback) Release();
    });
  }

  void Hold() {
    absl::MutexLock lock(&mutex_);
    ++holds_;
  }

  void Release() {
    {
      absl::MutexLock lock(&mutex_);
      if (--holds_ > 0 || !result_.has_value() || finished_) return;
    }
    FinishCall();
  }

  // Reports the call and finishes it; once.
  void FinishCall() {
    absl::Status status;
    std::optional<grpc::Status> answered;
    {
      absl::MutexLock lock(&mutex_);
      if (finished_) return;
      finished_ = true;
      status = *result_;
      answered = std::move(answered_);
    }
    // Before Finish, after which the context may be gone.
    calls_.Finished({request_type_, *context_,
                     caller_.has_value() ? &*caller_ : nullptr, status.code(),
                     absl::Now() - arrived_, forwarded_to_});
    if (answered.has_value()) {
      // Its trailers came with it (CallForwarder).
      Finish(*answered);
      return;
    }
    if (std::optional<std::string> pushback = RetryPushbackOf(status)) {
      context_->AddTrailingMetadata(kRetryPushbackTrailer, *pushback);
    }
    Finish(ToGrpcStatus(status));
  }

  absl::Status CancellationReason() const {
    absl::Status reason = GrpcCallCancellation(*context_).Check();
    return reason.ok() ? absl::CancelledError("the call was cancelled")
                       : reason;
  }

  // Whether the handler completes the call itself (PendingCall).
  static constexpr bool kCompletesLater =
      std::is_invocable_v<Handler&, const Principal&, PendingCall&>;

  grpc::CallbackServerContext* const context_;
  const google::protobuf::Descriptor& request_type_;
  const WireCall wire_;
  const cluster::CallRouter* const router_;
  CallForwarder* const forwarder_;
  const Authenticator& authenticator_;
  const CallRecorder& calls_;
  BoundedExecutor& executor_;
  cluster::AppliedProgress* const applied_;
  const CallWork work_;
  const v1::Scope scope_;
  Handler handler_;
  const absl::Time arrived_ = absl::Now();
  // Set by Start or the token's callback (on gRPC's or the apply loop's
  // thread, from memory) or by a step, one at a time; read when the call
  // finishes.
  std::optional<Principal> caller_;
  // authenticator_.revocations() before caller_ was authenticated from
  // memory.
  uint64_t revocations_at_authentication_ = 0;
  std::atomic<bool> awaits_token_{false};
  // Where the call was forwarded (Start, before anything else), or "".
  std::string forwarded_to_;
  TokenWait token_wait_;

  absl::Mutex mutex_;
  // Steps running or queued, and callbacks registered, that may still
  // touch the call: it finishes only when none is left.
  int holds_ ABSL_GUARDED_BY(mutex_) = 0;
  std::optional<absl::Status> result_ ABSL_GUARDED_BY(mutex_);
  // The answer of the node the call was forwarded to, sent as it is.
  std::optional<grpc::Status> answered_ ABSL_GUARDED_BY(mutex_);
  bool finished_ ABSL_GUARDED_BY(mutex_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mutex_) = false;
  absl::AnyInvocable<void(const absl::Status&) &&> cancel_hook_
      ABSL_GUARDED_BY(mutex_);
};

}  // namespace unary_call_internal

// Runs a unary call of the method whose request is `request_type` on the
// executor for `work` (a kQuickRead or kCachedScan is first tried on gRPC's
// callback thread, from memory only): authenticates the call and requires
// `scope` (kAnyScope: any valid key), runs the handler and finishes the call
// with its status. `handler(const Principal& caller)` fills the response and
// returns the call's status; or `handler(const Principal& caller, PendingCall&
// call)` starts work that completes the call later, from any thread, and holds
// no worker meanwhile. `handler` may run after this returns, so it must own or
// point to what it uses (capture the request and response pointers by
// value). The call is authenticated on arrival when the key's record is in
// memory (else on its worker), and queues in its organization's lane of the
// executor (common/bounded_executor.h); a key revoked while it queued is
// refused before it runs. A full executor queue, or an organization holding
// its share of it, answers at once with RESOURCE_EXHAUSTED and a RetryInfo;
// a call cancelled (or past its deadline) while queued ends without
// running. A call carrying a consistency token this node has not
// applied yet waits for it registered (AppliedProgress::WhenApplied), on no
// thread, then queues for a worker; its deadline or cancellation ends the
// wait at once. Such a call is authenticated after the wait, against the
// state its token names (a key created or revoked through another node). A
// kQuickRead or kCachedScan call may run `handler` twice (the first try's
// reads were refused), so it must not change anything but the response. Every
// call reports to deps.calls as it finishes (metrics, log). On a cluster node,
// a call about an organization another node answers now (deps.router) is
// forwarded to that node first, and answered with what it answers.
template <typename Handler>
grpc::ServerUnaryReactor* RunUnary(
    grpc::CallbackServerContext* context,
    const google::protobuf::Descriptor& request_type, WireCall wire,
    const ServiceDeps& deps, CallWork work, v1::Scope scope, Handler handler) {
  auto* call = new unary_call_internal::UnaryCall<Handler>(
      context, request_type, wire, deps, work, scope, std::move(handler));
  call->Start();
  return call;
}

// RunUnary for a method registered raw (wire_messages.h), which is how the
// services register every unary method: once the caller is authenticated,
// decodes the request bytes into a `Request`, runs `handler(const Principal&
// caller, const Request& request, Response& response)` and sends the response
// it filled. A request that does not decode (a string that is not UTF-8, bytes
// that are not a `Request`) fails with DecodeRequest's INVALID_ARGUMENT and
// the handler never runs, so nothing changes.
template <typename Request, typename Response, typename Handler>
grpc::ServerUnaryReactor* RunUnary(grpc::CallbackServerContext* context,
                                   const grpc::ByteBuffer* wire_request,
                                   grpc::ByteBuffer* wire_response,
                                   const ServiceDeps& deps, CallWork work,
                                   v1::Scope scope, Handler handler) {
  return RunUnary(context, *Request::descriptor(),
                  WireCall{wire_request, wire_response}, deps, work, scope,
                  [wire_request, wire_response, handler = std::move(handler)](
                      const Principal& caller) -> absl::Status {
                    Request request;
                    RETURN_IF_ERROR(DecodeBuffer(*wire_request, request));
                    Response response;
                    RETURN_IF_ERROR(handler(caller, request, response));
                    *wire_response = EncodeBuffer(response);
                    return absl::OkStatus();
                  });
}

// RunUnary for a mutation (CallWork::kWrite): its domain call is the
// MutationTable's for `Request`, started by deps.mutations on a write worker
// (at once, or through the command log in the cluster mode, where the call
// completes when this node has applied the command, holding no worker
// meanwhile; the caller's cancellation or deadline abandons the wait). A
// consistency token it returns goes back in kConsistencyTokenHeader.
template <typename Request, typename Response>
grpc::ServerUnaryReactor* RunMutation(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* wire_request,
                                      grpc::ByteBuffer* wire_response,
                                      const ServiceDeps& deps,
                                      v1::Scope scope) {
  return RunUnary(
      context, *Request::descriptor(), WireCall{wire_request, wire_response},
      deps, CallWork::kWrite, scope,
      [context, wire_request, wire_response, mutations = &deps.mutations,
       request = Request(), response = Response()](const Principal& caller,
                                                   PendingCall& call) mutable {
        if (absl::Status decoded = DecodeBuffer(*wire_request, request);
            !decoded.ok()) {
          call.Complete(decoded);
          return;
        }
        std::shared_ptr<cluster::MutationRun> run = mutations->Start(
            caller, request, response,
            [&call, context, wire_response,
             &response](absl::StatusOr<std::string> token) {
              if (!token.ok()) {
                call.Complete(token.status());
                return;
              }
              if (!token->empty()) {
                context->AddInitialMetadata(kConsistencyTokenHeader, *token);
              }
              *wire_response = EncodeBuffer(response);
              call.Complete(absl::OkStatus());
            });
        if (run != nullptr) {
          call.OnCancelled(
              [run](const absl::Status& reason) { run->Abandon(reason); });
        }
      });
}

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_UNARY_CALL_H_
