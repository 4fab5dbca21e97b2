#ifndef GUESTVOICE_SERVICE_CLUSTER_CALL_ROUTER_H_
#define GUESTVOICE_SERVICE_CLUSTER_CALL_ROUTER_H_

// Where a call about an organization is answered: by this node, or by the
// node at another address (docs/cluster.md, "Forwarding"). The call is
// routed on the organization its request names, before it is
// authenticated: a node that cannot answer for an organization may not
// hold its keys either.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "service/cluster/applied_progress.h"
#include "service/cluster/node_map.h"

namespace guestvoice::service::cluster {

class CallRouter {
 public:
  virtual ~CallRouter() = default;

  // True when this node answers every organization itself now, so that a
  // call need not be looked into. Never blocks.
  virtual bool AnswersEverything() const = 0;
  // The address of the node that answers a call about `organization`, or
  // nullopt when this node does. Never blocks.
  virtual std::optional<std::string> ForwardAddress(
      std::string_view organization) const = 0;
};

// A cluster node's router. A node answers an organization itself once it
// has caught up with the log (at start it replays what the others applied
// long ago) and while the organization's partition runs here (a command it
// cannot apply stops a partition on this node only when the others could,
// e.g. a node of an older build). Otherwise it forwards to the partition's
// owner in the node map, which has caught up (nodes join the ownership
// group only then); with no live owner other than itself (the assignment is
// moving, or the partition stopped on this node, its owner), to the other
// live owner of partitions furthest along this one. With none, it answers
// as it can: a write still goes through the log and completes once this
// node has applied it, a read answers from the state it has.
class ClusterCallRouter final : public CallRouter {
 public:
  // `progress` and `node_map` must outlive the router.
  ClusterCallRouter(std::string node_id, int32_t partition_count,
                    const AppliedProgress& progress, const NodeMap& node_map);

  // This node has caught up with the log. Any thread.
  void MarkCaughtUp() { caught_up_.store(true, std::memory_order_release); }

  bool AnswersEverything() const override;
  std::optional<std::string> ForwardAddress(
      std::string_view organization) const override;

 private:
  const std::string node_id_;
  const int32_t partition_count_;
  const AppliedProgress& progress_;
  const NodeMap& node_map_;
  std::atomic<bool> caught_up_{false};
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_CALL_ROUTER_H_
