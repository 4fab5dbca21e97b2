// CommandProducer against librdkafka's mock cluster: the protocol-level
// behaviour (acknowledgement, retries of broker errors without duplicates,
// errors that reach the caller, the in-flight bound, shutdown).

#include "service/cluster/command_producer.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/cluster/command_partition.h"
#include "tests/service/cluster/kafka_test_support.h"
#include "tests/service/cluster/mock_kafka_cluster.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::Completions;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::MockKafkaCluster;
using ::guestvoice::testing::ReadPartition;
using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::StoredRecord;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr int kPartitions = 4;
constexpr char kOrganization[] = "acme-hotels";

class CommandProducerTest : public ::testing::Test {
 protected:
  CommandProducerTest() {
    cluster_.CreateTopic(std::string(kCommandTopic), kPartitions, 3);
    options_.bootstrap_servers = cluster_.bootstrap_servers();
    options_.node_id = "node-test";
    options_.delivery_timeout = absl::Seconds(20);
  }

  absl::StatusOr<std::unique_ptr<CommandProducer>> Create() {
    CommandProducer::TopicCheck check;
    check.requirements.partitions = kPartitions;
    check.check_configs = false;  // the mock has no DescribeConfigs
    check.timeout = absl::Seconds(10);
    return CommandProducer::Create(options_, check);
  }

  // Every record of kOrganization's partition, in log order.
  std::vector<StoredRecord> Log() {
    absl::StatusOr<std::vector<StoredRecord>> records =
        ReadPartition(cluster_.bootstrap_servers(), std::string(kCommandTopic),
                      CommandPartition(kOrganization, kPartitions));
    EXPECT_THAT(records, IsOk());
    return records.ok() ? *records : std::vector<StoredRecord>{};
  }

  // Produces records "<prefix>0".."<prefix>N-1" for kOrganization.
  void ProduceNumbered(CommandProducer& producer, Completions& completions,
                       const std::string& prefix, int count) {
    for (int i = 0; i < count; ++i) {
      ASSERT_THAT(producer.Produce(kOrganization, prefix + std::to_string(i),
                                   completions.Add()),
                  IsOk());
    }
  }

  MockKafkaCluster cluster_;
  ClusterOptions options_;
};

std::vector<std::string> Payloads(const std::vector<StoredRecord>& records) {
  std::vector<std::string> payloads;
  for (const StoredRecord& record : records) payloads.push_back(record.payload);
  return payloads;
}

std::vector<std::string> Numbered(const std::string& prefix, int count) {
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) names.push_back(prefix + std::to_string(i));
  return names;
}

TEST_F(CommandProducerTest,
       DeliversToTheOrganizationsPartitionWithRisingOffsets) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer, Create());
  EXPECT_EQ(producer->partition_count(), kPartitions);
  Completions completions;
  ProduceNumbered(*producer, completions, "command-", 20);
  const auto results = completions.WaitFor(20);
  ASSERT_EQ(results.size(), 20u);
  const int32_t partition = CommandPartition(kOrganization, kPartitions);
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_THAT(results[i], IsOk());
    EXPECT_EQ(results[i]->partition, partition);
    // Completions run in produce order, each one further along the log.
    EXPECT_EQ(results[i]->offset, static_cast<int64_t>(i));
  }
  const std::vector<StoredRecord> log = Log();
  EXPECT_EQ(Payloads(log), Numbered("command-", 20));
  for (const StoredRecord& record : log) EXPECT_EQ(record.key, kOrganization);
  EXPECT_EQ(producer->in_flight(), 0);
}

TEST_F(CommandProducerTest, RetriesRetryableBrokerErrorsWithoutDuplicates) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer, Create());
  cluster_.FailProduceRequests(
      {RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
       RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
       RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
       RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND,
       RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION});
  Completions completions;
  ProduceNumbered(*producer, completions, "retried-", 10);
  for (const auto& result : completions.WaitFor(10)) {
    EXPECT_THAT(result, IsOk());
  }
  EXPECT_EQ(Payloads(Log()), Numbered("retried-", 10));
}

TEST_F(CommandProducerTest, FollowsALeaderChangeWithoutLosingOrDuplicating) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer, Create());
  const int32_t partition = CommandPartition(kOrganization, kPartitions);
  cluster_.SetLeader(std::string(kCommandTopic), partition, 1);
  Completions completions;
  ProduceNumbered(*producer, completions, "before-", 5);
  ASSERT_EQ(completions.WaitFor(5).size(), 5u);
  cluster_.SetLeader(std::string(kCommandTopic), partition, 2);
  ProduceNumbered(*producer, completions, "after-", 5);
  for (const auto& result : completions.WaitFor(10))
    EXPECT_THAT(result, IsOk());
  std::vector<std::string> expected = Numbered("before-", 5);
  for (const std::string& name : Numbered("after-", 5))
    expected.push_back(name);
  EXPECT_EQ(Payloads(Log()), expected);
}

