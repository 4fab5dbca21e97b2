#ifndef GUESTVOICE_COMMON_BOUNDED_EXECUTOR_H_
#define GUESTVOICE_COMMON_BOUNDED_EXECUTOR_H_

#include <cstddef>
#include <deque>
#include <thread>
#include <vector>

#include "absl/functional/any_invocable.h"
#include "absl/synchronization/mutex.h"

namespace guestvoice {

// A fixed set of worker threads that run submitted tasks in submission order
// from a queue of bounded length. Submitting never blocks: when the queue is
// full the task is refused, so the caller can shed load (answer
// RESOURCE_EXHAUSTED) instead of queuing without bound.
//
// Why it exists: gRPC's callback threads must never block on storage I/O.
// Handlers hand their work to an executor of their own; with several writer
// threads, concurrent writes reach RocksDB together and share one WAL fsync
// (its write groups), which two callback threads never could.
class BoundedExecutor {
 public:
  // `threads` workers (at least one) and room for `queue_capacity` tasks
  // waiting beyond those being run.
  BoundedExecutor(size_t threads, size_t queue_capacity);
  BoundedExecutor(const BoundedExecutor&) = delete;
  BoundedExecutor& operator=(const BoundedExecutor&) = delete;
  // Shutdown(), then joins the workers.
  ~BoundedExecutor();

  // Queues `task`, or returns false (and drops it) when the queue is full or
  // the executor is shut down.
  [[nodiscard]] bool TrySubmit(absl::AnyInvocable<void() &&> task);

  // Refuses new tasks; the workers still run every task already queued.
  void Shutdown();

  // Tasks waiting for a worker (not counting those running).
  size_t queued() const;

 private:
  void Work();
  bool HasWorkOrIsDone() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const size_t queue_capacity_;
  mutable absl::Mutex mutex_;
  std::deque<absl::AnyInvocable<void() &&>> queue_ ABSL_GUARDED_BY(mutex_);
  bool shut_down_ ABSL_GUARDED_BY(mutex_) = false;
  std::vector<std::thread> workers_;
};

}  // namespace guestvoice

#endif  // GUESTVOICE_COMMON_BOUNDED_EXECUTOR_H_
