// PartitionConsumer against librdkafka's mock cluster: group assignment and
// revocation reach the listener, reading starts where the listener's state
// says, and a second member takes over partitions.

#include "service/cluster/partition_consumer.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/cluster/command_partition.h"
#include "service/cluster/command_producer.h"
#include "tests/service/cluster/kafka_test_support.h"
#include "tests/service/cluster/mock_kafka_cluster.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::Completions;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::MockKafkaCluster;
using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr int kPartitions = 4;

// Records what the consumer told it; resumes each partition at a chosen
// offset, as a state would at the offset it applied up to.
class RecordingListener : public PartitionListener {
 public:
  absl::StatusOr<int64_t> OnAssigned(int32_t partition) override {
    assigned.push_back(partition);
    if (!refusal.ok()) return refusal;
    auto found = resume_at.find(partition);
    return found == resume_at.end() ? 0 : found->second;
  }
  void OnRevoked(int32_t partition, bool lost) override {
    revoked.push_back(partition);
    if (lost) ++lost_count;
  }

  std::map<int32_t, int64_t> resume_at;
  absl::Status refusal;
  std::vector<int32_t> assigned;
  std::vector<int32_t> revoked;
  int lost_count = 0;
};

class PartitionConsumerTest : public ::testing::Test {
 protected:
  PartitionConsumerTest() {
    cluster_.CreateTopic(std::string(kCommandTopic), kPartitions, 3);
    options_.bootstrap_servers = cluster_.bootstrap_servers();
    options_.node_id = "node-test";
    options_.session_timeout = absl::Seconds(6);
  }

  // Produces `per_organization` records for each of `organizations`,
  // payload "<organization>/<i>", and waits for them.
  void ProduceRecords(const std::vector<std::string>& organizations,
                      int per_organization) {
    CommandProducer::TopicCheck check;
    check.check_configs = false;
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer,
                         CommandProducer::Create(options_, check));
    Completions completions;
    for (const std::string& organization : organizations) {
      for (int i = 0; i < per_organization; ++i) {
        ASSERT_THAT(
            producer->Produce(organization, absl::StrCat(organization, "/", i),
                              completions.Add()),
            IsOk());
      }
    }
    for (const auto& result :
         completions.WaitFor(organizations.size() * per_organization)) {
      ASSERT_THAT(result, IsOk());
    }
  }

  MockKafkaCluster cluster_;
  ClusterOptions options_;
};

// Polls until `count` records arrived or the deadline passed.
std::vector<CommandRecord> PollRecords(PartitionConsumer& consumer,
                                       size_t count) {
  std::vector<CommandRecord> records;
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (records.size() < count && absl::Now() < give_up) {
    absl::StatusOr<std::optional<CommandRecord>> record =
        consumer.Poll(absl::Milliseconds(200));
    EXPECT_THAT(record, IsOk());
    if (!record.ok()) break;
    if (record->has_value()) records.push_back(**record);
  }
  return records;
}

// Polls until the consumer stops (or the deadline passes) and returns why it
// stopped; a consumer that should stop must not hand out a record first.
absl::Status PollUntilStopped(PartitionConsumer& consumer) {
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (absl::Now() < give_up) {
    absl::StatusOr<std::optional<CommandRecord>> polled =
        consumer.Poll(absl::Milliseconds(200));
    if (!polled.ok()) return polled.status();
    EXPECT_FALSE(polled->has_value()) << "read offset " << (*polled)->offset;
  }
  return absl::OkStatus();
}

