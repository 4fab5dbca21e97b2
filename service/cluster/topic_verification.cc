#include "service/cluster/topic_verification.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "service/cluster/kafka_status.h"

namespace guestvoice::service::cluster {
namespace {

// Between DescribeConfigs attempts while a new topic propagates.
constexpr absl::Duration kPropagationBackoff = absl::Milliseconds(200);

int TimeoutMs(absl::Duration timeout) {
  return static_cast<int>(
      std::clamp<int64_t>(absl::ToInt64Milliseconds(timeout), 1, 1 << 30));
}

absl::Status FetchPartitions(RdKafka::Handle& handle,
                             TopicDescription& description,
                             absl::Duration timeout) {
  std::string error;
  std::unique_ptr<RdKafka::Topic> topic(
      RdKafka::Topic::create(&handle, description.name, nullptr, error));
  if (topic == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("topic ", description.name, ": ", error));
  }
  RdKafka::Metadata* raw = nullptr;
  const RdKafka::ErrorCode code =
      handle.metadata(false, topic.get(), &raw, TimeoutMs(timeout));
  std::unique_ptr<RdKafka::Metadata> metadata(raw);
  const std::string context =
      absl::StrCat("describing topic ", description.name);
  if (code != RdKafka::ERR_NO_ERROR) return KafkaStatus(code, context);
  for (const RdKafka::TopicMetadata* found : *metadata->topics()) {
    if (found->topic() != description.name) continue;
    if (found->err() == RdKafka::ERR_UNKNOWN_TOPIC_OR_PART ||
        found->partitions()->empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("topic ", description.name,
                       " does not exist: create it (tools/cluster up does, "
                       "docs/cluster.md lists its settings)"));
    }
    if (found->err() != RdKafka::ERR_NO_ERROR) {
      return KafkaStatus(found->err(), context);
    }
    description.partitions = static_cast<int32_t>(found->partitions()->size());
    int32_t replicas = INT32_MAX;
    for (const RdKafka::PartitionMetadata* partition : *found->partitions()) {
      replicas = std::min(replicas,
                          static_cast<int32_t>(partition->replicas()->size()));
    }
    description.replication_factor = replicas;
    return absl::OkStatus();
  }
  return absl::UnavailableError(absl::StrCat(
      context, ": the cluster's metadata does not mention the topic"));
}

// librdkafka's C++ API has no admin client; DescribeConfigs is in the C API,
// on the same handle.
absl::Status FetchConfigs(RdKafka::Handle& handle,
                          TopicDescription& description,
                          absl::Duration timeout) {
  rd_kafka_t* kafka = handle.c_ptr();
  const std::string context =
      absl::StrCat("describing the configuration of topic ", description.name);
  std::unique_ptr<rd_kafka_queue_t, decltype(&rd_kafka_queue_destroy)> queue(
      rd_kafka_queue_new(kafka), &rd_kafka_queue_destroy);
  std::unique_ptr<rd_kafka_AdminOptions_t,
                  decltype(&rd_kafka_AdminOptions_destroy)>
      options(
          rd_kafka_AdminOptions_new(kafka, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS),
          &rd_kafka_AdminOptions_destroy);
  char error[256];
  rd_kafka_AdminOptions_set_request_timeout(options.get(), TimeoutMs(timeout),
                                            error, sizeof(error));
  rd_kafka_ConfigResource_t* resource = rd_kafka_ConfigResource_new(
      RD_KAFKA_RESOURCE_TOPIC, description.name.c_str());
  rd_kafka_DescribeConfigs(kafka, &resource, 1, options.get(), queue.get());
  rd_kafka_ConfigResource_destroy(resource);
  // The request carries its own timeout; the margin lets its timeout
  // result, with its reason, arrive before ours.
  std::unique_ptr<rd_kafka_event_t, decltype(&rd_kafka_event_destroy)> event(
      rd_kafka_queue_poll(queue.get(), TimeoutMs(timeout + absl::Seconds(5))),
      &rd_kafka_event_destroy);
  if (event == nullptr) {
    return absl::UnavailableError(
        absl::StrCat(context, ": no answer from the cluster"));
  }
  if (rd_kafka_event_error(event.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return KafkaStatus(
        static_cast<RdKafka::ErrorCode>(rd_kafka_event_error(event.get())),
        context, rd_kafka_event_error_string(event.get()));
  }
  const rd_kafka_DescribeConfigs_result_t* result =
      rd_kafka_event_DescribeConfigs_result(event.get());
  size_t resource_count = 0;
  const rd_kafka_ConfigResource_t** resources =
      rd_kafka_DescribeConfigs_result_resources(result, &resource_count);
  if (resource_count != 1) {
    return absl::UnavailableError(absl::StrCat(
        context, ": the cluster answered for ", resource_count, " topics"));
  }
  if (rd_kafka_ConfigResource_error(resources[0]) !=
      RD_KAFKA_RESP_ERR_NO_ERROR) {
    return KafkaStatus(static_cast<RdKafka::ErrorCode>(
                           rd_kafka_ConfigResource_error(resources[0])),
                       context,
                       rd_kafka_ConfigResource_error_string(resources[0]));
  }
  size_t entry_count = 0;
  const rd_kafka_ConfigEntry_t** entries =
      rd_kafka_ConfigResource_configs(resources[0], &entry_count);
  for (size_t i = 0; i < entry_count; ++i) {
    const char* value = rd_kafka_ConfigEntry_value(entries[i]);
    description.configs[rd_kafka_ConfigEntry_name(entries[i])] =
        value == nullptr ? "" : value;
  }
  return absl::OkStatus();
}

}  // namespace

