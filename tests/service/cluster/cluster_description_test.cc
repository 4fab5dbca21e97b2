// DescribeCluster: the node map and this node's progress as operators see
// them in ServerInfo.cluster.

#include "service/cluster/cluster_description.h"

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"

namespace guestvoice::service::cluster {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kNow = absl::FromUnixSeconds(1'780'000'000);

absl::Duration FromProtoDuration(const google::protobuf::Duration& duration) {
  return absl::Seconds(duration.seconds()) +
         absl::Nanoseconds(duration.nanos());
}

NodeInfo Node(const std::string& id, bool alive, absl::Time heartbeat) {
  NodeInfo node;
  node.node_id = id;
  node.advertise_address = id + ".internal:50051";
  node.start_time = kNow - absl::Hours(1);
  node.heartbeat_time = heartbeat;
  node.alive = alive;
  return node;
}

TEST(DescribeClusterTest, DescribesEveryNodeAndThisNodesLagPerPartition) {
  ClusterView view{.node_id = "node-a", .now = kNow};
  NodeInfo a = Node("node-a", true, kNow - absl::Milliseconds(1500));
  a.owned_partitions = {0, 2};
  a.applied_offsets = {{0, 10}, {1, 4}, {2, 0}};
  NodeInfo b = Node("node-b", false, kNow - absl::Seconds(30));
  b.owned_partitions = {1};
  view.nodes = {a, b};
  view.next_offsets = {{0, 12}, {1, 4}, {2, 0}};
  view.log_end_offsets = {{0, 15}, {1, 4}, {2, 3}};
  view.stopped = {{2, absl::DataLossError("record 0 is unreadable")}};

  const v1::ClusterInfo info = DescribeCluster(view);
  EXPECT_EQ(info.node_id(), "node-a");
  ASSERT_EQ(info.nodes_size(), 2);
  const v1::ClusterNodeInfo& first = info.nodes(0);
  EXPECT_EQ(first.node_id(), "node-a");
  EXPECT_EQ(first.address(), "node-a.internal:50051");
  EXPECT_TRUE(first.alive());
  EXPECT_EQ(FromProtoDuration(first.heartbeat_age()), absl::Milliseconds(1500));
  EXPECT_EQ(FromProtoTimestamp(first.start_time()), kNow - absl::Hours(1));
  EXPECT_THAT(first.owned_partitions(), ElementsAre(0, 2));
  ASSERT_EQ(first.applied_offsets_size(), 3);
  EXPECT_EQ(first.applied_offsets(0).partition(), 0);
  EXPECT_EQ(first.applied_offsets(0).next_offset(), 10);
  const v1::ClusterNodeInfo& second = info.nodes(1);
  EXPECT_FALSE(second.alive());
  EXPECT_EQ(FromProtoDuration(second.heartbeat_age()), absl::Seconds(30));
  EXPECT_THAT(second.owned_partitions(), ElementsAre(1));
  EXPECT_THAT(second.applied_offsets(), IsEmpty());

  ASSERT_EQ(info.partitions_size(), 3);
  EXPECT_EQ(info.partitions(0).next_offset(), 12);
  EXPECT_EQ(info.partitions(0).log_end_offset(), 15);
  EXPECT_EQ(info.partitions(0).lag(), 3);
  EXPECT_EQ(info.partitions(0).stopped_reason(), "");
  EXPECT_EQ(info.partitions(1).lag(), 0);
  EXPECT_EQ(info.partitions(2).lag(), 3);
  EXPECT_EQ(info.partitions(2).stopped_reason(),
            "DATA_LOSS: record 0 is unreadable");
}

TEST(DescribeClusterTest, NeverReportsANegativeLagOrHeartbeatAge) {
  // The log end this node last heard of is older than what it applied
  // since, and a node's clock runs a little ahead of this one's.
  ClusterView view{.node_id = "node-a", .now = kNow};
  view.nodes = {Node("node-b", true, kNow + absl::Milliseconds(200))};
  view.next_offsets = {{0, 9}};
  view.log_end_offsets = {{0, 7}};
  const v1::ClusterInfo info = DescribeCluster(view);
  EXPECT_EQ(FromProtoDuration(info.nodes(0).heartbeat_age()),
            absl::ZeroDuration());
  ASSERT_EQ(info.partitions_size(), 1);
  EXPECT_EQ(info.partitions(0).log_end_offset(), 9);
  EXPECT_EQ(info.partitions(0).lag(), 0);
}

}  // namespace
}  // namespace guestvoice::service::cluster
