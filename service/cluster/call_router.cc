#include "service/cluster/call_router.h"

#include <utility>
#include <vector>

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
  return caught_up_.load(std::memory_order_acquire) && !progress_.AnyStopped();
}

std::optional<std::string> ClusterCallRouter::ForwardAddress(
    std::string_view organization) const {
  const int32_t partition = CommandPartition(organization, partition_count_);
  if (caught_up_.load(std::memory_order_acquire) &&
      progress_.PartitionStatus(partition).ok()) {
    return std::nullopt;
  }
  std::optional<NodeInfo> owner = node_map_.OwnerOf(partition);
  if (owner.has_value() && owner->node_id != node_id_) {
    return std::move(owner->advertise_address);
  }
  // No other live owner: the assignment is moving, or this node owns the
  // partition yet stopped it (the group keeps it here). Of the other live
  // nodes that own partitions (so have caught up), the one furthest along
  // this partition answers.
  const NodeInfo* furthest = nullptr;
  int64_t furthest_offset = -1;
  const std::vector<NodeInfo> alive = node_map_.AliveNodes();
  for (const NodeInfo& node : alive) {
    if (node.node_id == node_id_ || node.owned_partitions.empty()) continue;
    auto applied = node.applied_offsets.find(partition);
    const int64_t offset =
        applied != node.applied_offsets.end() ? applied->second : 0;
    if (offset > furthest_offset) {
      furthest = &node;
      furthest_offset = offset;
    }
  }
  if (furthest == nullptr) return std::nullopt;
  return furthest->advertise_address;
}

}  // namespace guestvoice::service::cluster
