// A node's state names the Kafka cluster it belongs to: stamped in the
// WriteBatch of the first command applied; a node of another cluster, or
// with another partition count, refuses it; a store with data but no stamp
// (an embedded store) is refused by a cluster node, and a stamped state by
// an embedded server.

#include "service/cluster/cluster_stamp.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "service/cluster/command_builder.h"
#include "service/cluster/command_codec.h"
#include "service/core/id_source.h"
#include "service/tenancy/bootstrap.h"
#include "tests/service/cluster/state_node.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::internal::v1::ClusterStamp;
using ::guestvoice::testing::CommandLog;
using ::guestvoice::testing::StateNode;
using ::guestvoice::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

ClusterStamp Stamp(const std::string& cluster_id, int32_t partitions = 6) {
  ClusterStamp stamp;
  stamp.set_cluster_id(cluster_id);
  stamp.set_command_partitions(partitions);
  return stamp;
}

// The log of one CreateOrganization, made on a scratch node.
std::vector<CommandRecord> OneCommand() {
  StateNode scratch;
  CommandLog log(scratch);
  v1::CreateOrganizationRequest request;
  request.set_organization_id("acme");
  request.mutable_organization()->set_display_name("Acme");
  v1::Organization created;
  EXPECT_OK(log.Add(request, created));
  return log.records();
}

TEST(ClusterStampTest, TheFirstCommandStampsANewStateInItsBatch) {
  StateNode node;
  ASSERT_OK_AND_ASSIGN(bool unstamped,
                       CheckStateForCluster(node.store(), Stamp("blue")));
  ASSERT_TRUE(unstamped);
  node.applier().StampWith(Stamp("blue"));
  // A record the node cannot apply writes nothing, the stamp neither.
  CommandRecord unreadable = OneCommand()[0];
  unreadable.payload = "\xff\xff not a command";
  EXPECT_FALSE(node.applier().Apply(unreadable).ok());
  ASSERT_OK_AND_ASSIGN(std::optional<ClusterStamp> none,
                       ReadClusterStamp(node.store()));
  EXPECT_FALSE(none.has_value());

  ASSERT_OK_AND_ASSIGN(std::optional<AppliedCommand> applied,
                       node.applier().Apply(OneCommand()[0]));
  ASSERT_TRUE(applied.has_value());
  node.Restart();
  ASSERT_OK_AND_ASSIGN(std::optional<ClusterStamp> stamp,
                       ReadClusterStamp(node.store()));
  ASSERT_TRUE(stamp.has_value());
  EXPECT_EQ(stamp->SerializeAsString(), Stamp("blue").SerializeAsString());
  ASSERT_OK_AND_ASSIGN(unstamped,
                       CheckStateForCluster(node.store(), Stamp("blue")));
  EXPECT_FALSE(unstamped);
}

TEST(ClusterStampTest, AStateOfAnotherClusterIsRefused) {
  StateNode node;
  node.applier().StampWith(Stamp("blue"));
  ASSERT_OK(node.applier().Apply(OneCommand()[0]).status());
  EXPECT_THAT(CheckStateForCluster(node.store(), Stamp("green")),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("Kafka cluster blue"),
                             HasSubstr("Kafka cluster green"),
                             HasSubstr("fresh --data_dir"))));
  EXPECT_THAT(CheckStateForCluster(node.store(), Stamp("blue", 12)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("12 command-topic partitions")));
}

TEST(ClusterStampTest, AStoreWithDataButNoStampIsRefusedByAClusterNode) {
  StateNode node;
  SystemIdSource ids;
  ASSERT_OK(CreateFirstOrganization(node.store(), absl::Now(), ids,
                                    std::string(32, 'k'))
                .status());
  EXPECT_THAT(CheckStateForCluster(node.store(), Stamp("blue")),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("no cluster stamp"),
                             HasSubstr("fresh --data_dir"))));
  // That store is an embedded server's to open.
  EXPECT_OK(CheckStateForEmbedded(node.store()));
}

TEST(ClusterStampTest, AnEmbeddedServerRefusesAClusterNodesState) {
  StateNode node;
  node.applier().StampWith(Stamp("blue"));
  ASSERT_OK(node.applier().Apply(OneCommand()[0]).status());
  EXPECT_THAT(CheckStateForEmbedded(node.store()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("cluster node's state"),
                             HasSubstr("Kafka cluster blue"))));
}

}  // namespace
}  // namespace guestvoice::service::cluster
