#ifndef GUESTVOICE_SERVICE_API_UNARY_CALL_H_
#define GUESTVOICE_SERVICE_API_UNARY_CALL_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <utility>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/status_macros.h"
#include "service/api/authenticator.h"
#include "service/api/call_recorder.h"
#include "service/api/grpc_status.h"
#include "service/api/service_deps.h"
#include "service/api/wire_messages.h"
#include "service/core/errors.h"
#include "service/core/principal.h"

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
};

// How long a caller refused for a full queue is asked to wait (RetryInfo).
inline constexpr absl::Duration kBusyRetryDelay = absl::Milliseconds(50);

// Runs a unary call of the method whose request is `request_type` on the
// executor for `work`, never on gRPC's callback thread: authenticates the call
// and requires `scope` (kAnyScope: any valid key), runs `handler(const
// Principal& caller)`, which fills the response and returns the call's status,
// and finishes the call with it. `handler` runs after this returns, so it must
// own or point to what it uses (capture the request and response pointers by
// value). A full executor queue answers at once with RESOURCE_EXHAUSTED and a
// RetryInfo; a call cancelled (or past its deadline) while queued ends without
// running. Every call reports to deps.calls as it finishes (metrics, log).
template <typename Handler>
grpc::ServerUnaryReactor* RunUnary(
    grpc::CallbackServerContext* context,
    const google::protobuf::Descriptor& request_type, const ServiceDeps& deps,
    CallWork work, v1::Scope scope, Handler handler) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const absl::Time arrived = absl::Now();
  BoundedExecutor& executor = work == CallWork::kWrite  ? deps.writes
                              : work == CallWork::kScan ? deps.scans
                                                        : deps.reads;
  const Authenticator& authenticator = deps.authenticator;
  const CallRecorder& calls = deps.calls;
  const bool accepted = executor.TrySubmit(
      [reactor, context, &request_type, &authenticator, &calls, arrived, scope,
       handler = std::move(handler)]() mutable {
        if (context->IsCancelled()) {
          calls.Finished({request_type, *context, nullptr,
                          absl::StatusCode::kCancelled, absl::Now() - arrived});
          reactor->Finish(grpc::Status::CANCELLED);
          return;
        }
        const absl::StatusOr<Principal> caller =
            authenticator.Authenticate(*context, scope);
        const absl::Status status =
            caller.ok() ? handler(*caller) : caller.status();
        // Before Finish, after which the context may be gone.
        calls.Finished({request_type, *context,
                        caller.ok() ? &*caller : nullptr, status.code(),
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

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_UNARY_CALL_H_
