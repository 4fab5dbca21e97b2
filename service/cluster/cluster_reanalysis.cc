#include "service/cluster/cluster_reanalysis.h"

#include <optional>
#include <utility>

#include "common/status_macros.h"
#include "guestvoice/internal/v1/commands.pb.h"
#include "guestvoice/v1/operation.pb.h"
#include "service/cluster/command_partition.h"
#include "service/core/principal.h"
#include "service/tenancy/operations.h"

namespace guestvoice::service::cluster {

bool RunsOperationHere(const PartitionOwnership& ownership,
                       int32_t partition_count,
                       const OperationName& operation) {
  return ownership.Owns(
      CommandPartition(operation.organization, partition_count));
}

absl::StatusOr<NextBatch> ClusterReanalysisBatches::RunNext(
    const OperationName& name) {
  ASSIGN_OR_RETURN(std::optional<internal::v1::StoredOperation> stored,
                   ReadStoredOperation(node_.store, name));
  if (!stored.has_value() || stored->operation().done()) {
    return NextBatch::kFinished;
  }
  if (!RunsOperationHere(ownership_, partition_count_, name)) {
    return NextBatch::kElsewhere;
  }
  const FeedbackReanalysis reanalysis(node_, analyzer_, items_per_batch_);
  absl::StatusOr<std::optional<internal::v1::ReanalysisBatchRequest>> prepared =
      reanalysis.PrepareBatch(name);
  internal::v1::ReanalysisBatchRequest batch;
  if (prepared.ok()) {
    if (!prepared->has_value()) return NextBatch::kFinished;
    batch = **std::move(prepared);
  } else {
    // This state cannot be read for the batch (an unreadable item): the
    // operation ends with the error, on every node alike.
    batch.set_operation(stored->operation().name());
    batch.set_after_feedback_id(stored->feedback_cursor());
    // absl status codes are google.rpc.Code's numbers.
    batch.set_error_code(static_cast<int32_t>(prepared.status().code()));
    batch.set_error_message(std::string(prepared.status().message()));
  }
  // The batch is no caller's: it is the system's, in the organization.
  const Principal runner(name.organization, "", {});
  v1::Operation operation;
  // On the re-analysis runner's own thread, never a server's worker.
  absl::StatusOr<std::string> ran = RunAndWait(
      mutations_, runner, batch, operation, absl::Now() + kBatchDeadline);
  if (ran.status().code() == absl::StatusCode::kAborted) {
    // Prepared from a state behind the log (a batch of this runner's, or
    // of the partition's previous owner, that was still on its way came
    // first): prepare the next one again.
    return NextBatch::kMore;
  }
  RETURN_IF_ERROR(ran.status());
  return operation.done() ? NextBatch::kFinished : NextBatch::kMore;
}

}  // namespace guestvoice::service::cluster