TEST_F(CommandProducerTest, APermanentBrokerErrorReachesTheCaller) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer, Create());
  // More refusals than librdkafka's retries: every attempt is refused.
  cluster_.FailProduceRequests(std::vector<rd_kafka_resp_err_t>(
      20, RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED));
  Completions completions;
  ASSERT_THAT(producer->Produce(kOrganization, "refused", completions.Add()),
              IsOk());
  const auto results = completions.WaitFor(1);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_THAT(results[0],
              StatusIs(absl::StatusCode::kPermissionDenied,
                       AllOf(HasSubstr("guestvoice.commands"),
                             HasSubstr("TOPIC_AUTHORIZATION_FAILED"))));
}

TEST_F(CommandProducerTest, ARecordTooLargeIsRefusedAtOnce) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer, Create());
  Completions completions;
  EXPECT_THAT(producer->Produce(kOrganization, std::string(2 << 20, 'x'),
                                completions.Add()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("MSG_SIZE_TOO_LARGE")));
  EXPECT_EQ(producer->in_flight(), 0);
}

TEST_F(CommandProducerTest, RefusesARecordWithoutOrganization) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer, Create());
  Completions completions;
  EXPECT_THAT(
      producer->Produce("", "orphan", completions.Add()),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("organization")));
}

TEST_F(CommandProducerTest, RefusesPastTheInFlightBoundUntilAcknowledged) {
  options_.max_in_flight_records = 2;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer, Create());
  // With every broker down nothing can be acknowledged, so the bound holds
  // regardless of timing.
  for (int32_t broker = 1; broker <= 3; ++broker)
    cluster_.SetBrokerDown(broker);
  Completions completions;
  ProduceNumbered(*producer, completions, "held-", 2);
  EXPECT_THAT(producer->Produce(kOrganization, "third", completions.Add()),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       HasSubstr("2 command records are waiting")));
  for (int32_t broker = 1; broker <= 3; ++broker) cluster_.SetBrokerUp(broker);
  for (const auto& result : completions.WaitFor(2)) EXPECT_THAT(result, IsOk());
  EXPECT_THAT(producer->Produce(kOrganization, "third", completions.Add()),
              IsOk());
  EXPECT_THAT(completions.WaitFor(3).back(), IsOk());
  EXPECT_EQ(Payloads(Log()),
            (std::vector<std::string>{"held-0", "held-1", "third"}));
}

TEST_F(CommandProducerTest, CloseWaitsForOutstandingAcknowledgements) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer, Create());
  Completions completions;
  ProduceNumbered(*producer, completions, "flushed-", 50);
  producer->Close();
  // Every completion ran before Close returned.
  const auto results = completions.WaitFor(50, absl::ZeroDuration());
  ASSERT_EQ(results.size(), 50u);
  for (const auto& result : results) EXPECT_THAT(result, IsOk());
  EXPECT_THAT(
      producer->Produce(kOrganization, "late", completions.Add()),
      StatusIs(absl::StatusCode::kUnavailable, HasSubstr("shutting down")));
}

TEST_F(CommandProducerTest, CloseFailsWhatTheClusterCouldNotTake) {
  options_.flush_timeout = absl::Milliseconds(200);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer, Create());
  for (int32_t broker = 1; broker <= 3; ++broker)
    cluster_.SetBrokerDown(broker);
  Completions completions;
  ProduceNumbered(*producer, completions, "stranded-", 3);
  producer->Close();
  const auto results = completions.WaitFor(3, absl::ZeroDuration());
  ASSERT_EQ(results.size(), 3u);
  for (const auto& result : results) {
    EXPECT_THAT(result,
                StatusIs(absl::StatusCode::kUnavailable, HasSubstr("PURGE")));
  }
}

TEST_F(CommandProducerTest, RefusesAMissingTopic) {
  options_.command_topic = "guestvoice.absent";
  cluster_.SetTopicError("guestvoice.absent",
                         RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
  EXPECT_THAT(Create(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("guestvoice.absent does not exist")));
}

TEST_F(CommandProducerTest, RefusesATopicWithAnotherPartitionCount) {
  CommandProducer::TopicCheck check;
  check.requirements.partitions = 12;
  check.check_configs = false;
  EXPECT_THAT(CommandProducer::Create(options_, check),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("partitions is 4, the cluster uses 12")));
}

}  // namespace
}  // namespace guestvoice::service::cluster
