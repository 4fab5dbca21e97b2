#ifndef GUESTVOICE_SERVICE_CLUSTER_TOPIC_VERIFICATION_H_
#define GUESTVOICE_SERVICE_CLUSTER_TOPIC_VERIFICATION_H_

// A node refuses to start on a command topic that would break the cluster
// mode's promises: too few replicas or min.insync.replicas below 2 lose
// acknowledged writes with one broker; a compacted command log loses
// commands; a partition count other than the cluster's moves organizations
// to other partitions. The node map's topic is checked alike, as compacted
// (NodeMapTopicRequirements). Checking is split from fetching so the rules
// are tested without a broker.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace RdKafka {
class Handle;
}

namespace guestvoice::service::cluster {

// What a broker says about a topic.
struct TopicDescription {
  std::string name;
  int32_t partitions = 0;
  // The smallest replica count of any partition.
  int32_t replication_factor = 0;
  // Topic configuration (min.insync.replicas, cleanup.policy, ...), with the
  // broker's defaults filled in; empty when configs were not fetched.
  std::map<std::string, std::string> configs;
};

struct TopicRequirements {
  // Exactly this many partitions, when set.
  std::optional<int32_t> partitions;
  // Why, and how to fix a topic with another count, for the error.
  std::string partitions_reason =
      "organizations map to partitions by hash, so the count is fixed: "
      "recreate the topic or start the nodes with its count";
  int32_t min_replication_factor = 3;
  int32_t min_insync_replicas = 2;
  // "delete" for the command log, "compact" for the node map.
  std::string cleanup_policy = "delete";
};

// What the node map's topic must be (tools/cluster creates it so): one
// partition, whose offsets order every node's entries (NodeMap::OwnerOf
// relies on it), compacted, since only each node's latest entry matters,
// and replicated as the command topic is.
TopicRequirements NodeMapTopicRequirements();

// How a node checks a topic it is about to use.
struct TopicCheck {
  TopicRequirements requirements;
  // DescribeConfigs (min.insync.replicas, cleanup.policy) needs a real
  // broker; librdkafka's mock cluster does not implement it, so its tests
  // check partitions and replicas only.
  bool check_configs = true;
  absl::Duration timeout = absl::Seconds(30);
};

// OK when `topic` meets `requirements`; otherwise FAILED_PRECONDITION naming
// every setting that is wrong, its value, the value needed and how to fix it.
// Configs absent from `topic.configs` are not checked.
absl::Status CheckTopic(const TopicDescription& topic,
                        const TopicRequirements& requirements);

// Asks the cluster `handle` is connected to for `topic`'s partitions,
// replicas and (when `with_configs`) its configuration. FAILED_PRECONDITION
// when the topic does not exist; UNAVAILABLE when the cluster does not
// answer within `timeout`.
absl::StatusOr<TopicDescription> DescribeTopic(RdKafka::Handle& handle,
                                               const std::string& topic,
                                               bool with_configs,
                                               absl::Duration timeout);

// DescribeTopic (with configs when check.check_configs) then CheckTopic;
// the description when the topic passes.
absl::StatusOr<TopicDescription> DescribeAndCheckTopic(RdKafka::Handle& handle,
                                                       const std::string& topic,
                                                       const TopicCheck& check);

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_TOPIC_VERIFICATION_H_
