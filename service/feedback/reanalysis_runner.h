#ifndef GUESTVOICE_SERVICE_FEEDBACK_REANALYSIS_RUNNER_H_
#define GUESTVOICE_SERVICE_FEEDBACK_REANALYSIS_RUNNER_H_

#include <deque>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "guestvoice/v1/operation.pb.h"
#include "service/core/principal.h"
#include "service/core/resource_names.h"
#include "service/feedback/reanalysis.h"

namespace guestvoice::service {

// Runs re-analysis operations on a thread of its own, never on a call's: one
// operation at a time, in the order they were started, one batch after
// another, so no lock is held longer than a batch and ingest goes on between
// batches. Stopping ends the work between two batches; what is left stays
// stored as not done, and the next runner on the store resumes it.
class ReanalysisRunner {
 public:
  // Queues the operations the store holds as not done (a restarted server's
  // unfinished work), then starts the thread.
  static absl::StatusOr<std::unique_ptr<ReanalysisRunner>> Start(
      const FeedbackReanalysis& reanalysis, DomainContext deps);

  // Stop().
  ~ReanalysisRunner();
  ReanalysisRunner(const ReanalysisRunner&) = delete;
  ReanalysisRunner& operator=(const ReanalysisRunner&) = delete;

  // AdminService.ReanalyzeFeedback: FeedbackReanalysis::Start, and the new
  // operation queued.
  absl::Status Reanalyze(const Principal& caller,
                         const v1::ReanalyzeFeedbackRequest& request,
                         v1::Operation& response);

  // Blocks until every queued operation is done (for tests and tools).
  void WaitUntilIdle();

  // Ends the work after the batch in progress and joins the thread.
  // Idempotent.
  void Stop();

 private:
  ReanalysisRunner(const FeedbackReanalysis& reanalysis, DomainContext deps);
  void Enqueue(OperationName name);
  void Run();

  const FeedbackReanalysis& reanalysis_;
  DomainContext deps_;
  absl::Mutex mutex_;
  // The front one is being run.
  std::deque<OperationName> queue_ ABSL_GUARDED_BY(mutex_);
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_REANALYSIS_RUNNER_H_
