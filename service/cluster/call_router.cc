#include "service/cluster/call_router.h"

#include <utility>

#include "service/cluster/command_partition.h"

namespace guestvoice::service::cluster {

ClusterCallRouter::ClusterCallRouter(std::string node_id,
                                     int32_t partition_count,
                                     const AppliedProgress& progress,
                                     const NodeMap& node_map)
    : node_id_(std::move(node_id)),
      partition_count_(partition_count),
      progress_(progress),
      node_map_(node_map) {}

bool ClusterCallRouter::AnswersEverything() const {
  return caught_up_.load(std::memory_order_acquire) &&
         progress_.stopped().empty();
}

std::optional<std::string> ClusterCallRouter::ForwardAddress(
    std::string_view organization) const {
  const int32_t partition = CommandPartition(organization, partition_count_);
  if (caught_up_.load(std::memory_order_acquire) &&
      progress_.PartitionStatus(partition).ok()) {
    return std::nullopt;
  }
  std::optional<NodeInfo> owner = node_map_.OwnerOf(partition);
  if (!owner.has_value() || owner->node_id == node_id_) return std::nullopt;
  return std::move(owner->advertise_address);
}

}  // namespace guestvoice::service::cluster
