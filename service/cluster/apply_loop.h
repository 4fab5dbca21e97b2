#ifndef GUESTVOICE_SERVICE_CLUSTER_APPLY_LOOP_H_
#define GUESTVOICE_SERVICE_CLUSTER_APPLY_LOOP_H_

// The apply side of a cluster node: one thread reads every partition of the
// command log, from where this node's state has applied up to, and applies
// each command in offset order (CommandApplier), reporting to
// AppliedProgress. A command it cannot apply stops its partition, which is
// then read no further, never skipped: the reason goes to `on_stopped` (the
// server logs it), and AppliedProgress tells waiters and health checks.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/cluster/applied_progress.h"
#include "service/cluster/command_applier.h"
#include "service/cluster/kafka_config.h"
#include "service/cluster/partition_consumer.h"

namespace guestvoice::service::cluster {

class ApplyLoop final : private PartitionListener {
 public:
  // Called on the loop's thread when a partition stops (-1: every
  // partition, the consumer itself failed).
  using OnStopped = std::function<void(int32_t partition, const absl::Status&)>;

  // Reads every partition of options.command_topic
  // (PartitionConsumer::CreateForAll, which gives up after `timeout`) and
  // starts the thread. `applier` and `progress` must outlive the loop.
  static absl::StatusOr<std::unique_ptr<ApplyLoop>> Start(
      const ClusterOptions& options, CommandApplier& applier,
      AppliedProgress& progress, OnStopped on_stopped, absl::Duration timeout);

  ApplyLoop(const ApplyLoop&) = delete;
  ApplyLoop& operator=(const ApplyLoop&) = delete;
  // Stop().
  ~ApplyLoop() override;

  // Ends the thread after the command being applied, and closes the
  // consumer. Idempotent.
  void Stop();

  // Where each partition's log ended when the loop started: applied that
  // far, the node has caught up.
  const std::map<int32_t, int64_t>& end_offsets_at_start() const {
    return end_offsets_at_start_;
  }

  // Where each partition's log ends, as the brokers last said while this
  // loop read it (its end at start until they said); asks them nothing.
  // Safe from any thread.
  std::map<int32_t, int64_t> LastKnownEndOffsets() const;

 private:
  ApplyLoop(CommandApplier& applier, AppliedProgress& progress,
            OnStopped on_stopped);
  absl::StatusOr<int64_t> OnAssigned(int32_t partition) override;
  void OnRevoked(int32_t partition, bool lost) override;
  void Run();
  void StopPartition(int32_t partition, const absl::Status& reason);

  CommandApplier& applier_;
  AppliedProgress& progress_;
  const OnStopped on_stopped_;
  std::unique_ptr<PartitionConsumer> consumer_;
  // Only the loop's thread touches it.
  std::set<int32_t> stopped_;
  std::map<int32_t, int64_t> end_offsets_at_start_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_APPLY_LOOP_H_
