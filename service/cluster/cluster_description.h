#ifndef GUESTVOICE_SERVICE_CLUSTER_CLUSTER_DESCRIPTION_H_
#define GUESTVOICE_SERVICE_CLUSTER_CLUSTER_DESCRIPTION_H_

// What AdminService.GetServerInfo tells operators of the cluster
// (ServerInfo.cluster): the node map as this node reads it, and how far
// this node has applied each partition of the command log.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "guestvoice/v1/admin.pb.h"
#include "service/cluster/node_map.h"

namespace guestvoice::service::cluster {

// What a node knows of itself and its cluster at one moment.
struct ClusterView {
  std::string node_id;
  // Every node in the node map, alive or not (NodeMap::Nodes).
  std::vector<NodeInfo> nodes;
  // This node's next offset (first command not applied) per partition.
  std::map<int32_t, int64_t> next_offsets;
  // Where each partition's log ends, as this node last heard.
  std::map<int32_t, int64_t> log_end_offsets;
  // The partitions this node stopped applying, and why.
  std::map<int32_t, absl::Status> stopped;
  // This node's clock now, which heartbeats' ages are measured by.
  absl::Time now;
};

v1::ClusterInfo DescribeCluster(const ClusterView& view);

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_CLUSTER_DESCRIPTION_H_
