#ifndef GUESTVOICE_SERVICE_API_UNARY_CALL_H_
#define GUESTVOICE_SERVICE_API_UNARY_CALL_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/status_macros.h"
#include "service/api/authenticator.h"
#include "service/api/call_recorder.h"
#include "service/api/consistency_token.h"
#include "service/api/grpc_status.h"
#include "service/api/service_deps.h"
#include "service/api/wire_messages.h"
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
};

// How long a caller refused for a full queue is asked to wait (RetryInfo).
inline constexpr absl::Duration kBusyRetryDelay = absl::Milliseconds(50);

// Runs a unary call of the method whose request is `request_type` on the
// executor for `work` (a kQuickRead is first tried on gRPC's callback thread,
// from memory only): authenticates the call and requires `scope` (kAnyScope:
// any valid key), runs `handler(const Principal& caller)`, which fills the
// response and returns the call's status, and finishes the call with it.
// `handler` may run after this returns, so it must own or point to what it
// uses (capture the request and response pointers by value). A full executor
// queue answers at once with RESOURCE_EXHAUSTED and a RetryInfo; a call
// cancelled (or past its deadline) while queued ends without running. A
// kQuickRead call may run `handler` twice (the first try's reads needed the
// disk), so it must not change anything but the response. Every call reports
// to deps.calls as it finishes (metrics, log).
template <typename Handler>
grpc::ServerUnaryReactor* RunUnary(
    grpc::CallbackServerContext* context,
    const google::protobuf::Descriptor& request_type, const ServiceDeps& deps,
    CallWork work, v1::Scope scope, Handler handler) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const absl::Time arrived = absl::Now();
  const Authenticator& authenticator = deps.authenticator;
  const CallRecorder& calls = deps.calls;
  // Set when the first try authenticated the caller: the retry must not
  // count the call against the key's rate limit again.
  std::optional<Principal> authenticated;
  // Waiting for a consistency token must not happen on a callback thread.
  const bool awaits_token = AwaitsConsistencyToken(*context, deps);
  cluster::AppliedProgress* const applied = deps.applied;
  if (work == CallWork::kQuickRead && !awaits_token) {
    storage::MemoryOnlyReads memory_only;
    absl::StatusOr<Principal> caller =
        authenticator.Authenticate(*context, scope);
    if (!memory_only.needed_disk()) {
      const absl::Status status =
          caller.ok() ? handler(*caller) : caller.status();
      if (!memory_only.needed_disk()) {
        calls.Finished({request_type, *context,
                        caller.ok() ? &*caller : nullptr, status.code(),
                        absl::Now() - arrived});
        reactor->Finish(ToGrpcStatus(status));
        return reactor;
      }
      authenticated = *std::move(caller);
    }
  }
  BoundedExecutor& executor = work == CallWork::kWrite  ? deps.writes
                              : work == CallWork::kScan ? deps.scans
                                                        : deps.reads;
  const bool accepted = executor.TrySubmit(
      [reactor, context, &request_type, &authenticator, &calls, arrived, scope,
       awaits_token, applied, handler = std::move(handler),
       caller = std::move(authenticated)]() mutable {
        if (context->IsCancelled()) {
          calls.Finished({request_type, *context, nullptr,
                          absl::StatusCode::kCancelled, absl::Now() - arrived});
          reactor->Finish(grpc::Status::CANCELLED);
          return;
        }
        absl::Status status;
        if (!caller.has_value()) {
          absl::StatusOr<Principal> authenticated_now =
              authenticator.Authenticate(*context, scope);
          if (authenticated_now.ok()) {
            caller = *std::move(authenticated_now);
          } else {
            status = authenticated_now.status();
          }
        }
        if (caller.has_value() && awaits_token) {
          status = AwaitConsistencyToken(*context, *applied);
        }
        if (caller.has_value() && status.ok()) status = handler(*caller);
        // Before Finish, after which the context may be gone.
        calls.Finished({request_type, *context,
                        caller.has_value() ? &*caller : nullptr, status.code(),
                        absl::Now() - arrived});
        reactor->Finish(ToGrpcStatus(status));
      });
  if (!accepted) {
    calls.Finished({request_type, *context, nullptr,
                    absl::StatusCode::kResourceExhausted,
                    absl::Now() - arrived});
    reactor->Finish(ToGrpcStatus(LimitExceeded(
        "the server is busy: too many calls are queued; retry shortly",
        kBusyRetryDelay)));
  }
  return reactor;
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
  return RunUnary(context, *Request::descriptor(), deps, work, scope,
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
// MutationTable's for `Request`, run by deps.mutations (at once, or through
// the command log in the cluster mode, bounded by the call's deadline). A
// consistency token it returns goes back in kConsistencyTokenHeader.
template <typename Request, typename Response>
grpc::ServerUnaryReactor* RunMutation(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* wire_request,
                                      grpc::ByteBuffer* wire_response,
                                      const ServiceDeps& deps,
                                      v1::Scope scope) {
  return RunUnary<Request, Response>(
      context, wire_request, wire_response, deps, CallWork::kWrite, scope,
      [context, mutations = &deps.mutations](
          const Principal& caller, const Request& request, Response& response) {
        absl::StatusOr<std::string> token = mutations->Run(
            caller, request, response, absl::FromChrono(context->deadline()));
        if (!token.ok()) return token.status();
        if (!token->empty()) {
          context->AddInitialMetadata(kConsistencyTokenHeader, *token);
        }
        return absl::OkStatus();
      });
}

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_UNARY_CALL_H_
