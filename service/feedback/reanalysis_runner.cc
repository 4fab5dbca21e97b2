#include "service/feedback/reanalysis_runner.h"

#include <utility>
#include <vector>

#include "common/status_macros.h"
#include "service/tenancy/operations.h"

namespace guestvoice::service {

absl::StatusOr<std::unique_ptr<ReanalysisRunner>> ReanalysisRunner::Start(
    const FeedbackReanalysis& reanalysis, DomainContext deps) {
  ASSIGN_OR_RETURN(std::vector<OperationName> unfinished,
                   ListUnfinishedOperations(deps.store));
  std::unique_ptr<ReanalysisRunner> runner(
      new ReanalysisRunner(reanalysis, deps));
  {
    absl::MutexLock lock(&runner->mutex_);
    for (OperationName& name : unfinished) {
      runner->queue_.push_back(std::move(name));
    }
  }
  runner->thread_ = std::thread([runner = runner.get()] { runner->Run(); });
  return runner;
}

ReanalysisRunner::ReanalysisRunner(const FeedbackReanalysis& reanalysis,
                                   DomainContext deps)
    : reanalysis_(reanalysis), deps_(deps) {}

ReanalysisRunner::~ReanalysisRunner() { Stop(); }

absl::Status ReanalysisRunner::Reanalyze(
    const Principal& caller, const v1::ReanalyzeFeedbackRequest& request,
    v1::Operation& response) {
  RETURN_IF_ERROR(reanalysis_.Start(caller, request, response));
  ASSIGN_OR_RETURN(OperationName name,
                   ParseOperationName("name", response.name()));
  Enqueue(std::move(name));
  return absl::OkStatus();
}

void ReanalysisRunner::Enqueue(OperationName name) {
  absl::MutexLock lock(&mutex_);
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
    absl::StatusOr<bool> done = reanalysis_.RunBatch(name);
    if (!done.ok()) {
      // The operation ends with the error; had even that not been stored,
      // it stays not done and the next start tries again.
      FailOperation(deps_.store, name, done.status(), deps_.clock.Now())
          .IgnoreError();
    }
    if (!done.ok() || *done) {
      absl::MutexLock lock(&mutex_);
      queue_.pop_front();
    }
  }
}

}  // namespace guestvoice::service
