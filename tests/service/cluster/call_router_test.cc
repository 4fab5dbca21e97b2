// ClusterCallRouter: a node answers an organization once it has caught up
// and while the organization's partition runs here; otherwise it sends the
// call to the partition's live owner in the node map, never to itself.

#include "service/cluster/call_router.h"

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/internal/v1/node_map.pb.h"
#include "service/cluster/command_partition.h"
#include "service/core/proto_time.h"
#include "tests/testing/fake_clock.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::FakeClock;
using ::testing::Optional;

constexpr int32_t kPartitions = 12;
constexpr absl::Duration kLiveness = absl::Seconds(10);

std::vector<int32_t> AllPartitions() {
  std::vector<int32_t> all;
  for (int32_t partition = 0; partition < kPartitions; ++partition) {
    all.push_back(partition);
  }
  return all;
}

class CallRouterTest : public ::testing::Test {
 protected:
  CallRouterTest() {
    // The organizations these tests route lie in different partitions.
    EXPECT_NE(CommandPartition("default", kPartitions),
              CommandPartition("acme-hotels", kPartitions));
  }

  // Publishes `node_id`'s entry, heard now: it owns `owned` and has
  // applied each partition of `applied` up to its offset.
  void Publish(const std::string& node_id, const std::string& address,
               const std::vector<int32_t>& owned = AllPartitions(),
               const std::map<int32_t, int64_t>& applied = {}) {
    internal::v1::NodeMapEntry entry;
    entry.set_node_id(node_id);
    entry.set_advertise_address(address);
    *entry.mutable_start_time() = ToProtoTimestamp(clock_.Now());
    for (int32_t partition : owned) entry.add_owned_partitions(partition);
    for (const auto& [partition, offset] : applied) {
      internal::v1::AppliedOffset& applied_offset =
          *entry.add_applied_offsets();
      applied_offset.set_partition(partition);
      applied_offset.set_next_offset(offset);
    }
    *entry.mutable_heartbeat_time() = ToProtoTimestamp(clock_.Now());
    ASSERT_TRUE(
        map_.Apply(next_offset_++, node_id, entry.SerializeAsString()).ok());
  }

  FakeClock clock_;
  NodeMap map_{clock_, kLiveness};
  int64_t next_offset_ = 0;
  AppliedProgress progress_;
  ClusterCallRouter router_{"node-a", kPartitions, progress_, map_};
};

TEST_F(CallRouterTest, UntilCaughtUpANodeSendsCallsToTheOwner) {
  Publish("node-b", "10.0.0.2:50051");

  EXPECT_FALSE(router_.AnswersEverything());
  EXPECT_THAT(router_.ForwardAddress("default"),
              Optional(std::string("10.0.0.2:50051")));

  router_.MarkCaughtUp();

  EXPECT_TRUE(router_.AnswersEverything());
  EXPECT_EQ(router_.ForwardAddress("default"), std::nullopt);
}

TEST_F(CallRouterTest, APartitionStoppedHereIsAnsweredByItsOwner) {
  Publish("node-b", "10.0.0.2:50051");
  router_.MarkCaughtUp();

  progress_.Stopped(CommandPartition("default", kPartitions),
                    absl::DataLossError("a command this build cannot read"));

  EXPECT_FALSE(router_.AnswersEverything());
  EXPECT_THAT(router_.ForwardAddress("default"),
              Optional(std::string("10.0.0.2:50051")));
  EXPECT_EQ(router_.ForwardAddress("acme-hotels"), std::nullopt);
}

TEST_F(CallRouterTest, APartitionStoppedOnItsOwnerGoesToTheNodeFurthestAlong) {
  const int32_t stopped = CommandPartition("default", kPartitions);
  const int32_t other = CommandPartition("acme-hotels", kPartitions);
  Publish("node-a", "10.0.0.1:50051", {stopped});
  Publish("node-b", "10.0.0.2:50051", {other}, {{stopped, 40}});
  Publish("node-c", "10.0.0.3:50051", {other}, {{stopped, 55}});
  // Caught up, but owns nothing: it has not joined the group.
  Publish("node-d", "10.0.0.4:50051", {}, {{stopped, 90}});
  router_.MarkCaughtUp();
  ASSERT_EQ(router_.ForwardAddress("default"), std::nullopt);

  progress_.Stopped(stopped, absl::DataLossError("unreadable command"));

  EXPECT_THAT(router_.ForwardAddress("default"),
              Optional(std::string("10.0.0.3:50051")));
}

TEST_F(CallRouterTest, WithNoOtherLiveOwnerANodeAnswersItself) {
  // Nobody owns anything yet.
  EXPECT_EQ(router_.ForwardAddress("default"), std::nullopt);

  // This node owns it.
  Publish("node-a", "10.0.0.1:50051");
  EXPECT_EQ(router_.ForwardAddress("default"), std::nullopt);

  // Its owner went silent.
  Publish("node-b", "10.0.0.2:50051");
  ASSERT_THAT(router_.ForwardAddress("default"),
              Optional(std::string("10.0.0.2:50051")));
  clock_.Advance(kLiveness + absl::Seconds(1));
  EXPECT_EQ(router_.ForwardAddress("default"), std::nullopt);
}

}  // namespace
}  // namespace guestvoice::service::cluster
