#ifndef GUESTVOICE_SERVICE_CLUSTER_MUTATION_RUNNER_H_
#define GUESTVOICE_SERVICE_CLUSTER_MUTATION_RUNNER_H_

// How the gRPC layer runs a mutation: at once on the local store (the
// embedded mode), or as a command through the log, answered once this node
// applied it (the cluster mode, cluster_mutations.h). Both take the mutation
// from one MutationTable, and both complete through a callback, so a caller
// whose mutation waits for the cluster holds no thread meanwhile.

#include <memory>
#include <string>

#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "service/cluster/mutation_table.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"

namespace guestvoice::service::cluster {

// A mutation that Start left waiting for the cluster.
class MutationRun {
 public:
  virtual ~MutationRun() = default;

  // The caller went away (`reason`: CANCELLED or DEADLINE_EXCEEDED): unless
  // the mutation completed already, its completion runs now with `reason`
  // (saying the write may still land) and nothing of the run stays
  // registered. Any thread; cheap.
  virtual void Abandon(const absl::Status& reason) = 0;
};

class MutationRunner {
 public:
  // A mutation's completion: the consistency token of a mutation that went
  // through the command log ("partition:offset", what a read may carry to
  // see it), "" for one that did not; or the error.
  using Done = absl::AnyInvocable<void(absl::StatusOr<std::string>) &&>;

  virtual ~MutationRunner() = default;

  // Starts the mutation whose request `request` is (MutationTable::
  // FindByRequest) for `caller`. `done` runs exactly once, after `response`
  // (of the mutation's response type) is filled when the mutation succeeded:
  // before Start returns when the mutation needs no cluster (the embedded
  // mode, a bad request, a refusal), and then Start returns null; otherwise
  // later, on the producer's or the apply loop's thread, so `done` must be
  // cheap, and Start returns the run, which the caller may abandon.
  // `request` and `response` must live until `done` ran. Runs on a worker
  // of the server's (it prepares the mutation: analysis), never a gRPC
  // callback thread.
  virtual std::shared_ptr<MutationRun> Start(
      const Principal& caller, const google::protobuf::Message& request,
      google::protobuf::Message& response, Done done) = 0;
};

// Start, then blocks until the mutation completed or `deadline` passed
// (abandoning it with DEADLINE_EXCEEDED). For threads of the node's own
// (the cluster's first-start bootstrap), never a server's worker.
absl::StatusOr<std::string> RunAndWait(MutationRunner& runner,
                                       const Principal& caller,
                                       const google::protobuf::Message& request,
                                       google::protobuf::Message& response,
                                       absl::Time deadline);

// The embedded mode: every mutation runs at once in the server's context.
class EmbeddedMutations final : public MutationRunner {
 public:
  // `table` must outlive this.
  EmbeddedMutations(const MutationTable& table, DomainContext domain)
      : table_(table), domain_(domain) {}

  std::shared_ptr<MutationRun> Start(const Principal& caller,
                                     const google::protobuf::Message& request,
                                     google::protobuf::Message& response,
                                     Done done) override;

 private:
  const MutationTable& table_;
  DomainContext domain_;
};

// INTERNAL naming the request type: a method the table does not hold.
absl::Status NoMutationFor(const google::protobuf::Message& request);

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_MUTATION_RUNNER_H_
