#ifndef GUESTVOICE_SERVICE_CLUSTER_CLUSTER_REANALYSIS_H_
#define GUESTVOICE_SERVICE_CLUSTER_CLUSTER_REANALYSIS_H_

// Re-analysis in the cluster mode (docs/cluster.md, "What comes next", 1
// and 6). Creating the operation is a command like any other write; its
// batches are work that must happen once, so one node runs them: it scans
// and analyses on its own state and produces each batch as a command
// (kReanalysisBatchMethod), which every node applies, so every node holds
// the same items, figures and progress.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "analysis/feedback_analyzer.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "service/cluster/mutation_runner.h"
#include "service/core/domain_context.h"
#include "service/core/resource_names.h"
#include "service/feedback/reanalysis.h"
#include "service/feedback/reanalysis_runner.h"

namespace guestvoice::service::cluster {

// Whether the node `node_id` runs `operation`'s batches: today, the node
// that received the ReanalyzeFeedback and was recorded as its runner. The
// one place that decides it: when partition ownership (Kafka's group
// assignment) exists, taking over the operations of a runner that is gone
// belongs here.
bool RunsOperationHere(
    std::string_view node_id,
    const ::guestvoice::internal::v1::StoredOperation& operation);

// The cluster mode's ReanalysisBatches: the operations this node runs
// (RunsOperationHere) advance by a batch prepared on this node's state and
// produced through `mutations` (ClusterMutations), which waits until this
// node has applied it. Others' operations are left to their runners.
class ClusterReanalysisBatches final : public ReanalysisBatches {
 public:
  // How long one batch may take to be acknowledged and applied here before
  // the runner tries again (the batch may still land: the next one then
  // finds it applied).
  static constexpr absl::Duration kBatchDeadline = absl::Seconds(10);

  // `node`: this node's state (its store, locks, clock, ids). Everything
  // must outlive this.
  ClusterReanalysisBatches(
      std::string node_id, DomainContext node,
      const analysis::FeedbackAnalyzer& analyzer, MutationRunner& mutations,
      int64_t items_per_batch = FeedbackReanalysis::kDefaultItemsPerBatch)
      : node_id_(std::move(node_id)),
        node_(node),
        analyzer_(analyzer),
        mutations_(mutations),
        items_per_batch_(items_per_batch) {}

  absl::StatusOr<bool> RunNext(const OperationName& name) override;

 private:
  const std::string node_id_;
  DomainContext node_;
  const analysis::FeedbackAnalyzer& analyzer_;
  MutationRunner& mutations_;
  const int64_t items_per_batch_;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_CLUSTER_REANALYSIS_H_
