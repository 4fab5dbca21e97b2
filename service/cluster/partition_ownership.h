#ifndef GUESTVOICE_SERVICE_CLUSTER_PARTITION_OWNERSHIP_H_
#define GUESTVOICE_SERVICE_CLUSTER_PARTITION_OWNERSHIP_H_

// Which command-topic partitions this node owns now: the seam for work that
// must happen once in the cluster, not once per node (re-analysis batches,
// expiry, scheduled tasks; docs/cluster.md, "What comes next", 6). Every
// node applies every partition (a warm standby of each); of all of them,
// only a partition's owner runs such work for the organizations in it
// (CommandPartition names an organization's partition).
//
// Ownership is a lease, not a lock: it can move at any moment (a rebalance,
// this node out of the group for too long), and for a moment after a node
// dies nobody owns its partitions. Work an owner starts must therefore go
// through the command log (its effect is a command, applied by every node,
// idempotent on replay), and be checked again before each step that must
// not run twice; the node that gains a partition resumes what the previous
// owner left unfinished.

#include <cstdint>
#include <set>

namespace guestvoice::service::cluster {

class PartitionOwnership {
 public:
  virtual ~PartitionOwnership() = default;

  // Whether this node owns `partition` now. Never blocks; safe from any
  // thread.
  virtual bool Owns(int32_t partition) const = 0;
  // Every partition this node owns now.
  virtual std::set<int32_t> Owned() const = 0;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_PARTITION_OWNERSHIP_H_