TopicRequirements NodeMapTopicRequirements() {
  TopicRequirements requirements;
  requirements.partitions = 1;
  requirements.partitions_reason =
      "one partition's offsets order every node's entries: recreate the "
      "topic with 1 partition";
  requirements.cleanup_policy = "compact";
  return requirements;
}

absl::Status CheckTopic(const TopicDescription& topic,
                        const TopicRequirements& requirements) {
  std::vector<std::string> problems;
  if (requirements.partitions.has_value() &&
      topic.partitions != *requirements.partitions) {
    problems.push_back(absl::StrCat(
        "partitions is ", topic.partitions, ", the cluster uses ",
        *requirements.partitions, " (", requirements.partitions_reason, ")"));
  }
  if (topic.replication_factor < requirements.min_replication_factor) {
    problems.push_back(
        absl::StrCat("replication factor is ", topic.replication_factor,
                     ", needs at least ", requirements.min_replication_factor,
                     " (reassign partitions with kafka-reassign-partitions)"));
  }
  if (auto found = topic.configs.find("min.insync.replicas");
      found != topic.configs.end()) {
    int32_t min_insync = 0;
    if (!absl::SimpleAtoi(found->second, &min_insync) ||
        min_insync < requirements.min_insync_replicas) {
      problems.push_back(absl::StrCat(
          "min.insync.replicas is ", found->second, ", needs at least ",
          requirements.min_insync_replicas,
          " (kafka-configs --alter --entity-type topics --entity-name ",
          topic.name, " --add-config min.insync.replicas=",
          requirements.min_insync_replicas, ")"));
    }
  }
  if (auto found = topic.configs.find("cleanup.policy");
      found != topic.configs.end() &&
      found->second != requirements.cleanup_policy) {
    problems.push_back(absl::StrCat(
        "cleanup.policy is ", found->second, ", needs ",
        requirements.cleanup_policy, " (kafka-configs --alter ",
        "--entity-type topics --entity-name ", topic.name,
        " --add-config cleanup.policy=", requirements.cleanup_policy, ")"));
  }
  if (problems.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("topic ", topic.name,
                   " is misconfigured: ", absl::StrJoin(problems, "; ")));
}

absl::StatusOr<TopicDescription> DescribeTopic(RdKafka::Handle& handle,
                                               const std::string& topic,
                                               bool with_configs,
                                               absl::Duration timeout) {
  TopicDescription description;
  description.name = topic;
  if (absl::Status status = FetchPartitions(handle, description, timeout);
      !status.ok()) {
    return status;
  }
  if (!with_configs) return description;
  // Metadata said the topic exists; a broker that answers DescribeConfigs
  // with "unknown topic" has not yet learnt of it from the controller (a
  // topic created moments ago). Ask again until it has, within `timeout`.
  const absl::Time give_up = absl::Now() + timeout;
  while (true) {
    description.configs.clear();
    absl::Status status = FetchConfigs(handle, description, timeout);
    if (status.ok()) return description;
    if (!absl::StrContains(status.message(), "UNKNOWN_TOPIC_OR_PART") ||
        absl::Now() + kPropagationBackoff > give_up) {
      return status;
    }
    absl::SleepFor(kPropagationBackoff);
  }
}

absl::StatusOr<TopicDescription> DescribeAndCheckTopic(
    RdKafka::Handle& handle, const std::string& topic,
    const TopicCheck& check) {
  absl::StatusOr<TopicDescription> description =
      DescribeTopic(handle, topic, check.check_configs, check.timeout);
  if (!description.ok()) return description.status();
  if (absl::Status status = CheckTopic(*description, check.requirements);
      !status.ok()) {
    return status;
  }
  return description;
}

}  // namespace guestvoice::service::cluster
