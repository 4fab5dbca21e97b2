#ifndef GUESTVOICE_SERVICE_CLUSTER_NODE_MAP_PUBLISHER_H_
#define GUESTVOICE_SERVICE_CLUSTER_NODE_MAP_PUBLISHER_H_

// Publishes this node's entry on the node-map topic (a NodeMapEntry keyed by
// the node id): at start, whenever the partitions it owns change, and every
// heartbeat interval with how far it has applied each partition (asked of
// Options::applied_offsets each time); on a clean
// stop, a tombstone, so the others drop it at once rather than waiting for
// its heartbeat to grow old. Callers never block: they change what the next
// entry says, and the publisher's own thread produces it.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "service/cluster/kafka_config.h"
#include "service/cluster/topic_verification.h"

namespace RdKafka {
class Producer;
}

namespace guestvoice::service::cluster {

class NodeMapPublisher {
 public:
  struct Options {
    // HOST:PORT where the other nodes reach this node's gRPC API.
    std::string advertise_address;
    // How often the entry is published when nothing else prompts it; well
    // under the readers' liveness timeout.
    absl::Duration heartbeat_interval = absl::Seconds(2);
    // Start and heartbeat times; the system clock when null. Must outlive
    // the publisher.
    const Clock* clock = nullptr;
    // Partition -> offset of the first command this node's state has not
    // applied, read each time the entry is published (from the heartbeat
    // thread, so it must be safe to call from there); none when unset.
    std::function<std::map<int32_t, int64_t>()> applied_offsets;
    TopicCheck topic_check{.requirements = NodeMapTopicRequirements()};
  };

  // Connects to options.bootstrap_servers, verifies the node-map topic
  // (FAILED_PRECONDITION saying what to fix; UNAVAILABLE when the cluster
  // does not answer), publishes the first entry (no partitions owned, none
  // applied) and starts the heartbeat thread. INVALID_ARGUMENT without a
  // node id or advertise address.
  static absl::StatusOr<std::unique_ptr<NodeMapPublisher>> Start(
      const ClusterOptions& cluster, Options options);

  NodeMapPublisher(const NodeMapPublisher&) = delete;
  NodeMapPublisher& operator=(const NodeMapPublisher&) = delete;
  // Stop(), its result ignored.
  ~NodeMapPublisher();

  // The partitions the group assignment gives this node now; published at
  // once, since readers route calls by it.
  void SetOwnedPartitions(std::set<int32_t> partitions);

  // Publishes the tombstone, waits up to the cluster's flush_timeout for the
  // cluster to acknowledge it, and stops the thread. UNAVAILABLE when the
  // tombstone was not acknowledged (readers then see the node go down when
  // its heartbeat grows old). Idempotent.
  absl::Status Stop();

 private:
  class DeliveryReports;

  NodeMapPublisher(const ClusterOptions& cluster, Options options);
  // Produces this node's entry as it stands (a tombstone when `tombstone`).
  absl::Status Produce(bool tombstone);
  void HeartbeatLoop();

  const ClusterOptions cluster_;
  const Options options_;
  SystemClock system_clock_;
  const Clock& clock_;
  const absl::Time start_time_;
  std::unique_ptr<DeliveryReports> delivery_reports_;
  std::unique_ptr<RdKafka::Producer> producer_;
  absl::Mutex mutex_;
  std::set<int32_t> owned_partitions_ ABSL_GUARDED_BY(mutex_);
  // Set when the owned partitions changed: the loop publishes at once.
  bool publish_now_ ABSL_GUARDED_BY(mutex_) = false;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread heartbeat_thread_;
  absl::Mutex stop_mutex_;
  bool stopped_ ABSL_GUARDED_BY(stop_mutex_) = false;
  absl::Status stop_status_ ABSL_GUARDED_BY(stop_mutex_);
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_NODE_MAP_PUBLISHER_H_
