#ifndef GUESTVOICE_SERVICE_CLUSTER_TOPIC_VERIFICATION_H_
#define GUESTVOICE_SERVICE_CLUSTER_TOPIC_VERIFICATION_H_

// A node refuses to start on a command topic that would break the cluster
// mode's promises: too few replicas or min.insync.replicas below 2 lose
// acknowledged writes with one broker; a compacted command log loses
// commands; a partition count other than the cluster's moves organizations
// to other partitions. Checking is split from fetching so the rules are
// tested without a broker.

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
  int32_t min_replication_factor = 3;
  int32_t min_insync_replicas = 2;
  // "delete" for the command log, "compact" for the node map.
  std::string cleanup_policy = "delete";
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

// DescribeTopic (with configs) then CheckTopic.
absl::Status VerifyTopic(RdKafka::Handle& handle, const std::string& topic,
                         const TopicRequirements& requirements,
                         absl::Duration timeout);

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_TOPIC_VERIFICATION_H_
