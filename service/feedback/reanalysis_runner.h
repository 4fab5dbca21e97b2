#ifndef GUESTVOICE_SERVICE_FEEDBACK_REANALYSIS_RUNNER_H_
#define GUESTVOICE_SERVICE_FEEDBACK_REANALYSIS_RUNNER_H_

#include <deque>
#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/core/domain_context.h"
#include "service/core/resource_names.h"
#include "service/feedback/reanalysis.h"
#include "storage/store.h"

namespace guestvoice::service {

// What is left of an operation after ReanalysisBatches::RunNext.
enum class NextBatch {
  // More batches: run the next one.
  kMore,
  // Nothing, for any runner: the operation is done, or not stored.
  kFinished,
  // Nothing now from this runner: another node runs the operation at the
  // moment, and it may come to this one later (a cluster's partition
  // owner leaving, say).
  kElsewhere,
};

// How a ReanalysisRunner advances an operation by one batch: on the store
// at once (the embedded mode, LocalReanalysisBatches), or as a command
// through a cluster's log (service/cluster/cluster_reanalysis.h).
class ReanalysisBatches {
 public:
  virtual ~ReanalysisBatches() = default;

  // Runs the next batch of `name`, if it is this runner's to run. An error
  // means "try again later" (the cluster is unreachable, say): the
  // operation stays queued. A failure no retry mends ends the operation
  // with it, done, and returns kFinished.
  virtual absl::StatusOr<NextBatch> RunNext(const OperationName& name) = 0;
};

// The embedded mode's batches: FeedbackReanalysis::RunBatch on the store; a
// batch that fails ends its operation with the error.
class LocalReanalysisBatches final : public ReanalysisBatches {
 public:
  // Both must outlive this.
  LocalReanalysisBatches(const FeedbackReanalysis& reanalysis,
                         DomainContext deps)
      : reanalysis_(reanalysis), deps_(deps) {}

  absl::StatusOr<NextBatch> RunNext(const OperationName& name) override;

 private:
  const FeedbackReanalysis& reanalysis_;
  DomainContext deps_;
};

// Runs re-analysis operations on a thread of its own, never on a call's, one
// batch at a time, so no lock is held longer than a batch and ingest goes on
// between batches. The queued operations take turns, one batch each, so that
// one organization's long operation does not hold the others' until it is
// done. An operation another node runs (kElsewhere) goes to the back of
// the queue and is asked again, until it is done or comes to this runner.
// Stopping ends the work between two batches; what is left stays stored as
// not done, and the next runner on the store resumes it.
class ReanalysisRunner {
 public:
  // How long the runner waits before it tries a batch again that failed
  // for now (ReanalysisBatches::RunNext's error), and before it asks again
  // about operations that all run elsewhere.
  static constexpr absl::Duration kRetryDelay = absl::Seconds(1);

  // Not running yet: Enqueue only queues until Start.
  ReanalysisRunner() = default;
  // Stop().
  ~ReanalysisRunner();
  ReanalysisRunner(const ReanalysisRunner&) = delete;
  ReanalysisRunner& operator=(const ReanalysisRunner&) = delete;

  // Queues the operations `store` holds as not done (a restarted server's
  // unfinished work), then starts the thread, which runs every queued
  // operation with `batches`. Once.
  absl::Status Start(const storage::Store& store,
                     std::unique_ptr<ReanalysisBatches> batches);

  // Queues the operation `name` (AdminService.ReanalyzeFeedback's), unless
  // it is queued already.
  void Enqueue(OperationName name);

  // Blocks until every queued operation is done, here or elsewhere (for
  // tests and tools).
  void WaitUntilIdle();

  // Ends the work after the batch in progress and joins the thread.
  // Idempotent.
  void Stop();

 private:
  void Run();

  std::unique_ptr<ReanalysisBatches> batches_;
  absl::Mutex mutex_;
  // The front one's batch is being run; each name once.
  std::deque<OperationName> queue_ ABSL_GUARDED_BY(mutex_);
  // How many operations in a row answered kElsewhere: once every queued one
  // has, the runner waits kRetryDelay before asking again.
  size_t elsewhere_in_a_row_ ABSL_GUARDED_BY(mutex_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_REANALYSIS_RUNNER_H_
