#ifndef GUESTVOICE_SERVICE_CLUSTER_KAFKA_CONFIG_H_
#define GUESTVOICE_SERVICE_CLUSTER_KAFKA_CONFIG_H_

// How a guestvoice node talks to its Kafka cluster, and the one place that
// turns that into librdkafka settings, so that the durability the cluster
// mode relies on (idempotent producer, acks=all, no offset auto-commit) is set
// once and cannot drift between producer and consumer code.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace RdKafka {
class Conf;
}

namespace guestvoice::service::cluster {

// The topic every mutation is written to as a command record, keyed and
// partitioned by organization (docs/cluster.md, "Topics").
inline constexpr std::string_view kCommandTopic = "guestvoice.commands";
// The compacted topic where nodes publish which partitions they serve.
inline constexpr std::string_view kNodeMapTopic = "guestvoice.node-map";
// The consumer group on the command topic whose assignment says which node
// owns which partition (OwnershipGroup); every node of a cluster joins it.
inline constexpr std::string_view kOwnersGroup = "guestvoice.owners";

struct ClusterOptions {
  // "HOST:PORT,HOST:PORT": any reachable brokers; the rest are discovered.
  std::string bootstrap_servers;
  // This node's name in the cluster: the Kafka client.id, so broker logs
  // and quotas name the node.
  std::string node_id;
  std::string command_topic = std::string(kCommandTopic);
  // How long a command may wait for the cluster's acknowledgement (retries
  // included) before its caller is told it failed.
  absl::Duration delivery_timeout = absl::Seconds(30);
  // How long one produce request may go unanswered before librdkafka
  // retries it (capped at delivery_timeout); the idempotent producer's
  // sequence numbers make the retry harmless if the first one was written.
  absl::Duration request_timeout = absl::Seconds(30);
  // How long the producer gathers commands into one produce request
  // (librdkafka's linger.ms). A caller waits for its acknowledgement, so
  // short: longer batches more commands per request (less CPU per item in
  // bulk imports), but every write at light load waits about this much
  // longer (docs/cluster.md).
  absl::Duration linger = absl::Milliseconds(1);
  // Records produced and not yet acknowledged; past it Produce refuses with
  // RESOURCE_EXHAUSTED instead of queueing without bound.
  int max_in_flight_records = 10000;
  // Consumer-group liveness: a node silent this long loses its partitions
  // (and the once-only work on them moves to another node). Brokers accept
  // 6 s to 30 min (group.min/max.session.timeout.ms); the group heartbeats
  // every third of it.
  absl::Duration session_timeout = absl::Seconds(10);
  // Producer shutdown: how long to wait for outstanding acknowledgements.
  absl::Duration flush_timeout = absl::Seconds(10);
};

// The comma-separated HOST:PORT list in `text` (a --cluster_brokers value or
// the bootstrap file tools/cluster writes), trimmed; INVALID_ARGUMENT naming
// the bad entry when an entry is not HOST:PORT.
absl::StatusOr<std::string> ParseBootstrapServers(std::string_view text);
// ParseBootstrapServers of the file at `path` (NOT_FOUND when it is absent).
absl::StatusOr<std::string> ReadBootstrapFile(const std::string& path);

using KafkaSettings = std::vector<std::pair<std::string, std::string>>;

// librdkafka settings of the command producer: idempotent, acks=all,
// bounded delivery time, client.id = node id.
KafkaSettings ProducerSettings(const ClusterOptions& options);
// librdkafka settings of a node's node-map reader: every node reads the
// whole topic itself, assigned rather than in a group, so nothing is ever
// committed.
KafkaSettings NodeMapReaderSettings(const ClusterOptions& options);
// librdkafka settings of the partition consumer of group `group_id`: no
// auto-commit or offset store (the applied offset lives in the state's
// WriteBatch), no silent offset reset, cooperative assignment.
KafkaSettings ConsumerSettings(const ClusterOptions& options,
                               std::string_view group_id);
// librdkafka settings of the ownership group's member (ownership_group.h):
// ConsumerSettings with the eager round-robin assignor. Debian's librdkafka
// 2.0.2 aborts (assertion `assignor_state` in
// rd_kafka_sticky_assignor_state_destroy, librdkafka issue 4312, fixed in
// 2.3.0) when a cooperative-sticky member is destroyed before its first
// assignment: a node stopped while the group still rebalances. The cost of
// eager: every rebalance revokes all of a node's partitions for a moment,
// which ownership, a lease that moves at any time, already allows for.
KafkaSettings OwnershipGroupSettings(const ClusterOptions& options,
                                     std::string_view group_id);

// A librdkafka global configuration holding `settings`; INVALID_ARGUMENT
// naming the setting librdkafka refused.
absl::StatusOr<std::unique_ptr<RdKafka::Conf>> BuildKafkaConf(
    const KafkaSettings& settings);

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_KAFKA_CONFIG_H_
