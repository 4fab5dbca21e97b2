// The apply loop on librdkafka's mock cluster: nodes that apply the same
// command log reach the same bytes, a node restarted mid-log resumes exactly
// with nothing applied twice, and a record that cannot be applied stops its
// partition (the others apply on).

#include "service/cluster/apply_loop.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "service/cluster/command_partition.h"
#include "service/cluster/command_producer.h"
#include "tests/service/cluster/kafka_test_support.h"
#include "tests/service/cluster/mock_kafka_cluster.h"
#include "tests/service/cluster/state_node.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::CommandLog;
using ::guestvoice::testing::Completions;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::MockKafkaCluster;
using ::guestvoice::testing::StateNode;
using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;

constexpr int kPartitions = 4;
// Bounds every wait for the loop; the waits end as soon as it applied.
constexpr absl::Duration kPatience = absl::Seconds(60);

// A node's apply side: its state, its progress and its loop (last, so it
// stops before what it reports to goes).
struct ApplyingNode {
  StateNode state;
  AppliedProgress progress;
  absl::Mutex mutex;
  std::vector<std::pair<int32_t, absl::Status>> stops ABSL_GUARDED_BY(mutex);
  std::unique_ptr<ApplyLoop> loop;

  void Start(const ClusterOptions& options) {
    ASSERT_OK_AND_ASSIGN(
        loop, ApplyLoop::Start(
                  options, state.applier(), progress,
                  [this](int32_t partition, const absl::Status& reason) {
                    absl::MutexLock lock(&mutex);
                    stops.emplace_back(partition, reason);
                  },
                  kPatience));
  }
};

class ApplyLoopTest : public ::testing::Test {
 protected:
  ApplyLoopTest() {
    cluster_.CreateTopic(std::string(kCommandTopic), kPartitions, 3);
    options_.bootstrap_servers = cluster_.bootstrap_servers();
    options_.node_id = "node-test";
  }

  void SetUp() override {
    log_.AddMixedWorkload();
    CommandProducer::TopicCheck check;
    check.check_configs = false;
    ASSERT_OK_AND_ASSIGN(producer_, CommandProducer::Create(options_, check));
  }

  // Produces records [from, to) of the log and waits for the cluster's
  // acknowledgements; each lands at its own offset of acme's partition.
  void Produce(size_t from, size_t to) {
    Completions completions;
    for (size_t i = from; i < to; ++i) {
      const CommandRecord& record = log_.records()[i];
      ASSERT_THAT(producer_->Produce(record.organization_id, record.payload,
                                     completions.Add()),
                  IsOk());
    }
    for (const auto& position : completions.WaitFor(to - from)) {
      ASSERT_THAT(position, IsOk());
      EXPECT_EQ(position->partition, acme_partition_);
    }
  }

  MockKafkaCluster cluster_;
  ClusterOptions options_;
  const int32_t acme_partition_ = CommandPartition("acme", kPartitions);
  StateNode reference_;
  CommandLog log_{reference_, acme_partition_};
  std::unique_ptr<CommandProducer> producer_;
};

TEST_F(ApplyLoopTest, NodesApplyingTheSameLogHoldTheSameBytes) {
  const size_t count = log_.records().size();
  Produce(0, count);
  ApplyingNode first;
  ApplyingNode second;
  first.Start(options_);
  second.Start(options_);
  const absl::Time deadline = absl::Now() + kPatience;
  ASSERT_OK(first.progress.AwaitOffset(acme_partition_, count - 1, deadline));
  ASSERT_OK(second.progress.AwaitOffset(acme_partition_, count - 1, deadline));
  first.loop->Stop();
  second.loop->Stop();
  EXPECT_EQ(first.state.Contents(), reference_.Contents());
  EXPECT_EQ(second.state.Contents(), reference_.Contents());
  // Every partition is applied by every node, the empty ones included.
  EXPECT_EQ(first.progress.next_offsets().size(),
            static_cast<size_t>(kPartitions));
}

TEST_F(ApplyLoopTest, ARestartMidLogResumesWithNothingAppliedTwice) {
  const size_t count = log_.records().size();
  const size_t half = count / 2;
  Produce(0, half);
  ApplyingNode node;
  node.Start(options_);
  ASSERT_OK(node.progress.AwaitOffset(acme_partition_, half - 1,
                                      absl::Now() + kPatience));
  node.loop.reset();
  node.state.Restart();
  ASSERT_OK_AND_ASSIGN(int64_t next,
                       node.state.applier().NextOffset(acme_partition_));
  EXPECT_EQ(next, static_cast<int64_t>(half));
  Produce(half, count);
  AppliedProgress resumed;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<ApplyLoop> loop,
                       ApplyLoop::Start(options_, node.state.applier(), resumed,
                                        nullptr, kPatience));
  ASSERT_OK(
      resumed.AwaitOffset(acme_partition_, count - 1, absl::Now() + kPatience));
  loop->Stop();
  EXPECT_EQ(node.state.Contents(), reference_.Contents());
}

TEST_F(ApplyLoopTest, ARecordThatCannotBeAppliedStopsItsPartitionOnly) {
  // Another organization, on another partition, applies on.
  std::string other = "rival";
  for (int i = 0; CommandPartition(other, kPartitions) == acme_partition_;
       ++i) {
    other = absl::StrCat("rival-", i);
  }
  Produce(0, 3);
  Completions completions;
  ASSERT_OK(
      producer_->Produce("acme", "\xff\xff not a command", completions.Add()));
  ASSERT_THAT(completions.WaitFor(1).at(0), IsOk());
  Produce(3, 4);  // after the bad record: never applied

  ApplyingNode node;
  node.Start(options_);
  EXPECT_THAT(
      node.progress.AwaitOffset(acme_partition_, 3, absl::Now() + kPatience),
      StatusIs(absl::StatusCode::kUnavailable,
               HasSubstr("stopped applying partition")));
  EXPECT_EQ(node.progress.next_offsets().at(acme_partition_), 3);
  EXPECT_THAT(
      node.progress.stopped().at(acme_partition_),
      StatusIs(absl::StatusCode::kDataLoss,
               HasSubstr(absl::StrCat("command ", acme_partition_, ":3"))));
  {
    absl::MutexLock lock(&node.mutex);
    ASSERT_EQ(node.stops.size(), 1u);
    EXPECT_EQ(node.stops[0].first, acme_partition_);
  }

  // The other partition's commands are applied.
  v1::CreateOrganizationRequest request;
  request.set_organization_id(other);
  request.mutable_organization()->set_display_name("Rival");
  StateNode rival_reference;
  CommandLog rival_log(rival_reference, CommandPartition(other, kPartitions));
  v1::Organization created;
  ASSERT_OK(rival_log.Add(request, created));
  ASSERT_OK(producer_->Produce(other, rival_log.records()[0].payload,
                               completions.Add()));
  ASSERT_THAT(completions.WaitFor(2).at(1), IsOk());
  EXPECT_OK(node.progress.AwaitOffset(CommandPartition(other, kPartitions), 0,
                                      absl::Now() + kPatience));
  node.loop->Stop();
  // Still nothing past the bad record.
  node.state.Restart();
  ASSERT_OK_AND_ASSIGN(int64_t next,
                       node.state.applier().NextOffset(acme_partition_));
  EXPECT_EQ(next, 3);
}

}  // namespace
}  // namespace guestvoice::service::cluster
