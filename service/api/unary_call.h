#ifndef GUESTVOICE_SERVICE_API_UNARY_CALL_H_
#define GUESTVOICE_SERVICE_API_UNARY_CALL_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include "absl/status/status.h"
#include "common/status_macros.h"
#include "service/api/authenticator.h"
#include "service/api/grpc_status.h"
#include "service/core/principal.h"

namespace guestvoice::service {

// Runs a unary handler, which fills the response and returns a status, and
// finishes the call with that status (mapped by ToGrpcStatus). Handlers run
// on the callback thread: storage calls are short and bounded.
template <typename Handler>
grpc::ServerUnaryReactor* RunUnary(grpc::CallbackServerContext* context,
                                   Handler&& handler) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(handler()));
  return reactor;
}

// Runs a unary handler for an authenticated caller: authenticates the call
// and requires `scope` (kAnyScope: any valid key) once for every method, then
// runs `handler(const Principal& caller)`, which returns the call's status.
template <typename Handler>
grpc::ServerUnaryReactor* RunUnary(grpc::CallbackServerContext* context,
                                   const Authenticator& authenticator,
                                   v1::Scope scope, Handler&& handler) {
  return RunUnary(context, [&]() -> absl::Status {
    ASSIGN_OR_RETURN(Principal caller,
                     authenticator.Authenticate(*context, scope));
    return handler(caller);
  });
}

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_UNARY_CALL_H_
