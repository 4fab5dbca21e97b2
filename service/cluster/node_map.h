#ifndef GUESTVOICE_SERVICE_CLUSTER_NODE_MAP_H_
#define GUESTVOICE_SERVICE_CLUSTER_NODE_MAP_H_

// The nodes of a cluster as the compacted topic guestvoice.node-map tells of
// them: the latest entry each node published (NodeMapPublisher), fed in
// record by record (NodeMapReader). Answers which nodes are alive, which
// owns a command-topic partition, and where to forward a call for it.
// Callers never wait on Kafka: every answer comes from memory.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"

namespace guestvoice::service::cluster {

// One node, as its latest entry describes it.
struct NodeInfo {
  std::string node_id;
  // HOST:PORT of its gRPC API.
  std::string advertise_address;
  absl::Time start_time;
  // Command-topic partitions the group assignment gives it.
  std::set<int32_t> owned_partitions;
  // Partition -> offset of the first command its state has not applied.
  std::map<int32_t, int64_t> applied_offsets;
  absl::Time heartbeat_time;
  // Its heartbeat is at most the liveness timeout old.
  bool alive = false;
};

class NodeMap {
 public:
  // `clock` (which must outlive the map) tells how old each heartbeat is; a
  // node whose latest heartbeat is older than `liveness_timeout` counts as
  // down. Heartbeats carry the publishing node's clock, so the nodes' clocks
  // must agree to well within the timeout.
  NodeMap(const Clock& clock, absl::Duration liveness_timeout);

  NodeMap(const NodeMap&) = delete;
  NodeMap& operator=(const NodeMap&) = delete;

  // Takes in the record at `offset` of the node-map topic: `value` is a
  // NodeMapEntry, or nullopt for a tombstone (the node stopped cleanly and
  // leaves the map). A value that is not a well-formed entry of the node
  // named by `key` changes nothing (the node's previous entry stands) and
  // is INVALID_ARGUMENT saying what is wrong, for the caller to report.
  absl::Status Apply(int64_t offset, std::string_view key,
                     std::optional<std::string_view> value);

  // The live node that owns `partition`. While ownership moves, the old and
  // the new owner may both claim it until the old one publishes again; the
  // later claim (the larger offset of the record that first made it) wins,
  // so the answer needs no agreement between the nodes' clocks.
  std::optional<NodeInfo> OwnerOf(int32_t partition) const;
  // Where to send a call for `partition`: its owner's advertise address;
  // UNAVAILABLE when no live node owns it (the assignment is moving, or its
  // owner is down), which the caller may retry.
  absl::StatusOr<std::string> ForwardAddress(int32_t partition) const;
  // Every live node, by node id.
  std::vector<NodeInfo> AliveNodes() const;
  // Every node in the map, alive or not, by node id.
  std::vector<NodeInfo> Nodes() const;
  // The node's latest entry, alive or not; nullopt when it never published
  // one or left the map.
  std::optional<NodeInfo> Node(std::string_view node_id) const;

  // Counts the records taken in (well-formed or not).
  uint64_t version() const;
  // Waits up to `timeout` until a record past `version` has been taken in;
  // false when none came.
  bool AwaitNewerThan(uint64_t version, absl::Duration timeout) const;

 private:
  struct Entry {
    NodeInfo info;
    // Partition -> offset of the record from which this node has claimed
    // it without a break.
    std::map<int32_t, int64_t> claimed_since;
  };

  bool Alive(const Entry& entry) const ABSL_SHARED_LOCKS_REQUIRED(mutex_);
  NodeInfo Describe(const Entry& entry) const
      ABSL_SHARED_LOCKS_REQUIRED(mutex_);

  const Clock& clock_;
  const absl::Duration liveness_timeout_;
  mutable absl::Mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_ ABSL_GUARDED_BY(mutex_);
  uint64_t version_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_NODE_MAP_H_
