#ifndef GUESTVOICE_SERVICE_API_CLUSTER_NODE_H_
#define GUESTVOICE_SERVICE_API_CLUSTER_NODE_H_

// What makes a guestvoiced a node of a cluster (docs/cluster.md): the
// command producer, the apply loop over every partition, the record of what
// this node applied, the MutationRunner that sends every write through
// the log, the partitions this node owns (its share of the ownership
// group), and the node map (this node's entry published, everyone's read).
// Owned by the Server in the cluster mode.

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/cluster/applied_progress.h"
#include "service/cluster/apply_loop.h"
#include "service/cluster/call_router.h"
#include "service/cluster/cluster_description.h"
#include "service/cluster/cluster_mutations.h"
#include "service/cluster/command_applier.h"
#include "service/cluster/command_producer.h"
#include "service/cluster/kafka_config.h"
#include "service/cluster/mutation_table.h"
#include "service/cluster/node_map_publisher.h"
#include "service/cluster/node_map_reader.h"
#include "service/cluster/ownership_group.h"
#include "service/core/domain_context.h"

namespace guestvoice::service {

class ClusterNode {
 public:
  // This node's entry in the node map, and how it judges the others'.
  struct NodeMapOptions {
    // HOST:PORT where other nodes and clients reach this node (--advertise).
    std::string advertise_address;
    // How often the entry is published when nothing else prompts it.
    absl::Duration heartbeat_interval = absl::Seconds(2);
    // A node whose latest heartbeat is older counts as down: several
    // heartbeat intervals.
    absl::Duration liveness_timeout = absl::Seconds(10);
  };

  // Connects to the cluster: verifies the command and node-map topics,
  // starts applying every partition and reading the node map, retrying with
  // backoff while the cluster does not answer or a topic is not (yet) right,
  // for up to `start_timeout`; then fails with the last reason (UNAVAILABLE:
  // unreachable; FAILED_PRECONDITION: a topic, with what to fix). `domain`
  // is the server's (its store, locks, clock and ids); `applied_times` is
  // what its store's request records expire by, which the node advances as
  // it applies. `table`, `domain` and `applied_times` must outlive the node.
  static absl::StatusOr<std::unique_ptr<ClusterNode>> Start(
      const cluster::ClusterOptions& options, absl::Duration start_timeout,
      const NodeMapOptions& node_map, const cluster::MutationTable& table,
      DomainContext domain, cluster::AppliedTimes& applied_times);

  ClusterNode(const ClusterNode&) = delete;
  ClusterNode& operator=(const ClusterNode&) = delete;
  // Stop().
  ~ClusterNode();

  cluster::MutationRunner& mutations() { return *mutations_; }
  cluster::AppliedProgress& progress() { return progress_; }
  // The command topic's partition count.
  int32_t partition_count() const { return producer_->partition_count(); }
  // The partitions this node owns: none until it has caught up and joined
  // the ownership group.
  const cluster::PartitionOwnership& ownership() const { return *ownership_; }
  // The nodes of the cluster, this one included, as the node map tells.
  const cluster::NodeMap& node_map() const { return node_map_reader_->map(); }
  // Where calls about each organization are answered: elsewhere until this
  // node has caught up, and for a partition stopped here.
  const cluster::CallRouter& router() const { return *router_; }
  // The cluster as this node sees it now, for GetServerInfo; from memory
  // (asks the brokers nothing).
  v1::ClusterInfo Describe() const;

  // Publishes this node's entry in the node map (retrying as Start does),
  // at its advertise address with port 0 made `bound_port`, the port the
  // server bound (tests and one-machine setups advertise port 0). The
  // server calls it once it listens, before WhenCaughtUp.
  absl::Status PublishInNodeMap(int bound_port);

  // On a thread of its own: waits until this node has applied every
  // partition as far as the log reached when it started, then bootstraps a
  // cluster that has no organization (one command, its key written to
  // <data_dir>/admin-api-key by the node whose command made it), then joins
  // the ownership group, then calls `ready(status)`: OK, or why it could
  // not (the node stays not ready).
  void WhenCaughtUp(std::function<void(const absl::Status&)> ready);

  // Stops the catch-up thread, leaves the ownership group (the others take
  // over its partitions at once), stops the apply loop, publishes the node
  // map tombstone, stops the node map reader and the producer (waiting for
  // what is in flight). Idempotent.
  void Stop();

 private:
  ClusterNode(const cluster::ClusterOptions& options,
              absl::Duration start_timeout, const NodeMapOptions& node_map,
              const cluster::MutationTable& table, DomainContext domain)
      : options_(options),
        start_timeout_(start_timeout),
        node_map_options_(node_map),
        table_(table),
        domain_(domain) {}
  absl::Status CatchUp();
  absl::Status BootstrapIfEmpty();

  const cluster::ClusterOptions options_;
  const absl::Duration start_timeout_;
  const NodeMapOptions node_map_options_;
  const cluster::MutationTable& table_;
  DomainContext domain_;
  cluster::AppliedProgress progress_;
  std::unique_ptr<cluster::CommandApplier> applier_;
  std::unique_ptr<cluster::CommandProducer> producer_;
  std::unique_ptr<cluster::ApplyLoop> apply_loop_;
  std::unique_ptr<cluster::ClusterMutations> mutations_;
  std::unique_ptr<cluster::NodeMapPublisher> node_map_publisher_;
  std::unique_ptr<cluster::NodeMapReader> node_map_reader_;
  std::unique_ptr<cluster::ClusterCallRouter> router_;
  // After the publisher, which it tells of every change.
  std::unique_ptr<cluster::OwnershipGroup> ownership_;
  std::atomic<bool> stopping_{false};
  std::thread catch_up_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_CLUSTER_NODE_H_
