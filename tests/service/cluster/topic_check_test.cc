#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/cluster/topic_verification.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

TopicDescription GoodCommandTopic() {
  TopicDescription topic;
  topic.name = "guestvoice.commands";
  topic.partitions = 12;
  topic.replication_factor = 3;
  topic.configs = {{"min.insync.replicas", "2"},
                   {"cleanup.policy", "delete"},
                   {"retention.ms", "-1"}};
  return topic;
}

TopicRequirements CommandRequirements() {
  TopicRequirements requirements;
  requirements.partitions = 12;
  return requirements;
}

TEST(CheckTopicTest, AcceptsATopicThatMeetsEveryRequirement) {
  EXPECT_THAT(CheckTopic(GoodCommandTopic(), CommandRequirements()), IsOk());
}

TEST(CheckTopicTest, NamesEverySettingThatIsWrongAndHowToFixIt) {
  TopicDescription topic = GoodCommandTopic();
  topic.partitions = 6;
  topic.replication_factor = 1;
  topic.configs["min.insync.replicas"] = "1";
  topic.configs["cleanup.policy"] = "compact";
  EXPECT_THAT(
      CheckTopic(topic, CommandRequirements()),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               AllOf(HasSubstr("guestvoice.commands is misconfigured"),
                     HasSubstr("partitions is 6, the cluster uses 12"),
                     HasSubstr("replication factor is 1, needs at least 3"),
                     HasSubstr("min.insync.replicas is 1, needs at least 2"),
                     HasSubstr("--add-config min.insync.replicas=2"),
                     HasSubstr("cleanup.policy is compact, needs delete"))));
}

TEST(CheckTopicTest, TakesAnyPartitionCountWhenNoneIsRequired) {
  TopicDescription topic = GoodCommandTopic();
  topic.partitions = 5;
  EXPECT_THAT(CheckTopic(topic, TopicRequirements{}), IsOk());
}

TEST(CheckTopicTest, RefusesAnUnreadableMinInsyncReplicas) {
  TopicDescription topic = GoodCommandTopic();
  topic.configs["min.insync.replicas"] = "two";
  EXPECT_THAT(CheckTopic(topic, CommandRequirements()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("min.insync.replicas is two")));
}

TEST(CheckTopicTest, ChecksOnlyTheConfigsItWasGiven) {
  TopicDescription topic = GoodCommandTopic();
  topic.configs.clear();
  EXPECT_THAT(CheckTopic(topic, CommandRequirements()), IsOk());
}

TEST(CheckTopicTest, TheNodeMapTopicIsOneCompactedPartition) {
  TopicDescription topic;
  topic.name = "guestvoice.node-map";
  topic.partitions = 1;
  topic.replication_factor = 3;
  topic.configs = {{"min.insync.replicas", "2"}, {"cleanup.policy", "compact"}};
  EXPECT_THAT(CheckTopic(topic, NodeMapTopicRequirements()), IsOk());

  topic.partitions = 3;
  topic.configs["cleanup.policy"] = "delete";
  EXPECT_THAT(
      CheckTopic(topic, NodeMapTopicRequirements()),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               AllOf(HasSubstr("guestvoice.node-map is misconfigured"),
                     HasSubstr("partitions is 3, the cluster uses 1"),
                     HasSubstr("cleanup.policy is delete, needs compact"),
                     HasSubstr("--add-config cleanup.policy=compact"))));
}

}  // namespace
}  // namespace guestvoice::service::cluster
