#ifndef GUESTVOICE_SERVICE_CLUSTER_CLUSTER_MUTATIONS_H_
#define GUESTVOICE_SERVICE_CLUSTER_CLUSTER_MUTATIONS_H_

// The cluster mode's MutationRunner: the receiving node checks and prepares
// the mutation (BuildCommand) on the worker that starts it, produces its
// command and returns the worker; the mutation completes when this node has
// applied the command (AppliedProgress calls back), from what applying it
// came to: exactly the embedded mode's answer, plus the command's position as
// a consistency token. Or earlier, with the producer's error, the stopped
// partition's, or the caller's when it abandons the run.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/cluster/applied_progress.h"
#include "service/cluster/command_producer.h"
#include "service/cluster/mutation_runner.h"
#include "service/cluster/mutation_table.h"
#include "service/core/domain_context.h"

namespace guestvoice::service::cluster {

// "partition:offset", and back (INVALID_ARGUMENT naming `header` when
// malformed).
std::string ConsistencyToken(const RecordPosition& position);
absl::StatusOr<RecordPosition> ParseConsistencyToken(std::string_view header,
                                                     std::string_view token);

class ClusterMutations final : public MutationRunner {
 public:
  // `node`: this node's store, locks, clock (the receive time) and ids (the
  // command seeds). Everything must outlive this.
  ClusterMutations(const MutationTable& table, DomainContext node,
                   CommandProducer& producer, AppliedProgress& progress)
      : table_(table), node_(node), producer_(producer), progress_(progress) {}

  // A replicated mutation completes with its prepare step's error (bad
  // input) with nothing produced; the producer's RESOURCE_EXHAUSTED or
  // UNAVAILABLE with a RetryInfo; UNAVAILABLE when this node stopped
  // applying the partition; the abandoning caller's DEADLINE_EXCEEDED or
  // CANCELLED (the command may still be applied: a retry with the same
  // request_id gets its answer); otherwise the mutation's own outcome. A
  // node-local one (backups) runs here at once.
  std::shared_ptr<MutationRun> Start(const Principal& caller,
                                     const google::protobuf::Message& request,
                                     google::protobuf::Message& response,
                                     Done done) override;

 private:
  const MutationTable& table_;
  DomainContext node_;
  CommandProducer& producer_;
  AppliedProgress& progress_;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_CLUSTER_MUTATIONS_H_
