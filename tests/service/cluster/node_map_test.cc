// The node map: NodeMap's rules on records fed to it directly, then
// NodeMapPublisher and NodeMapReader on librdkafka's mock cluster: nodes
// publish, another node reads, a clean stop removes a node, a stale
// heartbeat marks it down, a malformed record is reported and skipped.

#include "service/cluster/node_map.h"

#include <librdkafka/rdkafkacpp.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/internal/v1/node_map.pb.h"
#include "service/cluster/kafka_config.h"
#include "service/cluster/node_map_publisher.h"
#include "service/cluster/node_map_reader.h"
#include "service/core/proto_time.h"
#include "tests/service/cluster/mock_kafka_cluster.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::FakeClock;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::MockKafkaCluster;
using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

constexpr absl::Duration kLiveness = absl::Seconds(10);

std::string Entry(const std::string& node_id, const std::string& address,
                  std::vector<int32_t> owned, absl::Time heartbeat) {
  internal::v1::NodeMapEntry entry;
  entry.set_node_id(node_id);
  entry.set_advertise_address(address);
  *entry.mutable_start_time() = ToProtoTimestamp(heartbeat - absl::Hours(1));
  for (int32_t partition : owned) entry.add_owned_partitions(partition);
  *entry.mutable_heartbeat_time() = ToProtoTimestamp(heartbeat);
  return entry.SerializeAsString();
}

std::vector<std::string> NodeIds(const std::vector<NodeInfo>& nodes) {
  std::vector<std::string> ids;
  for (const NodeInfo& node : nodes) ids.push_back(node.node_id);
  return ids;
}

class NodeMapTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  NodeMap map_{clock_, kLiveness};
};

TEST_F(NodeMapTest, KeepsTheLatestEntryOfEachNodeUntilItsTombstone) {
  ASSERT_OK(map_.Apply(0, "a", Entry("a", "a:1", {0}, clock_.Now())));
  ASSERT_OK(map_.Apply(1, "b", Entry("b", "b:1", {1}, clock_.Now())));
  ASSERT_OK(map_.Apply(2, "a", Entry("a", "a:2", {0, 2}, clock_.Now())));
  EXPECT_THAT(NodeIds(map_.AliveNodes()), ElementsAre("a", "b"));
  EXPECT_EQ(map_.ForwardAddress(2).value_or(""), "a:2");
  EXPECT_EQ(map_.Node("a")->owned_partitions, (std::set<int32_t>{0, 2}));

  ASSERT_OK(map_.Apply(3, "a", std::nullopt));
  EXPECT_THAT(NodeIds(map_.AliveNodes()), ElementsAre("b"));
  EXPECT_EQ(map_.Node("a"), std::nullopt);
  EXPECT_THAT(map_.ForwardAddress(0),
              StatusIs(absl::StatusCode::kUnavailable,
                       HasSubstr("no live node owns command partition 0")));
}

TEST_F(NodeMapTest, ANodeWhoseHeartbeatIsTooOldIsDown) {
  ASSERT_OK(map_.Apply(0, "a", Entry("a", "a:1", {0}, clock_.Now())));
  clock_.Advance(kLiveness);
  EXPECT_THAT(NodeIds(map_.AliveNodes()), ElementsAre("a"));
  clock_.Advance(absl::Milliseconds(1));
  EXPECT_THAT(map_.AliveNodes(), IsEmpty());
  ASSERT_TRUE(map_.Node("a").has_value());
  EXPECT_FALSE(map_.Node("a")->alive);
  EXPECT_EQ(map_.OwnerOf(0), std::nullopt);
  // A fresh heartbeat brings it back.
  ASSERT_OK(map_.Apply(1, "a", Entry("a", "a:1", {0}, clock_.Now())));
  EXPECT_TRUE(map_.Node("a")->alive);
}

