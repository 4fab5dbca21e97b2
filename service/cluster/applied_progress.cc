#include "service/cluster/applied_progress.h"

#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"

namespace guestvoice::service::cluster {

void AppliedProgress::Resumed(int32_t partition, int64_t next_offset) {
  std::vector<OffsetCallback> reads;
  {
    absl::MutexLock lock(&mutex_);
    next_offsets_[partition] = next_offset;
    stopped_.erase(partition);
    stopped_count_.store(stopped_.size(), std::memory_order_release);
    reads = TakeReadsUpTo(partition, next_offset);
  }
  for (OffsetCallback& read : reads) std::move(read)(absl::OkStatus());
}

void AppliedProgress::Applied(int32_t partition, int64_t offset,
                              AppliedCommand command) {
  OutcomeCallback writer;
  std::vector<OffsetCallback> reads;
  {
    absl::MutexLock lock(&mutex_);
    next_offsets_[partition] = offset + 1;
    if (auto id = writers_.find(command.id_seed); id != writers_.end()) {
      auto waiter = waiters_.find(id->second);
      writer = std::move(waiter->second.on_outcome);
      waiters_.erase(waiter);
      writers_.erase(id);
    }
    reads = TakeReadsUpTo(partition, offset + 1);
  }
  if (writer) {
    std::move(writer)(Outcome{.offset = offset, .command = std::move(command)});
  }
  for (OffsetCallback& read : reads) std::move(read)(absl::OkStatus());
}

void AppliedProgress::Stopped(int32_t partition, absl::Status reason) {
  std::vector<Waiter> stopped;
  absl::Status status;
  {
    absl::MutexLock lock(&mutex_);
    stopped_[partition] = std::move(reason);
    stopped_count_.store(stopped_.size(), std::memory_order_release);
    status = PartitionStatusLocked(partition);
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      if (it->second.partition != partition) {
        ++it;
        continue;
      }
      if (it->second.on_outcome) {
        writers_.erase(it->second.id_seed);
      } else {
        reads_.erase({partition, it->second.offset, it->first});
      }
      stopped.push_back(std::move(it->second));
      waiters_.erase(it++);
    }
  }
  for (Waiter& waiter : stopped) {
    if (waiter.on_outcome) {
      std::move(waiter.on_outcome)(status);
    } else {
      std::move(waiter.on_offset)(status);
    }
  }
}

absl::Status AppliedProgress::PartitionStatus(int32_t partition) const {
  absl::MutexLock lock(&mutex_);
  return PartitionStatusLocked(partition);
}

absl::Status AppliedProgress::PartitionStatusLocked(int32_t partition) const {
  auto stopped = stopped_.find(partition);
  if (stopped == stopped_.end()) return absl::OkStatus();
  return absl::UnavailableError(
      absl::StrCat("this node stopped applying partition ", partition,
                   " of the command log: ", stopped->second.message()));
}

bool AppliedProgress::HasAppliedLocked(int32_t partition,
                                       int64_t offset) const {
  auto next = next_offsets_.find(partition);
  return next != next_offsets_.end() && next->second > offset;
}

bool AppliedProgress::HasApplied(int32_t partition, int64_t offset) const {
  absl::MutexLock lock(&mutex_);
  return HasAppliedLocked(partition, offset);
}

std::vector<AppliedProgress::OffsetCallback> AppliedProgress::TakeReadsUpTo(
    int32_t partition, int64_t next_offset) {
  std::vector<OffsetCallback> taken;
  auto read = reads_.lower_bound({partition, 0, 0});
  while (read != reads_.end() && std::get<0>(*read) == partition &&
         std::get<1>(*read) < next_offset) {
    auto waiter = waiters_.find(std::get<2>(*read));
    taken.push_back(std::move(waiter->second.on_offset));
    waiters_.erase(waiter);
    read = reads_.erase(read);
  }
  return taken;
}

AppliedProgress::WaitId AppliedProgress::WhenOutcome(const std::string& id_seed,
                                                     int32_t partition,
                                                     OutcomeCallback done) {
  absl::Status stopped;
  {
    absl::MutexLock lock(&mutex_);
    stopped = PartitionStatusLocked(partition);
    if (stopped.ok()) {
      const WaitId id = ++last_id_;
      Waiter& waiter = waiters_[id];
      waiter.partition = partition;
      waiter.id_seed = id_seed;
      waiter.on_outcome = std::move(done);
      writers_[id_seed] = id;
      return id;
    }
  }
  std::move(done)(stopped);
  return 0;
}

AppliedProgress::WaitId AppliedProgress::WhenApplied(int32_t partition,
                                                     int64_t offset,
                                                     OffsetCallback done) {
  absl::Status now;
  {
    absl::MutexLock lock(&mutex_);
    if (!HasAppliedLocked(partition, offset)) {
      now = PartitionStatusLocked(partition);
      if (now.ok()) {
        const WaitId id = ++last_id_;
        Waiter& waiter = waiters_[id];
        waiter.partition = partition;
        waiter.offset = offset;
        waiter.on_offset = std::move(done);
        reads_.insert({partition, offset, id});
        return id;
      }
    }
  }
  std::move(done)(now);
  return 0;
}

bool AppliedProgress::Forget(WaitId id) {
  absl::MutexLock lock(&mutex_);
  auto waiter = waiters_.find(id);
  if (waiter == waiters_.end()) return false;
  if (waiter->second.on_outcome) {
    writers_.erase(waiter->second.id_seed);
  } else {
    reads_.erase({waiter->second.partition, waiter->second.offset, id});
  }
  waiters_.erase(waiter);
  return true;
}

absl::Status AppliedProgress::AwaitOffset(int32_t partition, int64_t offset,
                                          absl::Time deadline) {
  // Shared with the callback, which may run after a wait that gave up.
  struct Result {
    absl::Notification done;
    absl::Status status;
  };
  auto result = std::make_shared<Result>();
  const WaitId id =
      WhenApplied(partition, offset, [result](absl::Status status) {
        result->status = std::move(status);
        result->done.Notify();
      });
  if (!result->done.WaitForNotificationWithDeadline(deadline) && Forget(id)) {
    return absl::DeadlineExceededError(
        absl::StrCat("this node had not applied partition ", partition,
                     " up to offset ", offset, " by the call's deadline"));
  }
  // Forget lost the race: the callback ran or is running.
  result->done.WaitForNotification();
  return result->status;
}

std::map<int32_t, int64_t> AppliedProgress::next_offsets() const {
  absl::MutexLock lock(&mutex_);
  return next_offsets_;
}

std::map<int32_t, absl::Status> AppliedProgress::stopped() const {
  absl::MutexLock lock(&mutex_);
  return stopped_;
}

size_t AppliedProgress::waiting() const {
  absl::MutexLock lock(&mutex_);
  return waiters_.size();
}

bool AppliedProgress::AwaitWaiting(size_t count, absl::Time deadline) const {
  absl::MutexLock lock(&mutex_);
  auto reached = [&]() ABSL_SHARED_LOCKS_REQUIRED(mutex_) {
    return waiters_.size() == count;
  };
  return mutex_.AwaitWithDeadline(absl::Condition(&reached), deadline);
}

}  // namespace guestvoice::service::cluster
