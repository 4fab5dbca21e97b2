#include "service/feedback/reanalysis_runner.h"

#include <utility>
#include <vector>

#include "common/status_macros.h"
#include "service/tenancy/operations.h"

namespace guestvoice::service {

absl::StatusOr<NextBatch> LocalReanalysisBatches::RunNext(
    const OperationName& name) {
  absl::StatusOr<bool> done = reanalysis_.RunBatch(name);
  if (done.ok()) return *done ? NextBatch::kFinished : NextBatch::kMore;
  // The operation ends with the error; had even that not been stored, it
  // stays not done and the next start tries again.
  FailOperation(deps_.store, name, done.status(), deps_.clock.Now())
      .IgnoreError();
  return NextBatch::kFinished;
}

ReanalysisRunner::~ReanalysisRunner() { Stop(); }

absl::Status ReanalysisRunner::Start(
    const storage::Store& store, std::unique_ptr<ReanalysisBatches> batches) {
  ASSIGN_OR_RETURN(std::vector<OperationName> unfinished,
                   ListUnfinishedOperations(store));
  batches_ = std::move(batches);
  for (OperationName& name : unfinished) Enqueue(std::move(name));
  thread_ = std::thread([this] { Run(); });
  return absl::OkStatus();
}

void ReanalysisRunner::Enqueue(OperationName name) {
  absl::MutexLock lock(&mutex_);
  for (const OperationName& queued : queue_) {
    if (queued.organization == name.organization &&
        queued.operation == name.operation) {
      return;
    }
  }
  queue_.push_back(std::move(name));
}

void ReanalysisRunner::WaitUntilIdle() {
  absl::MutexLock lock(&mutex_);
  mutex_.Await(absl::Condition(
      +[](ReanalysisRunner* runner) ABSL_EXCLUSIVE_LOCKS_REQUIRED(
           runner->mutex_) { return runner->queue_.empty(); },
      this));
}

void ReanalysisRunner::Stop() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void ReanalysisRunner::Run() {
  while (true) {
    OperationName name;
    {
      absl::MutexLock lock(&mutex_);
      mutex_.Await(absl::Condition(
          +[](ReanalysisRunner* runner)
               ABSL_EXCLUSIVE_LOCKS_REQUIRED(runner->mutex_) {
                 return runner->stopping_ || !runner->queue_.empty();
               },
          this));
      if (stopping_) return;
      name = queue_.front();
    }
    absl::StatusOr<NextBatch> next = batches_->RunNext(name);
    absl::MutexLock lock(&mutex_);
    if (!next.ok()) {
      // Tried again after the others' next batches and the delay (unless the
      // runner stops meanwhile): one organization's failing batches hold
      // nobody else's.
      queue_.pop_front();
      queue_.push_back(std::move(name));
      mutex_.AwaitWithTimeout(absl::Condition(&stopping_), kRetryDelay);
      continue;
    }
    if (*next == NextBatch::kElsewhere) {
      // Its turn comes again after the others'.
      queue_.pop_front();
      queue_.push_back(std::move(name));
      if (++elsewhere_in_a_row_ >= queue_.size()) {
        elsewhere_in_a_row_ = 0;
        mutex_.AwaitWithTimeout(absl::Condition(&stopping_), kRetryDelay);
      }
      continue;
    }
    elsewhere_in_a_row_ = 0;
    queue_.pop_front();
    // With more to do, its next batch comes after the others' next ones.
    if (*next == NextBatch::kMore) queue_.push_back(std::move(name));
  }
}

}  // namespace guestvoice::service
