#ifndef GUESTVOICE_SERVICE_CLUSTER_OWNERSHIP_GROUP_H_
#define GUESTVOICE_SERVICE_CLUSTER_OWNERSHIP_GROUP_H_

// PartitionOwnership from Kafka's consumer-group assignment, the source of
// ownership issue 15 names (no second coordination system): every node
// joins one group (kOwnersGroup) on the command topic, and the partitions
// the group assigns it are the ones it owns. The member never reads a
// record (its partitions stay paused): applying is the apply loop's job,
// which reads every partition by hand. Cooperative-sticky assignment moves
// only the partitions that must move when a node joins or leaves.
//
// A thread of its own polls the group (which serves rebalances and keeps
// the member in it); a node silent for the session timeout (killed, cut
// off) loses its partitions to the others, and learns so itself ("lost").

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "service/cluster/kafka_config.h"
#include "service/cluster/partition_ownership.h"

namespace RdKafka {
class KafkaConsumer;
}

namespace guestvoice::service::cluster {

class OwnershipGroup final : public PartitionOwnership {
 public:
  // Called with every partition owned after each change of them (on the
  // group's thread, or Stop's); must not block long: the group waits for
  // it.
  using OnChange = std::function<void(const std::set<int32_t>& owned)>;

  // Makes the group member (INVALID_ARGUMENT for settings librdkafka
  // refuses); it owns nothing until Join.
  static absl::StatusOr<std::unique_ptr<OwnershipGroup>> Create(
      const ClusterOptions& options, OnChange on_change);

  OwnershipGroup(const OwnershipGroup&) = delete;
  OwnershipGroup& operator=(const OwnershipGroup&) = delete;
  // Stop().
  ~OwnershipGroup() override;

  // Joins the group and starts the thread. A node joins once it has caught
  // up with the log, so that an owner's state is never far behind.
  absl::Status Join();

  bool Owns(int32_t partition) const override;
  std::set<int32_t> Owned() const override;

  // Leaves the group cleanly (its partitions go to the other members at
  // once, without waiting for the session timeout) and stops the thread.
  // Idempotent.
  void Stop();

 private:
  class Rebalance;
  OwnershipGroup(const ClusterOptions& options, OnChange on_change);
  void PollLoop();
  // Records a change of the owned set and reports it.
  void Change(const std::set<int32_t>& gained, const std::set<int32_t>& lost);

  const ClusterOptions options_;
  const OnChange on_change_;
  std::unique_ptr<Rebalance> rebalance_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  mutable absl::Mutex mutex_;
  std::set<int32_t> owned_ ABSL_GUARDED_BY(mutex_);
  std::atomic<bool> stopping_{false};
  bool joined_ = false;
  bool stopped_ = false;
  std::thread thread_;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_OWNERSHIP_GROUP_H_
