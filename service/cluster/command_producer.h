#ifndef GUESTVOICE_SERVICE_CLUSTER_COMMAND_PRODUCER_H_
#define GUESTVOICE_SERVICE_CLUSTER_COMMAND_PRODUCER_H_

// Writes command records to the command topic and tells each caller, once
// the cluster acknowledged its record (acks=all, idempotent), where it
// landed. Callers never block: Produce queues the record and returns;
// the completion runs later on the producer's own poll thread, the thread
// that serves librdkafka's delivery reports.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "service/cluster/kafka_config.h"
#include "service/cluster/topic_verification.h"

namespace RdKafka {
class Producer;
}

namespace guestvoice::service::cluster {

// Where an acknowledged record is in the log: what a later read carries as
// its consistency token, and what the apply side stores as applied.
struct RecordPosition {
  int32_t partition = 0;
  int64_t offset = 0;
};

class CommandProducer {
 public:
  // Runs on the poll thread; must not block (hand real work elsewhere).
  using Completion =
      absl::AnyInvocable<void(absl::StatusOr<RecordPosition>) &&>;

  using TopicCheck = cluster::TopicCheck;

  // Connects to options.bootstrap_servers and verifies the command topic
  // against `check` (FAILED_PRECONDITION saying what to fix; UNAVAILABLE
  // when the cluster does not answer); learns its partition count and the
  // cluster's id.
  static absl::StatusOr<std::unique_ptr<CommandProducer>> Create(
      const ClusterOptions& options, const TopicCheck& check);

  CommandProducer(const CommandProducer&) = delete;
  CommandProducer& operator=(const CommandProducer&) = delete;
  // Close(), then frees librdkafka.
  ~CommandProducer();

  // Queues `record`, keyed by `organization_id`, on the organization's
  // partition (CommandPartition). OK means `done` will run exactly once with
  // the record's position or why it was not written (UNAVAILABLE: retry;
  // INVALID_ARGUMENT: the record; INTERNAL: the producer failed). An error
  // means the record was not queued and `done` will not run:
  // RESOURCE_EXHAUSTED when max_in_flight_records are unacknowledged,
  // UNAVAILABLE when closing, INVALID_ARGUMENT for an empty organization.
  absl::Status Produce(std::string_view organization_id,
                       std::string_view record, Completion done);

  // Stops accepting records, waits up to options.flush_timeout for the
  // outstanding ones, fails the rest with UNAVAILABLE, and stops the poll
  // thread. Idempotent; not to be called from a completion.
  void Close();

  int32_t partition_count() const { return partition_count_; }
  // The Kafka cluster's id, as its brokers report it.
  const std::string& cluster_id() const { return cluster_id_; }
  // Records queued and not yet completed.
  int in_flight() const { return in_flight_.load(); }

 private:
  class DeliveryReports;
  class Events;

  CommandProducer(const ClusterOptions& options, int32_t partition_count);
  void PollLoop();
  // Called by librdkafka's error event when the idempotent producer can no
  // longer keep its guarantees; every later Produce returns the reason.
  void RecordFatalError();
  absl::Status FatalError() const;

  const ClusterOptions options_;
  int32_t partition_count_ = 0;
  std::string cluster_id_;
  std::unique_ptr<DeliveryReports> delivery_reports_;
  std::unique_ptr<Events> events_;
  std::unique_ptr<RdKafka::Producer> producer_;
  std::atomic<int> in_flight_{0};
  // Shared by Produce calls, exclusive for Close setting closing_.
  absl::Mutex produce_mutex_;
  std::atomic<bool> closing_{false};
  mutable absl::Mutex mutex_;
  absl::Status fatal_ ABSL_GUARDED_BY(mutex_);
  std::thread poll_thread_;
  absl::Mutex close_mutex_;
  bool closed_ ABSL_GUARDED_BY(close_mutex_) = false;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_COMMAND_PRODUCER_H_
