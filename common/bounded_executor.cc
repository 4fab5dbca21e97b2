#include "common/bounded_executor.h"

#include <algorithm>
#include <utility>

namespace guestvoice {

BoundedExecutor::BoundedExecutor(size_t threads, size_t queue_capacity)
    : queue_capacity_(queue_capacity) {
  threads = std::max<size_t>(threads, 1);
  workers_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) {
    workers_.emplace_back([this] { Work(); });
  }
}

BoundedExecutor::~BoundedExecutor() {
  Shutdown();
  for (std::thread& worker : workers_) worker.join();
}

bool BoundedExecutor::TrySubmit(absl::AnyInvocable<void() &&> task) {
  absl::MutexLock lock(&mutex_);
  if (shut_down_ || queue_.size() >= queue_capacity_) return false;
  queue_.push_back(std::move(task));
  return true;
}

void BoundedExecutor::Shutdown() {
  absl::MutexLock lock(&mutex_);
  shut_down_ = true;
}

size_t BoundedExecutor::queued() const {
  absl::MutexLock lock(&mutex_);
  return queue_.size();
}

bool BoundedExecutor::HasWorkOrIsDone() const {
  return shut_down_ || !queue_.empty();
}

void BoundedExecutor::Work() {
  while (true) {
    absl::AnyInvocable<void() &&> task;
    {
      absl::MutexLock lock(&mutex_);
      mutex_.Await(absl::Condition(this, &BoundedExecutor::HasWorkOrIsDone));
      if (queue_.empty()) return;  // shut down and drained
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    std::move(task)();
  }
}

}  // namespace guestvoice
