#include "service/api/grpc_call_cancellation.h"

#include <chrono>

namespace guestvoice::service {

absl::Status GrpcCallCancellation::Check() const {
  if (std::chrono::system_clock::now() >= context_.deadline()) {
    return absl::DeadlineExceededError(
        "the call's deadline passed, so the server stopped working on it");
  }
  if (context_.IsCancelled()) {
    return absl::CancelledError(
        "the caller cancelled the call, so the server stopped working on it");
  }
  return absl::OkStatus();
}

}  // namespace guestvoice::service
