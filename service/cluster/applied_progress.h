#ifndef GUESTVOICE_SERVICE_CLUSTER_APPLIED_PROGRESS_H_
#define GUESTVOICE_SERVICE_CLUSTER_APPLIED_PROGRESS_H_

// How far this node has applied each partition of the command log, and the
// place callers wait for it: a write waits for the outcome of its own
// command, a read carrying a consistency token waits until its partition has
// applied that far. The apply loop reports here; callers wait on their own
// threads (never gRPC's callback threads), each bounded by its deadline.

#include <cstdint>
#include <map>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/cluster/command_applier.h"

namespace guestvoice::service::cluster {

class AppliedProgress {
 public:
  // The apply loop: `partition` resumes at `next_offset`.
  void Resumed(int32_t partition, int64_t next_offset);
  // The apply loop: the command at `offset` of `partition` is applied; its
  // outcome goes to the caller waiting for its id seed, if any.
  void Applied(int32_t partition, int64_t offset, AppliedCommand command);
  // The apply loop: `partition` stopped for `reason`; its waiters get it.
  void Stopped(int32_t partition, absl::Status reason);

  // A writer, before producing its command: keep the outcome of the command
  // with `id_seed` until AwaitOutcome or Forget takes it.
  void Expect(const std::string& id_seed);
  // The outcome of the command with `id_seed`, which Expect announced and
  // the log holds in `partition`, once applied: DEADLINE_EXCEEDED past
  // `deadline`; UNAVAILABLE (with the reason) when the partition stopped.
  absl::StatusOr<AppliedCommand> AwaitOutcome(const std::string& id_seed,
                                              int32_t partition,
                                              absl::Time deadline);
  // Drops what Expect kept (the command was not produced).
  void Forget(const std::string& id_seed);

  // Waits until `partition` has applied the command at `offset`: OK, or
  // DEADLINE_EXCEEDED past `deadline`, or UNAVAILABLE when it stopped.
  absl::Status AwaitOffset(int32_t partition, int64_t offset,
                           absl::Time deadline);

  // The next offset of each partition this node applies.
  std::map<int32_t, int64_t> next_offsets() const;
  // The partitions stopped, and why.
  std::map<int32_t, absl::Status> stopped() const;

 private:
  struct Expected {
    bool done = false;
    AppliedCommand command;
  };

  absl::Status StoppedLocked(int32_t partition) const
      ABSL_SHARED_LOCKS_REQUIRED(mutex_);

  mutable absl::Mutex mutex_;
  std::map<int32_t, int64_t> next_offsets_ ABSL_GUARDED_BY(mutex_);
  std::map<int32_t, absl::Status> stopped_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::string, Expected> expected_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_APPLIED_PROGRESS_H_
