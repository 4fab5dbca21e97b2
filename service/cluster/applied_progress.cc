#include "service/cluster/applied_progress.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace guestvoice::service::cluster {

void AppliedProgress::Resumed(int32_t partition, int64_t next_offset) {
  absl::MutexLock lock(&mutex_);
  next_offsets_[partition] = next_offset;
  stopped_.erase(partition);
}

void AppliedProgress::Applied(int32_t partition, int64_t offset,
                              AppliedCommand command) {
  absl::MutexLock lock(&mutex_);
  next_offsets_[partition] = offset + 1;
  if (auto expected = expected_.find(command.id_seed);
      expected != expected_.end()) {
    expected->second.done = true;
    expected->second.command = std::move(command);
  }
}

void AppliedProgress::Stopped(int32_t partition, absl::Status reason) {
  absl::MutexLock lock(&mutex_);
  stopped_[partition] = std::move(reason);
}

void AppliedProgress::Expect(const std::string& id_seed) {
  absl::MutexLock lock(&mutex_);
  expected_[id_seed];
}

void AppliedProgress::Forget(const std::string& id_seed) {
  absl::MutexLock lock(&mutex_);
  expected_.erase(id_seed);
}

absl::Status AppliedProgress::StoppedLocked(int32_t partition) const {
  auto stopped = stopped_.find(partition);
  if (stopped == stopped_.end()) return absl::OkStatus();
  return absl::UnavailableError(
      absl::StrCat("this node stopped applying partition ", partition,
                   " of the command log: ", stopped->second.message()));
}

absl::StatusOr<AppliedCommand> AppliedProgress::AwaitOutcome(
    const std::string& id_seed, int32_t partition, absl::Time deadline) {
  absl::MutexLock lock(&mutex_);
  auto ready = [&]() ABSL_SHARED_LOCKS_REQUIRED(mutex_) {
    auto expected = expected_.find(id_seed);
    return expected == expected_.end() || expected->second.done ||
           stopped_.count(partition) > 0;
  };
  mutex_.AwaitWithDeadline(absl::Condition(&ready), deadline);
  auto expected = expected_.find(id_seed);
  if (expected == expected_.end()) {
    return absl::InternalError("a command's outcome was not expected");
  }
  if (expected->second.done) {
    AppliedCommand command = std::move(expected->second.command);
    expected_.erase(expected);
    return command;
  }
  expected_.erase(expected);
  if (absl::Status stopped = StoppedLocked(partition); !stopped.ok()) {
    return stopped;
  }
  return absl::DeadlineExceededError(absl::StrCat(
      "the write is in the command log (partition ", partition,
      ") but this node had not applied it by the call's deadline; it will "
      "be applied: retry with the same request_id to get its answer"));
}

absl::Status AppliedProgress::AwaitOffset(int32_t partition, int64_t offset,
                                          absl::Time deadline) {
  absl::MutexLock lock(&mutex_);
  auto ready = [&]() ABSL_SHARED_LOCKS_REQUIRED(mutex_) {
    auto next = next_offsets_.find(partition);
    return (next != next_offsets_.end() && next->second > offset) ||
           stopped_.count(partition) > 0;
  };
  mutex_.AwaitWithDeadline(absl::Condition(&ready), deadline);
  if (auto next = next_offsets_.find(partition);
      next != next_offsets_.end() && next->second > offset) {
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(StoppedLocked(partition));
  return absl::DeadlineExceededError(
      absl::StrCat("this node had not applied partition ", partition,
                   " up to offset ", offset, " by the call's deadline"));
}

std::map<int32_t, int64_t> AppliedProgress::next_offsets() const {
  absl::MutexLock lock(&mutex_);
  return next_offsets_;
}

std::map<int32_t, absl::Status> AppliedProgress::stopped() const {
  absl::MutexLock lock(&mutex_);
  return stopped_;
}

}  // namespace guestvoice::service::cluster
