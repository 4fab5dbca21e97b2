#ifndef GUESTVOICE_SERVICE_API_UNARY_CALL_H_
#define GUESTVOICE_SERVICE_API_UNARY_CALL_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include "absl/status/status.h"
#include "service/api/grpc_status.h"

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

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_UNARY_CALL_H_
