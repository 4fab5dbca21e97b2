#ifndef GUESTVOICE_SERVICE_API_CONSISTENCY_TOKEN_H_
#define GUESTVOICE_SERVICE_API_CONSISTENCY_TOKEN_H_

#include <grpcpp/server_context.h>

#include "absl/status/status.h"
#include "service/api/service_deps.h"
#include "service/cluster/applied_progress.h"

namespace guestvoice::service {

// The header that carries a mutation's consistency token ("partition:
// offset") in the cluster mode: a write's response has it, and a call that
// sends it back in the same header waits, up to its deadline, until its node
// has applied that far (read-your-writes).
inline constexpr char kConsistencyTokenHeader[] = "x-guestvoice-consistency";

// Whether `context` carries a consistency token this server must wait for.
inline bool AwaitsConsistencyToken(const grpc::CallbackServerContext& context,
                                   const ServiceDeps& deps) {
  return deps.applied != nullptr &&
         context.client_metadata().count(kConsistencyTokenHeader) > 0;
}

// Waits until this node has applied as far as the call's consistency token
// says: INVALID_ARGUMENT for a malformed token, DEADLINE_EXCEEDED when the
// call's deadline passes first, UNAVAILABLE when the partition stopped.
absl::Status AwaitConsistencyToken(const grpc::CallbackServerContext& context,
                                   cluster::AppliedProgress& applied);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_CONSISTENCY_TOKEN_H_
