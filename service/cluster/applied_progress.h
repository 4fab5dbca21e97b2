#ifndef GUESTVOICE_SERVICE_CLUSTER_APPLIED_PROGRESS_H_
#define GUESTVOICE_SERVICE_CLUSTER_APPLIED_PROGRESS_H_

// How far this node has applied each partition of the command log, and
// where callers register to hear of it: a write for the outcome of its own
// command, a read carrying a consistency token for its partition reaching an
// offset. Nobody waits on a thread: each registration is a callback, run
// once, by the apply loop's thread when the command is applied or the
// partition stops, so a slow partition holds no worker of the server's.
// Callbacks must be cheap (finish a call, submit work to an executor); they
// run outside this object's lock, so they may call back into it.

#include <atomic>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/cluster/command_applier.h"

namespace guestvoice::service::cluster {

class AppliedProgress {
 public:
  // Names a registration, for Forget. 0 is never one.
  using WaitId = uint64_t;
  // A command of this node's, applied at `offset` of its partition.
  struct Outcome {
    int64_t offset = 0;
    AppliedCommand command;
  };
  // The outcome, or UNAVAILABLE (with the reason) when the partition
  // stopped first.
  using OutcomeCallback = absl::AnyInvocable<void(absl::StatusOr<Outcome>) &&>;
  // OK, or UNAVAILABLE (with the reason) when the partition stopped first.
  using OffsetCallback = absl::AnyInvocable<void(absl::Status) &&>;

  // The apply loop: `partition` resumes at `next_offset`.
  void Resumed(int32_t partition, int64_t next_offset);
  // The apply loop: the command at `offset` of `partition` is applied; its
  // outcome goes to the writer registered for its id seed, if any, and the
  // reads waiting for an offset up to `offset` are called.
  void Applied(int32_t partition, int64_t offset, AppliedCommand command);
  // The apply loop: `partition` stopped for `reason`; every registration of
  // it is called with UNAVAILABLE saying so.
  void Stopped(int32_t partition, absl::Status reason);

  // UNAVAILABLE saying why when `partition` stopped; OK otherwise.
  absl::Status PartitionStatus(int32_t partition) const;

  // A writer, before producing its command: `done` gets the outcome of the
  // command with `id_seed` in `partition` once this node applied it, unless
  // Forget took it first. When the partition has stopped, `done` runs at
  // once, on this thread.
  WaitId WhenOutcome(const std::string& id_seed, int32_t partition,
                     OutcomeCallback done);
  // A read carrying a consistency token: `done` runs once `partition` has
  // applied the command at `offset` (at once, on this thread, when it has
  // already, or it stopped), unless Forget took it first.
  WaitId WhenApplied(int32_t partition, int64_t offset, OffsetCallback done);
  // Drops a registration whose caller went away (cancelled, past its
  // deadline, its command not produced): true when its callback will never
  // run; false when it ran or is running.
  bool Forget(WaitId id);

  // Whether `partition` has applied the command at `offset`.
  bool HasApplied(int32_t partition, int64_t offset) const;
  // Blocks until `partition` has applied the command at `offset`: OK, or
  // DEADLINE_EXCEEDED past `deadline`, or UNAVAILABLE when it stopped. For
  // threads of the node's own (catching up at start), never a server's
  // worker.
  absl::Status AwaitOffset(int32_t partition, int64_t offset,
                           absl::Time deadline);

  // The next offset of each partition this node applies.
  std::map<int32_t, int64_t> next_offsets() const;
  // The partitions stopped, and why.
  std::map<int32_t, absl::Status> stopped() const;
  // Whether any partition is stopped: from an atomic, for every call's
  // routing (cluster::ClusterCallRouter), without the lock.
  bool AnyStopped() const {
    return stopped_count_.load(std::memory_order_acquire) > 0;
  }
  // Registrations whose callback has not run: what callers wait for now.
  size_t waiting() const;
  // Blocks until exactly `count` registrations wait, or `deadline` passes
  // (false). Lets a test see calls waiting without sleeping.
  bool AwaitWaiting(size_t count, absl::Time deadline) const;

 private:
  struct Waiter {
    int32_t partition = 0;
    // For a read: the offset it waits for. For a writer: its id seed.
    int64_t offset = 0;
    std::string id_seed;
    OutcomeCallback on_outcome;
    OffsetCallback on_offset;
  };

  absl::Status PartitionStatusLocked(int32_t partition) const
      ABSL_SHARED_LOCKS_REQUIRED(mutex_);
  bool HasAppliedLocked(int32_t partition, int64_t offset) const
      ABSL_SHARED_LOCKS_REQUIRED(mutex_);
  // Removes the reads `partition` has now applied far enough for, and
  // returns their callbacks.
  std::vector<OffsetCallback> TakeReadsUpTo(int32_t partition,
                                            int64_t next_offset)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  mutable absl::Mutex mutex_;
  std::map<int32_t, int64_t> next_offsets_ ABSL_GUARDED_BY(mutex_);
  std::map<int32_t, absl::Status> stopped_ ABSL_GUARDED_BY(mutex_);
  // stopped_.size(), kept with it.
  std::atomic<size_t> stopped_count_{0};
  WaitId last_id_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::flat_hash_map<WaitId, Waiter> waiters_ ABSL_GUARDED_BY(mutex_);
  // Writers by id seed.
  absl::flat_hash_map<std::string, WaitId> writers_ ABSL_GUARDED_BY(mutex_);
  // Reads by (partition, offset), so an applied offset finds its reads
  // without looking at the others.
  std::set<std::tuple<int32_t, int64_t, WaitId>> reads_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_APPLIED_PROGRESS_H_
