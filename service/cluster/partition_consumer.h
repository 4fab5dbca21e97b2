#ifndef GUESTVOICE_SERVICE_CLUSTER_PARTITION_CONSUMER_H_
#define GUESTVOICE_SERVICE_CLUSTER_PARTITION_CONSUMER_H_

// The apply side's view of the command topic: this node's share of its
// partitions, as Kafka's consumer-group assignment decides, each read from
// the offset its local state says it applied up to. Nothing is committed to
// Kafka: the applied offset is written with the state in one WriteBatch, so
// a restart resumes exactly there.
//
// One thread owns a PartitionConsumer: it calls Poll in a loop; assignment
// changes reach the PartitionListener inside Poll, on that same thread,
// between records, never concurrently with applying one.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/cluster/kafka_config.h"

namespace RdKafka {
class KafkaConsumer;
}

namespace guestvoice::service::cluster {

// A command as read from the log.
struct CommandRecord {
  int32_t partition = 0;
  int64_t offset = 0;
  std::string organization_id;  // the record's key
  std::string payload;
};

class PartitionListener {
 public:
  virtual ~PartitionListener() = default;
  // `partition` is now this node's. Returns the offset of the first command
  // not yet applied to its state (0 for an empty state). An error stops
  // the consumer: Poll returns it.
  virtual absl::StatusOr<int64_t> OnAssigned(int32_t partition) = 0;
  // `partition` is no longer this node's; `lost` when it was taken without
  // a clean handover (this node was out of the group too long), so another
  // node may already be applying it.
  virtual void OnRevoked(int32_t partition, bool lost) = 0;
};

class PartitionConsumer {
 public:
  // Joins consumer group `group_id` on options.command_topic. `listener`
  // must outlive the consumer.
  static absl::StatusOr<std::unique_ptr<PartitionConsumer>> Create(
      const ClusterOptions& options, std::string_view group_id,
      PartitionListener* listener);

  // Reads every partition of options.command_topic, assigned by hand rather
  // than by a group: every node keeps every partition's state as a warm
  // standby (docs/cluster.md, "What comes next", 6). Asks `listener` where
  // each partition resumes (OnAssigned, before this returns; OnRevoked is
  // never called). UNAVAILABLE when the cluster does not describe the topic
  // within `timeout`, FAILED_PRECONDITION when it has no such topic.
  static absl::StatusOr<std::unique_ptr<PartitionConsumer>> CreateForAll(
      const ClusterOptions& options, PartitionListener* listener,
      absl::Duration timeout);

  PartitionConsumer(const PartitionConsumer&) = delete;
  PartitionConsumer& operator=(const PartitionConsumer&) = delete;
  ~PartitionConsumer();

  // The next command of an assigned partition, waiting up to `timeout`;
  // nullopt when none came. Transient cluster trouble (a broker down) is
  // retried inside and also yields nullopt. Errors that applying must not
  // paper over stop the consumer: an assigned offset the log no longer
  // holds (FAILED_PRECONDITION), a listener error, a missing topic.
  absl::StatusOr<std::optional<CommandRecord>> Poll(absl::Duration timeout);

  // The offset after the last record of each assigned partition now (its
  // high watermark): how far a node must apply to have caught up.
  absl::StatusOr<std::map<int32_t, int64_t>> EndOffsets(absl::Duration timeout);

  // The offset after the last record of `partition` as the brokers last
  // told this consumer (with each fetch), without asking them; nullopt
  // before they told. Safe from any thread.
  std::optional<int64_t> LastKnownEndOffset(int32_t partition) const;

  // Reads no more of `partition` (its records are not returned by Poll):
  // the apply loop stops a partition whose next record it cannot apply.
  absl::Status Pause(int32_t partition);

  // Leaves the group cleanly, revoking every partition through the
  // listener, so the others take them over without waiting for a timeout.
  void Close();

  // The partitions assigned now.
  std::set<int32_t> assigned() const { return assigned_; }

 private:
  class Rebalance;
  PartitionConsumer(const ClusterOptions& options, PartitionListener* listener);

  const ClusterOptions options_;
  PartitionListener* const listener_;
  std::unique_ptr<Rebalance> rebalance_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::set<int32_t> assigned_;
  // The first listener or assignment error; Poll returns it from then on.
  absl::Status stopped_;
  bool closed_ = false;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_PARTITION_CONSUMER_H_
