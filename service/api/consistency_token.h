#ifndef GUESTVOICE_SERVICE_API_CONSISTENCY_TOKEN_H_
#define GUESTVOICE_SERVICE_API_CONSISTENCY_TOKEN_H_

#include <grpcpp/server_context.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "service/cluster/applied_progress.h"
#include "service/cluster/command_producer.h"

namespace guestvoice::service {

// The header that carries a mutation's consistency token ("partition:
// offset") in the cluster mode: a write's response has it, and a call that
// sends it back in the same header waits, up to its deadline, until its node
// has applied that far (read-your-writes).
inline constexpr char kConsistencyTokenHeader[] = "x-guestvoice-consistency";

// Whether `context` carries a consistency token this server must wait for
// (`applied`: ServiceDeps::applied, null in the embedded mode).
inline bool AwaitsConsistencyToken(const grpc::CallbackServerContext& context,
                                   const cluster::AppliedProgress* applied) {
  return applied != nullptr &&
         context.client_metadata().count(kConsistencyTokenHeader) > 0;
}

// The position the call's consistency token names (AwaitsConsistencyToken
// said it carries one): INVALID_ARGUMENT naming the header when malformed.
// The call then waits, registered with AppliedProgress::WhenApplied, until
// this node has applied that far (RunUnary, unary_call.h).
absl::StatusOr<cluster::RecordPosition> ConsistencyTokenOf(
    const grpc::CallbackServerContext& context);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_CONSISTENCY_TOKEN_H_
