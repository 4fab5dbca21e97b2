#ifndef GUESTVOICE_SERVICE_CLUSTER_CLUSTER_REANALYSIS_H_
#define GUESTVOICE_SERVICE_CLUSTER_CLUSTER_REANALYSIS_H_

// Re-analysis in the cluster mode (docs/cluster.md, "What comes next", 1
// and 6). Creating the operation is a command like any other write; its
// batches are work that must happen once, so one node runs them, the owner
// of the organization's partition: it scans and analyses on its own state
// and produces each batch as a command (kReanalysisBatchMethod), which every
// node applies, so every node holds the same items, figures and progress.
// When the owner goes, the partition's next owner continues from the stored
// cursor; for the moment two nodes both think they own it, a batch that does
// not continue the cursor is refused (ABORTED), so none is applied twice.

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "analysis/feedback_analyzer.h"
#include "service/cluster/mutation_runner.h"
#include "service/cluster/partition_ownership.h"
#include "service/core/domain_context.h"
#include "service/core/resource_names.h"
#include "service/feedback/reanalysis.h"
#include "service/feedback/reanalysis_runner.h"

namespace guestvoice::service::cluster {

// Whether this node runs the batches of `operation` now: it owns the
// command partition of the operation's organization (of
// `partition_count`). The one place that decides it.
bool RunsOperationHere(const PartitionOwnership& ownership,
                       int32_t partition_count, const OperationName& operation);

// The cluster mode's ReanalysisBatches: the operations this node runs
// (RunsOperationHere) advance by a batch prepared on this node's state and
// produced through `mutations` (ClusterMutations), which waits until this
// node has applied it. Others' operations are kElsewhere until done or
// this node gains their partition.
class ClusterReanalysisBatches final : public ReanalysisBatches {
 public:
  // How long one batch may take to be acknowledged and applied here before
  // the runner tries again (the batch may still land: the next one then
  // finds it applied).
  static constexpr absl::Duration kBatchDeadline = absl::Seconds(10);

  // `ownership`: this node's partitions of the command topic's
  // `partition_count`. `node`: this node's state (its store, locks, clock,
  // ids). Everything must outlive this.
  ClusterReanalysisBatches(
      const PartitionOwnership& ownership, int32_t partition_count,
      DomainContext node, const analysis::FeedbackAnalyzer& analyzer,
      MutationRunner& mutations,
      int64_t items_per_batch = FeedbackReanalysis::kDefaultItemsPerBatch)
      : ownership_(ownership),
        partition_count_(partition_count),
        node_(node),
        analyzer_(analyzer),
        mutations_(mutations),
        items_per_batch_(items_per_batch) {}

  absl::StatusOr<NextBatch> RunNext(const OperationName& name) override;

 private:
  const PartitionOwnership& ownership_;
  const int32_t partition_count_;
  DomainContext node_;
  const analysis::FeedbackAnalyzer& analyzer_;
  MutationRunner& mutations_;
  const int64_t items_per_batch_;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_CLUSTER_REANALYSIS_H_
