#ifndef GUESTVOICE_SERVICE_CLUSTER_CLUSTER_MUTATIONS_H_
#define GUESTVOICE_SERVICE_CLUSTER_CLUSTER_MUTATIONS_H_

// The cluster mode's MutationRunner: the receiving node checks and prepares
// the mutation (BuildCommand), produces its command, waits for the cluster's
// acknowledgement and then for its own node to apply the command, and
// answers from what applying it came to: exactly the embedded mode's answer,
// plus the command's position as a consistency token.

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

  // A replicated mutation: its prepare step's error (bad input) with nothing
  // produced; the producer's RESOURCE_EXHAUSTED or UNAVAILABLE with a
  // RetryInfo; DEADLINE_EXCEEDED when the call's deadline passed before
  // this node applied the command (which may still be applied: a retry
  // with the same request_id gets its answer); otherwise the mutation's
  // own outcome. A node-local one (backups) runs here at once.
  absl::StatusOr<std::string> Run(const Principal& caller,
                                  const google::protobuf::Message& request,
                                  google::protobuf::Message& response,
                                  absl::Time deadline) override;

 private:
  const MutationTable& table_;
  DomainContext node_;
  CommandProducer& producer_;
  AppliedProgress& progress_;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_CLUSTER_MUTATIONS_H_
