#ifndef GUESTVOICE_SERVICE_API_CONSISTENCY_TOKEN_H_
#define GUESTVOICE_SERVICE_API_CONSISTENCY_TOKEN_H_

#include <grpcpp/server_context.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
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

// A call's wait for its consistency token, which the call's end (cancelled,
// past its deadline) can take back: the one registration of
// AppliedProgress::WhenApplied that a reactor keeps (RunUnary's,
// ImportFeedback's, WatchFeedback's). AppliedProgress never reuses an id, so
// the id kept may be that of a callback that has already run; Forget no
// longer knows it then, and Cancel rightly says the callback ran.
class TokenWait {
 public:
  // Registers `done` to run once `applied` has applied `token`: at once, on
  // this thread, when it has already (or the partition stopped). Once.
  void Start(cluster::AppliedProgress& applied,
             const cluster::RecordPosition& token,
             cluster::AppliedProgress::OffsetCallback done);
  // True when `done` will never run; false when it ran, is running, or no
  // wait was started.
  bool Cancel();

 private:
  absl::Mutex mutex_;
  cluster::AppliedProgress* applied_ ABSL_GUARDED_BY(mutex_) = nullptr;
  cluster::AppliedProgress::WaitId wait_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_CONSISTENCY_TOKEN_H_
