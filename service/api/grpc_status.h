#ifndef GUESTVOICE_SERVICE_API_GRPC_STATUS_H_
#define GUESTVOICE_SERVICE_API_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"

namespace guestvoice::service {

// THE absl -> gRPC status mapping; nothing else converts statuses. The code
// and message carry over; the details (errors.h payloads) become a
// google.rpc.Status in grpc-status-details-bin. An error without an ErrorInfo
// (a storage fault, say) gets one whose reason follows from its code, so every
// error a client sees is machine-readable.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The same mapping as a google.rpc.Status message, for errors reported inside
// a response (ImportFeedback's per-item results) rather than as the call's
// status. OK maps to code 0 with no details.
google::rpc::Status ToRpcStatus(const absl::Status& status);

// gRPC's retry pushback (gRFC A6), a trailer that gRPC clients with a retry
// policy obey. A unary call's end carries it when its status says when to
// retry: the RetryInfo delay in whole milliseconds (rounded up) for an error
// with a RetryInfo, and "-1" (do not retry) for a RESOURCE_EXHAUSTED without
// one, which waiting would not cure; nullopt otherwise.
inline constexpr char kRetryPushbackTrailer[] = "grpc-retry-pushback-ms";
std::optional<std::string> RetryPushbackOf(const absl::Status& status);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_GRPC_STATUS_H_
