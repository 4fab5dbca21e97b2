#ifndef GUESTVOICE_SERVICE_FEEDBACK_REANALYSIS_H_
#define GUESTVOICE_SERVICE_FEEDBACK_REANALYSIS_H_

// Re-analysis of stored feedback (AdminService.ReanalyzeFeedback), a
// long-running operation (tenancy/operations.h): after an upgrade of the
// analyser or an edit of the aspect taxonomy, every stored item of an
// organization is analysed again, and where its analysis changed, its
// contributions to the pre-aggregates and its negative quotes move with it:
// the old ones subtracted, the new ones added, in the item's own WriteBatch
// under the locks ingest and case updates take. The figures are exact at
// every moment, and an item re-analysed twice (the same analyser gives the
// same analysis) changes nothing the second time.

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "analysis/feedback_analyzer.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "guestvoice/v1/operation.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"
#include "service/core/resource_names.h"

namespace guestvoice::service {

class FeedbackReanalysis {
 public:
  // Items per batch: bounds how long one batch holds its stripes, so ingest
  // never waits long behind a re-analysis.
  static constexpr int64_t kDefaultItemsPerBatch = 100;

  FeedbackReanalysis(DomainContext deps,
                     const analysis::FeedbackAnalyzer& analyzer,
                     int64_t items_per_batch = kDefaultItemsPerBatch)
      : deps_(deps), analyzer_(analyzer), items_per_batch_(items_per_batch) {}

  // AdminService.ReanalyzeFeedback: stores a new operation of the parent
  // organization, not done, and returns it. The work is RunBatch's: the
  // caller hands the operation to a runner (reanalysis_runner.h).
  absl::Status Start(const Principal& caller,
                     const v1::ReanalyzeFeedbackRequest& request,
                     v1::Operation& response) const;

  // Re-analyses the operation's next batch of items (in key order, after the
  // stored cursor) and stores the new cursor and progress in the same
  // WriteBatch as the items, so a restart resumes exactly where it stopped.
  // The analysis, the expensive part, is done before any lock is taken.
  // Returns whether the operation is done (also when it was already, or is
  // not stored). Items whose text is gone (erased guests) keep the analysis
  // they had.
  absl::StatusOr<bool> RunBatch(const OperationName& name) const;

 private:
  DomainContext deps_;
  const analysis::FeedbackAnalyzer& analyzer_;
  int64_t items_per_batch_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_REANALYSIS_H_
