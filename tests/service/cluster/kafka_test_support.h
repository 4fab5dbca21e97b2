#ifndef GUESTVOICE_TESTS_SERVICE_CLUSTER_KAFKA_TEST_SUPPORT_H_
#define GUESTVOICE_TESTS_SERVICE_CLUSTER_KAFKA_TEST_SUPPORT_H_

// What the cluster tests share: collecting producer completions without
// sleeping, and reading a partition back to check what the log holds.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/cluster/command_producer.h"

namespace guestvoice::testing {

// Completions of CommandProducer::Produce, in the order they ran (on the
// producer's poll thread); tests wait for a count with a deadline.
class Completions {
 public:
  service::cluster::CommandProducer::Completion Add();
  // Waits until `count` completions ran or `deadline` passed; returns them.
  std::vector<absl::StatusOr<service::cluster::RecordPosition>> WaitFor(
      size_t count, absl::Duration deadline = absl::Seconds(60));
  size_t size() const;

 private:
  mutable absl::Mutex mutex_;
  std::vector<absl::StatusOr<service::cluster::RecordPosition>> results_
      ABSL_GUARDED_BY(mutex_);
};

struct StoredRecord {
  int64_t offset = 0;
  std::string key;
  std::string payload;
};

// The offset the next record of `topic`[`partition`] will get (its high
// watermark): the partition holds the records below it.
absl::StatusOr<int64_t> LogEndOffset(
    const std::string& bootstrap_servers, const std::string& topic,
    int32_t partition, absl::Duration deadline = absl::Seconds(30));

// Every record `topic`[`partition`] holds (offset 0 up to its high
// watermark when called), read with a plain assigned consumer (no group);
// an error when the partition cannot be read within `deadline`.
absl::StatusOr<std::vector<StoredRecord>> ReadPartition(
    const std::string& bootstrap_servers, const std::string& topic,
    int32_t partition, absl::Duration deadline = absl::Seconds(30));

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_SERVICE_CLUSTER_KAFKA_TEST_SUPPORT_H_
