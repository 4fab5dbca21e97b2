#include "service/cluster/cluster_stamp.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/tenancy/bootstrap.h"
#include "storage/keys.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::internal::v1::ClusterStamp;

std::string Describe(const ClusterStamp& stamp) {
  return absl::StrCat("Kafka cluster ", stamp.cluster_id(), " (",
                      stamp.command_partitions(), " command-topic partitions)");
}

}  // namespace

absl::StatusOr<std::optional<ClusterStamp>> ReadClusterStamp(
    const storage::Store& store) {
  ASSIGN_OR_RETURN(
      std::optional<std::string> stored,
      store.Get(storage::ColumnFamily::kDefault, storage::ClusterStampKey()));
  if (!stored.has_value()) return std::nullopt;
  ClusterStamp stamp;
  if (!stamp.ParseFromString(*stored)) {
    return absl::DataLossError("the state's cluster stamp is unreadable");
  }
  return stamp;
}

void PutClusterStamp(storage::WriteBatch& batch, const ClusterStamp& stamp) {
  batch.Put(storage::ColumnFamily::kDefault, storage::ClusterStampKey(),
            stamp.SerializeAsString());
}

absl::StatusOr<bool> CheckStateForCluster(const storage::Store& store,
                                          const ClusterStamp& cluster) {
  ASSIGN_OR_RETURN(std::optional<ClusterStamp> stamp, ReadClusterStamp(store));
  if (stamp.has_value()) {
    if (stamp->cluster_id() == cluster.cluster_id() &&
        stamp->command_partitions() == cluster.command_partitions()) {
      return false;
    }
    return PreconditionFailed(absl::StrCat(
        "the data dir ", store.data_dir(), " holds the state of ",
        Describe(*stamp), ", but this node joins ", Describe(cluster),
        ": a state applies one cluster's command log only; start the node "
        "on a fresh --data_dir (it rebuilds its state from the log)"));
  }
  ASSIGN_OR_RETURN(bool has_data, HasOrganizations(store));
  if (has_data) {
    return PreconditionFailed(absl::StrCat(
        "the data dir ", store.data_dir(),
        " holds data but no cluster stamp: it is an embedded guestvoiced's "
        "store (or a cluster node's from before stamps), which no command "
        "log produced; start the node on a fresh --data_dir (it rebuilds its "
        "state from ",
        Describe(cluster), "'s log)"));
  }
  return true;
}

absl::Status CheckStateForEmbedded(const storage::Store& store) {
  ASSIGN_OR_RETURN(std::optional<ClusterStamp> stamp, ReadClusterStamp(store));
  if (!stamp.has_value()) return absl::OkStatus();
  return PreconditionFailed(absl::StrCat(
      "the data dir ", store.data_dir(), " holds a cluster node's state (",
      Describe(*stamp),
      "), which only that cluster's command log keeps current: run it with "
      "the --cluster_* flags, or start the embedded server on another "
      "--data_dir"));
}

}  // namespace guestvoice::service::cluster
