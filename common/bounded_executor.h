#ifndef GUESTVOICE_COMMON_BOUNDED_EXECUTOR_H_
#define GUESTVOICE_COMMON_BOUNDED_EXECUTOR_H_

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace guestvoice {

// A fixed set of worker threads that run submitted tasks from a queue of
// bounded length. Submitting never blocks: when the queue is full the task is
// refused, so the caller can shed load (answer RESOURCE_EXHAUSTED) instead of
// queuing without bound.
//
// Tasks queue in lanes (the server's are organizations): each lane runs its
// tasks in submission order, and the lanes with tasks waiting take turns, one
// task each, so a lane with hundreds queued delays another lane's next task
// by at most one of its own per worker instead of all of them. A lane may
// also hold at most `lane_capacity` of the queue, so that one lane cannot
// fill it and leave the others refused.
//
// Why it exists: gRPC's callback threads must never block on storage I/O.
// Handlers hand their work to an executor of their own; with several writer
// threads, concurrent writes reach RocksDB together and share one WAL fsync
// (its write groups), which two callback threads never could.
//
// A task wakes the worker that went idle last (as folly's LifoSem does for
// its thread pools): under light load the same few workers run every task,
// with their caches, allocator caches and thread_local buffers warm, instead
// of each of 32 writers taking its turn cold.
class BoundedExecutor {
 public:
  // What TrySubmit did with a task.
  enum class Submission {
    kQueued,
    // Refused: the queue holds `queue_capacity` tasks.
    kQueueFull,
    // Refused: the task's lane holds `lane_capacity` tasks.
    kLaneFull,
    // Refused: the executor is shut down.
    kShutDown,
  };

  // `threads` workers (at least one) and room for `queue_capacity` tasks
  // waiting beyond those being run, at most `lane_capacity` of them in one
  // lane.
  BoundedExecutor(size_t threads, size_t queue_capacity, size_t lane_capacity);
  // Every task in one lane: runs tasks in submission order.
  BoundedExecutor(size_t threads, size_t queue_capacity)
      : BoundedExecutor(threads, queue_capacity, queue_capacity) {}
  BoundedExecutor(const BoundedExecutor&) = delete;
  BoundedExecutor& operator=(const BoundedExecutor&) = delete;
  // Shutdown(), then joins the workers.
  ~BoundedExecutor();

  // Queues `task` at the end of `lane`, or refuses (and drops) it.
  [[nodiscard]] Submission TrySubmit(std::string_view lane,
                                     absl::AnyInvocable<void() &&> task);
  // TrySubmit in the lane named "": true when queued.
  [[nodiscard]] bool TrySubmit(absl::AnyInvocable<void() &&> task) {
    return TrySubmit("", std::move(task)) == Submission::kQueued;
  }

  // Refuses new tasks; the workers still run every task already queued.
  void Shutdown();

  // Tasks waiting for a worker (not counting those running), in all lanes.
  size_t queued() const;
  // Workers waiting for a task.
  size_t idle_workers() const;

  size_t lane_capacity() const { return lane_capacity_; }

 private:
  using Task = absl::AnyInvocable<void() &&>;

  // A worker waiting for a task.
  struct IdleWorker {
    absl::CondVar wake;
  };

  void Work();
  // Wakes the worker that went idle last, if any is idle.
  void WakeOne() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const size_t queue_capacity_;
  const size_t lane_capacity_;
  mutable absl::Mutex mutex_;
  // The waiting tasks of each lane that has any.
  absl::flat_hash_map<std::string, std::deque<Task>> lanes_
      ABSL_GUARDED_BY(mutex_);
  // The lanes with tasks waiting, in the order their next tasks run.
  std::deque<std::string> turns_ ABSL_GUARDED_BY(mutex_);
  size_t queued_ ABSL_GUARDED_BY(mutex_) = 0;
  bool shut_down_ ABSL_GUARDED_BY(mutex_) = false;
  // The idle workers, the one that went idle last at the back.
  std::vector<IdleWorker*> idle_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::thread> workers_;
};

}  // namespace guestvoice

#endif  // GUESTVOICE_COMMON_BOUNDED_EXECUTOR_H_
