#ifndef GUESTVOICE_SERVICE_API_CLUSTER_NODE_H_
#define GUESTVOICE_SERVICE_API_CLUSTER_NODE_H_

// What makes a guestvoiced a node of a cluster (docs/cluster.md): the
// command producer, the apply loop over every partition, the record of what
// this node applied, and the MutationRunner that sends every write through
// the log. Owned by the Server in the cluster mode.

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/cluster/applied_progress.h"
#include "service/cluster/apply_loop.h"
#include "service/cluster/cluster_mutations.h"
#include "service/cluster/command_applier.h"
#include "service/cluster/command_producer.h"
#include "service/cluster/kafka_config.h"
#include "service/cluster/mutation_table.h"
#include "service/core/domain_context.h"

namespace guestvoice::service {

class ClusterNode {
 public:
  // Connects to the cluster: verifies the command topic and starts applying
  // every partition, retrying with backoff while the cluster does not answer
  // or the topic is not (yet) right, for up to `start_timeout`; then fails
  // with the last reason (UNAVAILABLE: unreachable; FAILED_PRECONDITION: the
  // topic, with what to fix). `domain` is the server's (its store, locks,
  // clock and ids); `table` and it must outlive the node.
  static absl::StatusOr<std::unique_ptr<ClusterNode>> Start(
      const cluster::ClusterOptions& options, absl::Duration start_timeout,
      const cluster::MutationTable& table, DomainContext domain);

  ClusterNode(const ClusterNode&) = delete;
  ClusterNode& operator=(const ClusterNode&) = delete;
  // Stop().
  ~ClusterNode();

  cluster::MutationRunner& mutations() { return *mutations_; }
  cluster::AppliedProgress& progress() { return progress_; }

  // On a thread of its own: waits until this node has applied every
  // partition as far as the log reached when it started, then bootstraps a
  // cluster that has no organization (one command, its key written to
  // <data_dir>/admin-api-key by the node whose command made it), then calls
  // `ready(status)`: OK, or why it could not (the node stays not ready).
  void WhenCaughtUp(std::function<void(const absl::Status&)> ready);

  // Stops the catch-up thread, the apply loop and the producer (waiting for
  // what is in flight). Idempotent.
  void Stop();

 private:
  ClusterNode(const cluster::MutationTable& table, DomainContext domain)
      : table_(table), domain_(domain) {}
  absl::Status CatchUp();
  absl::Status BootstrapIfEmpty();

  const cluster::MutationTable& table_;
  DomainContext domain_;
  cluster::AppliedProgress progress_;
  std::unique_ptr<cluster::CommandApplier> applier_;
  std::unique_ptr<cluster::CommandProducer> producer_;
  std::unique_ptr<cluster::ApplyLoop> apply_loop_;
  std::unique_ptr<cluster::ClusterMutations> mutations_;
  std::atomic<bool> stopping_{false};
  std::thread catch_up_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_CLUSTER_NODE_H_
