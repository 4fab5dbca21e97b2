#ifndef GUESTVOICE_SERVICE_CLUSTER_MUTATION_RUNNER_H_
#define GUESTVOICE_SERVICE_CLUSTER_MUTATION_RUNNER_H_

// How the gRPC layer runs a mutation: at once on the local store (the
// embedded mode), or as a command through the log, answered once this node
// applied it (the cluster mode, cluster_mutations.h). Both take the mutation
// from one MutationTable.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "service/cluster/mutation_table.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"

namespace guestvoice::service::cluster {

class MutationRunner {
 public:
  virtual ~MutationRunner() = default;

  // Runs the mutation whose request `request` is (MutationTable::
  // FindByRequest) for `caller`, filling `response` (of the mutation's
  // response type), on the calling thread, which it may block until the
  // mutation is done or `deadline` passes: never a gRPC callback thread.
  // Returns the consistency token of a mutation that went through the
  // command log ("partition:offset", what a read may carry to see it), or
  // "" for one that did not.
  virtual absl::StatusOr<std::string> Run(
      const Principal& caller, const google::protobuf::Message& request,
      google::protobuf::Message& response, absl::Time deadline) = 0;
};

// The embedded mode: every mutation runs at once in the server's context.
class EmbeddedMutations final : public MutationRunner {
 public:
  // `table` must outlive this.
  EmbeddedMutations(const MutationTable& table, DomainContext domain)
      : table_(table), domain_(domain) {}

  absl::StatusOr<std::string> Run(const Principal& caller,
                                  const google::protobuf::Message& request,
                                  google::protobuf::Message& response,
                                  absl::Time deadline) override;

 private:
  const MutationTable& table_;
  DomainContext domain_;
};

// INTERNAL naming the request type: a method the table does not hold.
absl::Status NoMutationFor(const google::protobuf::Message& request);

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_MUTATION_RUNNER_H_
