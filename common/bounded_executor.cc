#include "common/bounded_executor.h"

#include <algorithm>
#include <utility>

#include "common/absl_view.h"

namespace guestvoice {

BoundedExecutor::BoundedExecutor(size_t threads, size_t queue_capacity,
                                 size_t lane_capacity)
    : queue_capacity_(queue_capacity), lane_capacity_(lane_capacity) {
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

BoundedExecutor::Submission BoundedExecutor::TrySubmit(
    std::string_view lane, absl::AnyInvocable<void() &&> task) {
  absl::MutexLock lock(&mutex_);
  if (shut_down_) return Submission::kShutDown;
  if (queued_ >= queue_capacity_) return Submission::kQueueFull;
  auto waiting = lanes_.find(AbslView(lane));
  if (waiting == lanes_.end()) {
    if (lane_capacity_ == 0) return Submission::kLaneFull;
    waiting = lanes_.try_emplace(std::string(lane)).first;
    turns_.emplace_back(lane);
  } else if (waiting->second.size() >= lane_capacity_) {
    return Submission::kLaneFull;
  }
  waiting->second.push_back(std::move(task));
  ++queued_;
  WakeOne();
  return Submission::kQueued;
}

void BoundedExecutor::WakeOne() {
  if (idle_.empty()) return;
  idle_.back()->wake.Signal();
  idle_.pop_back();
}

void BoundedExecutor::Shutdown() {
  absl::MutexLock lock(&mutex_);
  shut_down_ = true;
  for (IdleWorker* worker : idle_) worker->wake.Signal();
  idle_.clear();
}

size_t BoundedExecutor::queued() const {
  absl::MutexLock lock(&mutex_);
  return queued_;
}

size_t BoundedExecutor::idle_workers() const {
  absl::MutexLock lock(&mutex_);
  return idle_.size();
}

void BoundedExecutor::Work() {
  IdleWorker self;
  while (true) {
    Task task;
    {
      absl::MutexLock lock(&mutex_);
      while (!shut_down_ && queued_ == 0) {
        idle_.push_back(&self);
        self.wake.Wait(&mutex_);
        // Woken by a task, the waker took this worker off the list; woken
        // spuriously, it is still there.
        if (auto listed = std::find(idle_.begin(), idle_.end(), &self);
            listed != idle_.end()) {
          idle_.erase(listed);
        }
      }
      if (queued_ == 0) return;  // shut down and drained
      // The lane whose turn it is runs its oldest task and, with more
      // waiting, goes to the back of the line.
      std::string lane = std::move(turns_.front());
      turns_.pop_front();
      auto waiting = lanes_.find(lane);
      task = std::move(waiting->second.front());
      waiting->second.pop_front();
      --queued_;
      if (waiting->second.empty()) {
        lanes_.erase(waiting);
      } else {
        turns_.push_back(std::move(lane));
      }
    }
    std::move(task)();
  }
}

}  // namespace guestvoice
