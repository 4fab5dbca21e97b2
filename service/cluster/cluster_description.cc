#include "service/cluster/cluster_description.h"

#include <algorithm>
#include <set>

#include "service/core/proto_time.h"

namespace guestvoice::service::cluster {

v1::ClusterInfo DescribeCluster(const ClusterView& view) {
  v1::ClusterInfo info;
  info.set_node_id(view.node_id);
  for (const NodeInfo& node : view.nodes) {
    v1::ClusterNodeInfo& described = *info.add_nodes();
    described.set_node_id(node.node_id);
    described.set_address(node.advertise_address);
    described.set_alive(node.alive);
    // A heartbeat from a clock slightly ahead of ours is not from the
    // future: it is fresh.
    *described.mutable_heartbeat_age() = ToProtoDuration(
        std::max(absl::ZeroDuration(), view.now - node.heartbeat_time));
    *described.mutable_start_time() = ToProtoTimestamp(node.start_time);
    for (int32_t partition : node.owned_partitions) {
      described.add_owned_partitions(partition);
    }
    for (const auto& [partition, next_offset] : node.applied_offsets) {
      v1::PartitionOffset& applied = *described.add_applied_offsets();
      applied.set_partition(partition);
      applied.set_next_offset(next_offset);
    }
  }
  std::set<int32_t> partitions;
  for (const auto& [partition, offset] : view.next_offsets) {
    partitions.insert(partition);
  }
  for (const auto& [partition, offset] : view.log_end_offsets) {
    partitions.insert(partition);
  }
  for (int32_t partition : partitions) {
    v1::PartitionProgress& progress = *info.add_partitions();
    progress.set_partition(partition);
    auto next = view.next_offsets.find(partition);
    const int64_t next_offset =
        next == view.next_offsets.end() ? 0 : next->second;
    auto end = view.log_end_offsets.find(partition);
    // The log reaches at least as far as this node applied it.
    const int64_t log_end = std::max(
        next_offset, end == view.log_end_offsets.end() ? 0 : end->second);
    progress.set_next_offset(next_offset);
    progress.set_log_end_offset(log_end);
    progress.set_lag(log_end - next_offset);
    if (auto stopped = view.stopped.find(partition);
        stopped != view.stopped.end()) {
      progress.set_stopped_reason(stopped->second.ToString());
    }
  }
  return info;
}

}  // namespace guestvoice::service::cluster
