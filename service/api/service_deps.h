#ifndef GUESTVOICE_SERVICE_API_SERVICE_DEPS_H_
#define GUESTVOICE_SERVICE_API_SERVICE_DEPS_H_

#include "common/bounded_executor.h"
#include "service/api/authenticator.h"
#include "service/api/call_recorder.h"
#include "service/cluster/applied_progress.h"
#include "service/cluster/call_router.h"
#include "service/cluster/mutation_runner.h"
#include "service/core/domain_context.h"
#include "service/tenancy/api_key_verifier.h"

namespace guestvoice::service {

class CallForwarder;
class ClusterNode;

// What every gRPC service implementation works with: the domain's context,
// the authenticator of calls and the executors their work runs on. Owned by
// the Server, which outlives the services.
struct ServiceDeps {
  DomainContext domain;
  const Authenticator& authenticator;
  // The authenticator's memory of verified keys, which revocation clears.
  ApiKeyVerifier& api_key_verifier;
  // Never gRPC's callback threads (two on a 2-core machine): point reads,
  // scans and writes each get workers of their own, so a WAL fsync never
  // stalls other calls, concurrent writes share fsyncs (RocksDB write
  // groups), and neither ingest nor a burst of long insight queries can
  // starve lookups.
  BoundedExecutor& reads;
  BoundedExecutor& scans;
  BoundedExecutor& writes;
  // Where every finished call is counted and logged.
  const CallRecorder& calls;
  // Runs every mutation (RunMutation, unary_call.h): at once, or through
  // the command log in the cluster mode.
  cluster::MutationRunner& mutations;
  // The cluster mode's record of what this node applied, which calls that
  // carry a consistency token wait on; null in the embedded mode.
  cluster::AppliedProgress* applied = nullptr;
  // The cluster node, which describes its cluster to GetServerInfo; null in
  // the embedded mode.
  const ClusterNode* cluster_node = nullptr;
  // Where a unary call about an organization is answered (this node, or
  // another it forwards the call to), and what forwards it; null where every
  // call is answered here (the embedded mode).
  const cluster::CallRouter* router = nullptr;
  CallForwarder* forwarder = nullptr;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_SERVICE_DEPS_H_
