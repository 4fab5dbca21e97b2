#ifndef GUESTVOICE_SERVICE_API_FINISHED_CALL_H_
#define GUESTVOICE_SERVICE_API_FINISHED_CALL_H_

#include <grpcpp/server_context.h>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "service/core/principal.h"

namespace guestvoice::service {

// A unary call as it finishes, for its metrics and its log line. Valid only
// during the report: it points into the call.
struct FinishedCall {
  // The method's request type, which names the method (CallMetrics).
  const google::protobuf::Descriptor& request_type;
  const grpc::ServerContextBase& context;
  // Null when the call was not authenticated.
  const Principal* caller;
  absl::StatusCode code;
  // From the call's arrival to its status.
  absl::Duration latency;
  // The address of the node that answered the call, when this node
  // forwarded it there (CallForwarder); "" when it answered itself.
  std::string_view forwarded_to;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_FINISHED_CALL_H_
