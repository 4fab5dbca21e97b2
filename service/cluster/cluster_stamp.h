#ifndef GUESTVOICE_SERVICE_CLUSTER_CLUSTER_STAMP_H_
#define GUESTVOICE_SERVICE_CLUSTER_CLUSTER_STAMP_H_

// Which Kafka cluster a node's state belongs to (issue 15, "Bad input and
// faults"). A state is a function of one cluster's command log: applied to
// another cluster's log, or to a log on top of data that came from no log
// (an embedded store), it would answer with data that cluster never held
// and differ from every other node. So the first command a node applies
// stores the cluster's id and the command topic's partition count in its
// WriteBatch (CommandApplier::StampWith), and a node refuses, at start, a
// state stamped by another cluster or holding data without a stamp; an
// embedded server refuses a cluster node's state.

#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "guestvoice/internal/v1/commands.pb.h"
#include "storage/store.h"

namespace guestvoice::service::cluster {

// The stamp `store` carries, or nullopt.
absl::StatusOr<std::optional<::guestvoice::internal::v1::ClusterStamp>>
ReadClusterStamp(const storage::Store& store);

// Adds `stamp` to `batch`.
void PutClusterStamp(storage::WriteBatch& batch,
                     const ::guestvoice::internal::v1::ClusterStamp& stamp);

// Whether a node of the cluster `cluster` may start on `store`: true when
// the store holds nothing yet and must be stamped with its first command;
// false when it is stamped with `cluster`. FAILED_PRECONDITION, saying what
// was found and what to do, for a state of another cluster (or another
// partition count) and for one with data but no stamp.
absl::StatusOr<bool> CheckStateForCluster(
    const storage::Store& store,
    const ::guestvoice::internal::v1::ClusterStamp& cluster);

// Whether an embedded server may start on `store`: FAILED_PRECONDITION for
// a cluster node's state, which only the cluster's log keeps current.
absl::Status CheckStateForEmbedded(const storage::Store& store);

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_CLUSTER_STAMP_H_
