#ifndef GUESTVOICE_SERVICE_CLUSTER_NODE_MAP_READER_H_
#define GUESTVOICE_SERVICE_CLUSTER_NODE_MAP_READER_H_

// Reads the node-map topic, from its first record and then as records
// arrive, into a NodeMap, on a thread of its own: callers ask the map and
// never wait on Kafka. Every node runs one (and NodeMapPublisher for its
// own entry). A record that is not a well-formed entry is reported (log and
// count) and skipped: one bad publisher must not blind a node to the rest.

#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "service/cluster/kafka_config.h"
#include "service/cluster/node_map.h"
#include "service/cluster/topic_verification.h"

namespace RdKafka {
class KafkaConsumer;
}

namespace guestvoice::service::cluster {

class NodeMapReader {
 public:
  struct Options {
    // A node whose latest heartbeat is older than this counts as down: a few
    // heartbeat intervals, so one late heartbeat does not.
    absl::Duration liveness_timeout = absl::Seconds(10);
    // Judges heartbeats' age; the system clock when null. Must outlive the
    // reader.
    const Clock* clock = nullptr;
    TopicCheck topic_check{.requirements = NodeMapTopicRequirements()};
  };

  // Connects to cluster.bootstrap_servers, verifies the node-map topic
  // (FAILED_PRECONDITION saying what to fix; UNAVAILABLE when the cluster
  // does not answer) and starts reading it from the beginning.
  static absl::StatusOr<std::unique_ptr<NodeMapReader>> Start(
      const ClusterOptions& cluster, Options options);

  NodeMapReader(const NodeMapReader&) = delete;
  NodeMapReader& operator=(const NodeMapReader&) = delete;
  // Stop().
  ~NodeMapReader();

  // What the records read so far say. Fills up as the reader catches up
  // with the topic after Start.
  const NodeMap& map() const { return map_; }

  // Records skipped because they were not well-formed entries, and why the
  // latest one was (OK before the first).
  int64_t malformed_records() const { return malformed_records_.load(); }
  absl::Status last_malformed_record() const;

  // Stops reading; the map keeps what it has. Idempotent.
  void Stop();

 private:
  NodeMapReader(const ClusterOptions& cluster, const Options& options);
  void ReadLoop();

  const ClusterOptions cluster_;
  SystemClock system_clock_;
  NodeMap map_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::atomic<bool> stopping_{false};
  std::atomic<int64_t> malformed_records_{0};
  mutable absl::Mutex mutex_;
  absl::Status last_malformed_record_ ABSL_GUARDED_BY(mutex_);
  std::thread read_thread_;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_NODE_MAP_READER_H_
