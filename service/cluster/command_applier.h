#ifndef GUESTVOICE_SERVICE_CLUSTER_COMMAND_APPLIER_H_
#define GUESTVOICE_SERVICE_CLUSTER_COMMAND_APPLIER_H_

// Applies command records to a node's state, each in one WriteBatch with the
// partition's next offset (docs/cluster.md, "What comes next", 2): after a
// crash either both are stored or neither is, so the node resumes exactly
// after the last command it applied and applies nothing twice.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/striped_lock.h"
#include "guestvoice/internal/v1/commands.pb.h"
#include "service/cluster/applied_times.h"
#include "service/cluster/mutation_table.h"
#include "service/cluster/partition_consumer.h"
#include "storage/store.h"

namespace guestvoice::service::cluster {

// What applying one command came to.
struct AppliedCommand {
  // The command's id seed, which the node that produced it waits on
  // (command_results.h).
  std::string id_seed;
  // The mutation's own outcome (an error here is an answer, such as
  // NOT_FOUND, and the command counts as applied).
  absl::Status status;
  // The serialized response when `status` is OK.
  std::string response;
};

class CommandApplier {
 public:
  // Applies `table`'s replicated mutations to `store`, advancing
  // `applied_times` (which `store`'s request records expire by) with each
  // command applied; everything must outlive this. One thread at a time.
  CommandApplier(const MutationTable& table, storage::Store& store,
                 StripedLock& locks, StripedLock& organization_locks,
                 AppliedTimes& applied_times)
      : table_(table),
        store_(store),
        locks_(locks),
        organization_locks_(organization_locks),
        applied_times_(applied_times) {}

  // The first command this applier applies stores `stamp` in its WriteBatch
  // (a new state's: cluster_stamp.h).
  void StampWith(::guestvoice::internal::v1::ClusterStamp stamp) {
    stamp_ = std::move(stamp);
  }

  // The offset of the first command of `partition` the state has not
  // applied: 0 for a state that applied none.
  absl::StatusOr<int64_t> NextOffset(int32_t partition);

  // Applies `record` with the clock pinned at its receive time and ids drawn
  // from its seed, storing the partition's next offset (record.offset + 1)
  // in the same WriteBatch as its changes, or in a batch of its own when it
  // changes nothing. nullopt for a record the state has applied already.
  // An error means the partition must stop, the record not applied:
  // DATA_LOSS or FAILED_PRECONDITION for a record this node cannot read
  // (its format, its method, its request), or the store failed (its status,
  // or the mutation's DATA_LOSS, INTERNAL, UNKNOWN or UNAVAILABLE: a broken
  // state, which applying on would make differ from the other nodes').
  absl::StatusOr<std::optional<AppliedCommand>> Apply(
      const CommandRecord& record);

 private:
  const MutationTable& table_;
  storage::Store& store_;
  StripedLock& locks_;
  StripedLock& organization_locks_;
  AppliedTimes& applied_times_;
  // NextOffset's answers, kept current by Apply.
  absl::flat_hash_map<int32_t, int64_t> next_offsets_;
  // Until the first command is applied.
  std::optional<::guestvoice::internal::v1::ClusterStamp> stamp_;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_COMMAND_APPLIER_H_
