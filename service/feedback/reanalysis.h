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
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "analysis/feedback_analyzer.h"
#include "guestvoice/internal/v1/commands.pb.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "guestvoice/v1/operation.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"
#include "service/core/resource_names.h"

namespace guestvoice::service {

// A batch goes in two steps, as ingest does (docs/cluster.md): PrepareBatch
// reads the state and analyses, taking no lock, and ApplyBatch writes. The
// embedded mode runs both at once (RunBatch); in a cluster the operation's
// runner prepares each batch on its state and every node applies it as a
// command.
class FeedbackReanalysis {
 public:
  // Items per batch: bounds how long one batch holds its stripes, so ingest
  // never waits long behind a re-analysis.
  static constexpr int64_t kDefaultItemsPerBatch = 100;

  FeedbackReanalysis(DomainContext deps,
                     const analysis::FeedbackAnalyzer& analyzer,
                     int64_t items_per_batch = kDefaultItemsPerBatch)
      : deps_(deps), analyzer_(analyzer), items_per_batch_(items_per_batch) {}

  // What the receiving node decides for a new operation: this analyser's
  // taxonomy.
  internal::v1::PreparedReanalysis Prepare() const;

  // AdminService.ReanalyzeFeedback: stores a new operation of the parent
  // organization, not done, run as `prepared` says, and returns it; or
  // returns the organization's operation started by `prepared`'s build with
  // its taxonomy that is not done yet, which does the same work. The work is
  // the batches': the caller hands the operation to a runner
  // (reanalysis_runner.h).
  absl::Status Start(const Principal& caller,
                     const v1::ReanalyzeFeedbackRequest& request,
                     const internal::v1::PreparedReanalysis& prepared,
                     v1::Operation& response) const;
  // Start with Prepare().
  absl::Status Start(const Principal& caller,
                     const v1::ReanalyzeFeedbackRequest& request,
                     v1::Operation& response) const;

  // The operation's next batch (the items in key order after the stored
  // cursor, analysed here), or nullopt when it is done or not stored. Reads
  // the state, takes no lock, writes nothing.
  absl::StatusOr<std::optional<internal::v1::ReanalysisBatchRequest>>
  PrepareBatch(const OperationName& name) const;

  // Applies `batch`: the items whose text is still the one analysed and
  // whose analysis changed get the new one, their contributions moved, and
  // the operation's cursor and progress are stored in the same WriteBatch,
  // so a restart resumes exactly where it stopped. Items whose text is gone
  // (erased guests) keep the analysis they had. ABORTED, changing nothing,
  // for a batch that does not continue the stored cursor (one prepared from
  // an older state, or for an operation already done); NOT_FOUND for an
  // operation not stored. `response`: the operation after the batch.
  absl::Status ApplyBatch(const internal::v1::ReanalysisBatchRequest& batch,
                          v1::Operation& response) const;

  // The embedded mode: PrepareBatch, then ApplyBatch. Returns whether the
  // operation is done (also when it was already, or is not stored).
  absl::StatusOr<bool> RunBatch(const OperationName& name) const;

 private:
  DomainContext deps_;
  const analysis::FeedbackAnalyzer& analyzer_;
  int64_t items_per_batch_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_REANALYSIS_H_
