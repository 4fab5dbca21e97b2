#ifndef GUESTVOICE_SERVICE_API_GRPC_CALL_CANCELLATION_H_
#define GUESTVOICE_SERVICE_API_GRPC_CALL_CANCELLATION_H_

#include <grpcpp/server_context.h>

#include "absl/status/status.h"
#include "service/core/call_cancellation.h"

namespace guestvoice::service {

// A gRPC call's cancellation: over once the client cancels or the call's
// deadline passes. The deadline is compared with the clock on every check as
// well, because gRPC marks a call cancelled only when its deadline timer has
// run, which may lag behind on a busy server.
class GrpcCallCancellation final : public CallCancellation {
 public:
  // `context` must outlive this.
  explicit GrpcCallCancellation(const grpc::CallbackServerContext& context)
      : context_(context) {}

  absl::Status Check() const override;

 private:
  const grpc::CallbackServerContext& context_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_GRPC_CALL_CANCELLATION_H_