TEST_F(PartitionConsumerTest, ReadsEachPartitionFromTheOffsetItsStateGives) {
  ProduceRecords({"org-a"}, 5);
  const int32_t partition = CommandPartition("org-a", kPartitions);
  RecordingListener listener;
  listener.resume_at[partition] = 2;  // offsets 0 and 1 already applied
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<PartitionConsumer> consumer,
      PartitionConsumer::Create(options_, "appliers", &listener));
  const std::vector<CommandRecord> records = PollRecords(*consumer, 3);
  ASSERT_EQ(records.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(records[i].partition, partition);
    EXPECT_EQ(records[i].offset, i + 2);
    EXPECT_EQ(records[i].organization_id, "org-a");
    EXPECT_EQ(records[i].payload, absl::StrCat("org-a/", i + 2));
  }
  EXPECT_EQ(consumer->assigned(), (std::set<int32_t>{0, 1, 2, 3}));
  EXPECT_EQ(
      std::set<int32_t>(listener.assigned.begin(), listener.assigned.end()),
      (std::set<int32_t>{0, 1, 2, 3}));
  EXPECT_EQ(listener.assigned.size(), 4u);
  consumer->Close();
  // Leaving the group hands every partition back, cleanly.
  EXPECT_EQ(std::set<int32_t>(listener.revoked.begin(), listener.revoked.end()),
            (std::set<int32_t>{0, 1, 2, 3}));
  EXPECT_EQ(listener.lost_count, 0);
}

TEST_F(PartitionConsumerTest, ASecondMemberTakesOverPartitions) {
  RecordingListener first_listener;
  RecordingListener second_listener;
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<PartitionConsumer> first,
      PartitionConsumer::Create(options_, "appliers", &first_listener));
  // The first member owns all partitions before the second joins.
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (first->assigned().size() < kPartitions && absl::Now() < give_up) {
    ASSERT_THAT(first->Poll(absl::Milliseconds(200)), IsOk());
  }
  ASSERT_EQ(first->assigned().size(), static_cast<size_t>(kPartitions));
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<PartitionConsumer> second,
      PartitionConsumer::Create(options_, "appliers", &second_listener));
  // Both members poll: the rebalance needs both to rejoin.
  while ((first->assigned().size() + second->assigned().size() != kPartitions ||
          second->assigned().empty()) &&
         absl::Now() < give_up) {
    ASSERT_THAT(first->Poll(absl::Milliseconds(100)), IsOk());
    ASSERT_THAT(second->Poll(absl::Milliseconds(100)), IsOk());
  }
  std::set<int32_t> all = first->assigned();
  for (int32_t partition : second->assigned()) {
    EXPECT_EQ(all.count(partition), 0u)
        << "partition " << partition << " has two owners";
    all.insert(partition);
  }
  EXPECT_EQ(all, (std::set<int32_t>{0, 1, 2, 3}));
  EXPECT_FALSE(second->assigned().empty());
  // What the second member gained is exactly what the first gave up.
  EXPECT_EQ(std::set<int32_t>(first_listener.revoked.begin(),
                              first_listener.revoked.end()),
            second->assigned());
  EXPECT_EQ(first_listener.lost_count, 0);
}

TEST_F(PartitionConsumerTest, AListenerErrorStopsTheConsumer) {
  ProduceRecords({"org-a"}, 1);
  RecordingListener listener;
  listener.refusal =
      absl::DataLossError("state of partition belongs to another cluster");
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<PartitionConsumer> consumer,
      PartitionConsumer::Create(options_, "appliers", &listener));
  EXPECT_THAT(
      PollUntilStopped(*consumer),
      StatusIs(absl::StatusCode::kDataLoss, HasSubstr("another cluster")));
  // Stopped for good: later polls say why, and read nothing.
  EXPECT_THAT(consumer->Poll(absl::Milliseconds(10)),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(PartitionConsumerTest, AnOffsetTheLogNoLongerHoldsStopsTheConsumer) {
  ProduceRecords({"org-a"}, 2);
  const int32_t partition = CommandPartition("org-a", kPartitions);
  RecordingListener listener;
  listener.resume_at[partition] = 50;  // past the log's end: history lost
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<PartitionConsumer> consumer,
      PartitionConsumer::Create(options_, "appliers", &listener));
  EXPECT_THAT(PollUntilStopped(*consumer),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("guestvoice.commands")));
}

}  // namespace
}  // namespace guestvoice::service::cluster