// While a partition moves, the old owner still lists it until it publishes
// again; the claim made later in the log wins, however the two nodes'
// heartbeats interleave.
TEST_F(NodeMapTest, TheLaterClaimOfAPartitionWins) {
  ASSERT_OK(map_.Apply(0, "a", Entry("a", "a:1", {0, 1}, clock_.Now())));
  ASSERT_OK(map_.Apply(1, "b", Entry("b", "b:1", {1}, clock_.Now())));
  ASSERT_OK(map_.Apply(2, "a", Entry("a", "a:1", {0, 1}, clock_.Now())));
  EXPECT_EQ(map_.OwnerOf(1)->node_id, "b");
  EXPECT_EQ(map_.OwnerOf(0)->node_id, "a");
  // b down: a's claim is the one left.
  clock_.Advance(kLiveness);
  ASSERT_OK(map_.Apply(3, "a", Entry("a", "a:1", {0, 1}, clock_.Now())));
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(map_.OwnerOf(1)->node_id, "a");
}

TEST_F(NodeMapTest, AMalformedRecordChangesNothing) {
  ASSERT_OK(map_.Apply(0, "a", Entry("a", "a:1", {0}, clock_.Now())));
  EXPECT_THAT(
      map_.Apply(1, "a", std::string("\xff\xff\xff", 3)),
      StatusIs(absl::StatusCode::kInvalidArgument,
               HasSubstr("offset 1 (key \"a\") is not a NodeMapEntry")));
  EXPECT_THAT(map_.Apply(2, "a", Entry("b", "b:1", {1}, clock_.Now())),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("names node \"b\" but its key is \"a\"")));
  EXPECT_THAT(map_.Apply(3, "c", Entry("c", "", {1}, clock_.Now())),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no advertise_address")));
  EXPECT_THAT(map_.Apply(4, "d", Entry("d", "d:1", {-1}, clock_.Now())),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("owns partition -1")));
  internal::v1::NodeMapEntry no_heartbeat;
  no_heartbeat.set_node_id("e");
  no_heartbeat.set_advertise_address("e:1");
  EXPECT_THAT(map_.Apply(5, "e", no_heartbeat.SerializeAsString()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no heartbeat_time")));
  EXPECT_THAT(NodeIds(map_.AliveNodes()), ElementsAre("a"));
  EXPECT_EQ(map_.Node("a")->advertise_address, "a:1");
  EXPECT_EQ(map_.version(), 6u);
}

// The node-map topic on librdkafka's mock cluster. Every node's clock is
// `clock_`; heartbeats come only when a test prompts them (an hour apart
// otherwise), so what each entry says is what the test made it say.
class NodeMapKafkaTest : public ::testing::Test {
 protected:
  NodeMapKafkaTest() { cluster_.CreateTopic(std::string(kNodeMapTopic), 1, 3); }

  ClusterOptions Options(const std::string& node_id) const {
    ClusterOptions options;
    options.bootstrap_servers = cluster_.bootstrap_servers();
    options.node_id = node_id;
    options.flush_timeout = absl::Seconds(30);
    return options;
  }

  // The mock cluster does not answer DescribeConfigs.
  static TopicCheck MockTopicCheck() {
    TopicCheck check{.requirements = NodeMapTopicRequirements()};
    check.check_configs = false;
    return check;
  }

  std::unique_ptr<NodeMapPublisher> Publish(
      const std::string& node_id,
      std::function<std::map<int32_t, int64_t>()> applied_offsets = {}) {
    absl::StatusOr<std::unique_ptr<NodeMapPublisher>> publisher =
        NodeMapPublisher::Start(
            Options(node_id), {.advertise_address = node_id + ".internal:50051",
                               .heartbeat_interval = absl::Hours(1),
                               .clock = &clock_,
                               .applied_offsets = std::move(applied_offsets),
                               .topic_check = MockTopicCheck()});
    EXPECT_THAT(publisher, IsOk());
    return publisher.ok() ? *std::move(publisher) : nullptr;
  }

  std::unique_ptr<NodeMapReader> Read(const std::string& node_id) {
    absl::StatusOr<std::unique_ptr<NodeMapReader>> reader =
        NodeMapReader::Start(Options(node_id),
                             {.liveness_timeout = kLiveness,
                              .clock = &clock_,
                              .topic_check = MockTopicCheck()});
    EXPECT_THAT(reader, IsOk());
    return reader.ok() ? *std::move(reader) : nullptr;
  }

  // Produces a raw record (a null `value` is a tombstone) as a broken or
  // foreign publisher might.
  void ProduceRaw(const std::string& key,
                  const std::optional<std::string>& value) {
    absl::StatusOr<std::unique_ptr<RdKafka::Conf>> conf =
        BuildKafkaConf(ProducerSettings(Options("raw")));
    ASSERT_THAT(conf, IsOk());
    std::string error;
    std::unique_ptr<RdKafka::Producer> producer(
        RdKafka::Producer::create(conf->get(), error));
    ASSERT_NE(producer, nullptr) << error;
    ASSERT_EQ(
        producer->produce(
            std::string(kNodeMapTopic), 0, RdKafka::Producer::RK_MSG_COPY,
            value.has_value() ? const_cast<char*>(value->data()) : nullptr,
            value.has_value() ? value->size() : 0, key.data(), key.size(), 0,
            nullptr),
        RdKafka::ERR_NO_ERROR);
    ASSERT_EQ(producer->flush(30000), RdKafka::ERR_NO_ERROR);
  }

  // Waits, without sleeping, until `done` holds of what `reader` has read,
  // as records arrive; false when a minute passed first.
  static bool ReadUntil(const NodeMapReader& reader,
                        const std::function<bool(const NodeMap&)>& done) {
    const absl::Time give_up = absl::Now() + absl::Minutes(1);
    while (true) {
      const uint64_t version = reader.map().version();
      if (done(reader.map())) return true;
      if (!reader.map().AwaitNewerThan(version, give_up - absl::Now())) {
        return done(reader.map());
      }
    }
  }

  MockKafkaCluster cluster_;
  FakeClock clock_;
};

TEST_F(NodeMapKafkaTest, ANodeReadsWhatTwoOthersPublish) {
  // How far node-a applied, as its apply loop would report it.
  absl::Mutex applied_mutex;
  std::map<int32_t, int64_t> applied = {{5, 7}};
  std::unique_ptr<NodeMapPublisher> a = Publish("node-a", [&] {
    absl::MutexLock lock(&applied_mutex);
    return applied;
  });
  std::unique_ptr<NodeMapPublisher> b = Publish("node-b");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  std::unique_ptr<NodeMapReader> c = Read("node-c");
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(ReadUntil(
      *c, [](const NodeMap& map) { return map.AliveNodes().size() == 2; }));
  EXPECT_THAT(NodeIds(c->map().AliveNodes()), ElementsAre("node-a", "node-b"));
  EXPECT_EQ(c->map().OwnerOf(0), std::nullopt);
  EXPECT_THAT(c->map().Node("node-a")->applied_offsets,
              ElementsAre(Pair(5, 7)));

  // Owned partitions are published at once; the applied offsets as they
  // are then, with every entry.
  {
    absl::MutexLock lock(&applied_mutex);
    applied = {{0, 42}};
  }
  a->SetOwnedPartitions({0, 1});
  b->SetOwnedPartitions({2});
  ASSERT_TRUE(ReadUntil(*c, [](const NodeMap& map) {
    return map.OwnerOf(1).has_value() && map.OwnerOf(2).has_value();
  }));
  EXPECT_EQ(c->map().ForwardAddress(1).value_or(""), "node-a.internal:50051");
  EXPECT_EQ(c->map().ForwardAddress(2).value_or(""), "node-b.internal:50051");
  const std::optional<NodeInfo> node_a = c->map().Node("node-a");
  ASSERT_TRUE(node_a.has_value());
  EXPECT_THAT(node_a->applied_offsets, ElementsAre(Pair(0, 42)));
  EXPECT_EQ(node_a->heartbeat_time, clock_.Now());
  EXPECT_EQ(node_a->start_time, clock_.Now());
  EXPECT_EQ(c->malformed_records(), 0);
}

TEST_F(NodeMapKafkaTest, ACleanStopRemovesTheNode) {
  std::unique_ptr<NodeMapPublisher> a = Publish("node-a");
  std::unique_ptr<NodeMapPublisher> b = Publish("node-b");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  std::unique_ptr<NodeMapReader> c = Read("node-c");
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(ReadUntil(
      *c, [](const NodeMap& map) { return map.AliveNodes().size() == 2; }));
  EXPECT_OK(a->Stop());
  ASSERT_TRUE(ReadUntil(
      *c, [](const NodeMap& map) { return !map.Node("node-a").has_value(); }));
  EXPECT_THAT(NodeIds(c->map().AliveNodes()), ElementsAre("node-b"));
  // A reader that starts later reads the tombstone too.
  std::unique_ptr<NodeMapReader> d = Read("node-d");
  ASSERT_NE(d, nullptr);
  ASSERT_TRUE(
      ReadUntil(*d, [](const NodeMap& map) { return map.version() >= 3; }));
  EXPECT_THAT(NodeIds(d->map().AliveNodes()), ElementsAre("node-b"));
}

TEST_F(NodeMapKafkaTest, ANodeThatStopsHeartbeatingIsDown) {
  std::unique_ptr<NodeMapPublisher> a = Publish("node-a");
  ASSERT_NE(a, nullptr);
  a->SetOwnedPartitions({0});
  std::unique_ptr<NodeMapReader> c = Read("node-c");
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(ReadUntil(
      *c, [](const NodeMap& map) { return map.OwnerOf(0).has_value(); }));
  // No heartbeat comes for longer than the liveness timeout, as when a
  // node is killed.
  clock_.Advance(kLiveness + absl::Seconds(1));
  EXPECT_THAT(c->map().AliveNodes(), IsEmpty());
  EXPECT_THAT(NodeIds(c->map().Nodes()), ElementsAre("node-a"));
  EXPECT_FALSE(c->map().Node("node-a")->alive);
  EXPECT_THAT(c->map().ForwardAddress(0),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(NodeMapKafkaTest, AMalformedRecordIsReportedAndSkipped) {
  ProduceRaw("node-x", std::string("not a node map entry \xff\xff"));
  ProduceRaw("node-y", Entry("node-z", "z:1", {0}, clock_.Now()));
  std::unique_ptr<NodeMapPublisher> a = Publish("node-a");
  ASSERT_NE(a, nullptr);
  std::unique_ptr<NodeMapReader> c = Read("node-c");
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(ReadUntil(
      *c, [](const NodeMap& map) { return map.Node("node-a").has_value(); }));
  EXPECT_EQ(c->malformed_records(), 2);
  EXPECT_THAT(c->last_malformed_record(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("names node \"node-z\" but its key is "
                                 "\"node-y\"")));
  EXPECT_THAT(NodeIds(c->map().AliveNodes()), ElementsAre("node-a"));
}

TEST_F(NodeMapKafkaTest, RefusesAMissingOrMisshapenTopic) {
  EXPECT_THAT(NodeMapPublisher::Start(
                  Options("node-a"),
                  {.advertise_address = "", .topic_check = MockTopicCheck()}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("address other nodes reach it at")));

  MockKafkaCluster two_partitions;
  two_partitions.CreateTopic(std::string(kNodeMapTopic), 2, 3);
  ClusterOptions options = Options("node-a");
  options.bootstrap_servers = two_partitions.bootstrap_servers();
  EXPECT_THAT(
      NodeMapReader::Start(options, {.topic_check = MockTopicCheck()}),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("guestvoice.node-map is misconfigured: partitions "
                         "is 2, the cluster uses 1")));

  MockKafkaCluster missing;
  missing.SetTopicError(std::string(kNodeMapTopic),
                        RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
  options.bootstrap_servers = missing.bootstrap_servers();
  EXPECT_THAT(NodeMapPublisher::Start(
                  options, {.advertise_address = "node-a.internal:50051",
                            .topic_check = MockTopicCheck()}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("guestvoice.node-map does not exist")));
}

}  // namespace
}  // namespace guestvoice::service::cluster
