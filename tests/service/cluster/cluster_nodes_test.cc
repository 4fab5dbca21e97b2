// Three guestvoiced nodes on a three-broker Kafka cluster (the
// kafka_nodes CTest fixture, tools/cluster): writes through every node
// (hotels, feedback, guests, stays) are applied by every node, reads after
// catch-up answer identically from every node, and a node killed with
// SIGKILL mid-ingest restarts and resumes with nothing lost or doubled;
// GetServerInfo on every node shows every node and one live owner per
// partition, a killed node going down and its partitions moving.
//
// GUESTVOICE_KAFKA_NODES_DIR names the fixture's cluster directory; without
// it (no Java or jars) the test skips itself.

#include "tests/service/cluster/cluster_nodes.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "tests/testing/sample_requests.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::ClusterNodes;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::kDefaultOrganization;
using ::guestvoice::testing::SampleFeedback;
using ::guestvoice::testing::SampleHotel;

constexpr int kNodes = 3;
constexpr int kPartitions = ClusterNodes::kPartitions;
constexpr absl::Duration kLiveness = ClusterNodes::kLiveness;
constexpr char kConsistencyHeader[] = "x-guestvoice-consistency";

class ClusterNodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<ClusterNodes>> nodes =
        ClusterNodes::ForFixture();
    if (!nodes.ok()) GTEST_SKIP() << nodes.status().message();
    nodes_ = *std::move(nodes);
    ASSERT_THAT(nodes_->StartNodes(kNodes), IsOk());
  }

  // A call context for node calls: the admin key, and the consistency
  // token of the last write, so every read sees every write before it.
  std::unique_ptr<grpc::ClientContext> Context() {
    return nodes_->Context(token_);
  }

  // Keeps the write's token (all of the default organization's commands
  // are in one partition, so the latest token covers every earlier write).
  void KeepToken(const grpc::ClientContext& context) {
    auto token = context.GetServerInitialMetadata().find(kConsistencyHeader);
    ASSERT_NE(token, context.GetServerInitialMetadata().end());
    token_ = std::string(token->second.data(), token->second.size());
  }

  grpc::Status Ingest(int node, const std::string& external_id) {
    v1::IngestFeedbackRequest request;
    request.set_parent(kDefaultOrganization);
    *request.mutable_feedback() =
        SampleFeedback(hotel_, external_id, ingested_ % 4, post_time_);
    std::unique_ptr<grpc::ClientContext> context = Context();
    v1::Feedback response;
    grpc::Status status =
        v1::FeedbackService::NewStub(nodes_->channel(node))
            ->IngestFeedback(context.get(), request, &response);
    if (status.ok()) {
      ++ingested_;
      KeepToken(*context);
    }
    return status;
  }

  // What node `node` answers for the hotel's summary and its feedback.
  std::string Insights(int node) {
    v1::GetHotelSummaryRequest summary_request;
    summary_request.set_hotel(hotel_);
    *summary_request.mutable_interval()->mutable_start_time() =
        ToProtoTimestamp(post_time_ - absl::Hours(24 * 30));
    *summary_request.mutable_interval()->mutable_end_time() =
        ToProtoTimestamp(post_time_ + absl::Hours(24));
    v1::HotelSummary summary;
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status =
        v1::InsightService::NewStub(nodes_->channel(node))
            ->GetHotelSummary(context.get(), summary_request, &summary);
    EXPECT_TRUE(status.ok()) << node << ": " << status.error_message();
    v1::ListFeedbackRequest list_request;
    list_request.set_parent(kDefaultOrganization);
    list_request.set_hotel(hotel_);
    list_request.set_page_size(1000);
    v1::ListFeedbackResponse list;
    context = Context();
    status = v1::FeedbackService::NewStub(nodes_->channel(node))
                 ->ListFeedback(context.get(), list_request, &list);
    EXPECT_TRUE(status.ok()) << node << ": " << status.error_message();
    EXPECT_EQ(list.feedback_size(), ingested_) << "node " << node;
    return summary.SerializeAsString() + list.SerializeAsString();
  }

  // The cluster as node `i` describes it in GetServerInfo.
  absl::StatusOr<v1::ClusterInfo> ClusterOf(int i) {
    std::unique_ptr<grpc::ClientContext> context =
        nodes_->Context("", absl::Seconds(10));
    v1::ServerInfo info;
    const grpc::Status status =
        v1::AdminService::NewStub(nodes_->channel(i))
            ->GetServerInfo(context.get(), v1::GetServerInfoRequest(), &info);
    if (!status.ok()) {
      return absl::UnavailableError(
          absl::StrCat("node ", i, ": ", status.error_message()));
    }
    return info.cluster();
  }

  // Asks node `i` again and again until its description of the cluster
  // satisfies `done`; false after two minutes, with the last answer in
  // `last`. (Nothing announces a killed node going down: its heartbeat
  // just grows old.)
  bool ClusterUntil(int i,
                    const std::function<bool(const v1::ClusterInfo&)>& done,
                    v1::ClusterInfo* last) {
    const absl::Time give_up = absl::Now() + absl::Minutes(2);
    while (true) {
      absl::StatusOr<v1::ClusterInfo> cluster = ClusterOf(i);
      EXPECT_THAT(cluster.status(), IsOk());
      if (!cluster.ok()) return false;
      *last = *std::move(cluster);
      if (done(*last)) return true;
      if (absl::Now() > give_up) return false;
      absl::SleepFor(absl::Milliseconds(100));
    }
  }

  // Whether every partition is owned by exactly one live node of
  // `cluster`; `owners` gets each partition's owner.
  static bool OneLiveOwnerEach(const v1::ClusterInfo& cluster,
                               std::map<int32_t, std::string>* owners) {
    owners->clear();
    for (const v1::ClusterNodeInfo& node : cluster.nodes()) {
      if (!node.alive()) continue;
      for (int32_t partition : node.owned_partitions()) {
        if (!owners->emplace(partition, node.node_id()).second) return false;
      }
    }
    return owners->size() == kPartitions;
  }

  static int AliveNodes(const v1::ClusterInfo& cluster) {
    int alive = 0;
    for (const v1::ClusterNodeInfo& node : cluster.nodes()) {
      alive += node.alive() ? 1 : 0;
    }
    return alive;
  }

  static const v1::ClusterNodeInfo* FindNode(const v1::ClusterInfo& cluster,
                                             const std::string& node_id) {
    for (const v1::ClusterNodeInfo& node : cluster.nodes()) {
      if (node.node_id() == node_id) return &node;
    }
    return nullptr;
  }

  std::unique_ptr<ClusterNodes> nodes_;
  const std::string run_ = testing::RunTag();
  std::string token_;
  std::string hotel_;
  int ingested_ = 0;
  const absl::Time post_time_ = absl::Now() - absl::Hours(2);
};

TEST_F(ClusterNodesTest, WritesThroughEveryNodeReadAlikeFromEveryNode) {
  {
    std::unique_ptr<grpc::ClientContext> context = Context();
    v1::Hotel hotel;
    grpc::Status status =
        v1::HotelService::NewStub(nodes_->channel(0))
            ->CreateHotel(context.get(),
                          SampleHotel(absl::StrCat("lisbon-", run_)), &hotel);
    ASSERT_TRUE(status.ok()) << status.error_message();
    KeepToken(*context);
    hotel_ = hotel.name();
  }
  for (int i = 0; i < 3 * kNodes; ++i) {
    grpc::Status status = Ingest(i % kNodes, absl::StrCat(run_, "-e", i));
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  v1::Guest guest;
  {
    v1::CreateGuestRequest request;
    request.set_parent(kDefaultOrganization);
    request.mutable_guest()->set_display_name("Ana Silva");
    v1::Identity& email = *request.add_identities();
    email.set_kind(v1::IDENTITY_KIND_EMAIL);
    email.set_value(absl::StrCat("ana-", run_, "@example.com"));
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status = v1::LoyaltyService::NewStub(nodes_->channel(1))
                              ->CreateGuest(context.get(), request, &guest);
    ASSERT_TRUE(status.ok()) << status.error_message();
    KeepToken(*context);
  }
  {
    v1::RecordStayRequest request;
    request.set_parent(guest.name());
    v1::Stay& stay = *request.mutable_stay();
    stay.set_hotel(hotel_);
    *stay.mutable_arrival_date() =
        ToProtoDate(absl::ToCivilDay(post_time_, absl::UTCTimeZone()) - 5);
    stay.set_nights(2);
    stay.set_booking_reference(absl::StrCat("B1-", run_));
    std::unique_ptr<grpc::ClientContext> context = Context();
    v1::Stay recorded;
    grpc::Status status = v1::LoyaltyService::NewStub(nodes_->channel(2))
                              ->RecordStay(context.get(), request, &recorded);
    ASSERT_TRUE(status.ok()) << status.error_message();
    KeepToken(*context);
  }
  // Every node has the guest and the stay, and the same insights.
  for (int i = 0; i < kNodes; ++i) {
    v1::GetGuestRequest request;
    request.set_name(guest.name());
    v1::Guest got;
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status = v1::LoyaltyService::NewStub(nodes_->channel(i))
                              ->GetGuest(context.get(), request, &got);
    ASSERT_TRUE(status.ok()) << i << ": " << status.error_message();
    EXPECT_EQ(got.display_name(), "Ana Silva");
  }
  const std::string first = Insights(0);
  EXPECT_EQ(Insights(1), first);
  EXPECT_EQ(Insights(2), first);

  // A node killed with SIGKILL while it applies an ingest that goes on
  // through another node: the node restarts on its data dir, resumes where
  // its state stopped, and answers like the others, every acknowledged item
  // there once.
  std::atomic<int> acknowledged{0};
  std::thread writer([&] {
    for (int i = 0; i < 30; ++i) {
      grpc::Status status = Ingest(0, absl::StrCat(run_, "-k", i));
      EXPECT_TRUE(status.ok()) << status.error_message();
      ++acknowledged;
    }
  });
  while (acknowledged < 10) absl::SleepFor(absl::Milliseconds(1));
  nodes_->Kill(2);
  writer.join();
  ASSERT_EQ(acknowledged, 30);
  ASSERT_THAT(nodes_->Start(2), IsOk());
  const std::string after = Insights(0);
  EXPECT_NE(after, first);
  EXPECT_EQ(Insights(1), after);
  EXPECT_EQ(Insights(2), after);
}

TEST_F(ClusterNodesTest, ServerInfoShowsEveryNodeAndOneLiveOwnerPerPartition) {
  // Every node lists all three, alive at the addresses they bound, each
  // partition owned by exactly one, and has caught up with every partition.
  std::map<int32_t, std::string> owners;
  v1::ClusterInfo cluster;
  for (int i = 0; i < kNodes; ++i) {
    ASSERT_TRUE(ClusterUntil(
        i,
        [&](const v1::ClusterInfo& seen) {
          bool caught_up = seen.partitions_size() == kPartitions;
          for (const v1::PartitionProgress& partition : seen.partitions()) {
            caught_up = caught_up && partition.lag() == 0;
          }
          // Entries of earlier tests' nodes on the shared cluster are
          // counted down (or gone) by now, or soon.
          return AliveNodes(seen) == kNodes &&
                 OneLiveOwnerEach(seen, &owners) && caught_up;
        },
        &cluster))
        << "node " << i << " sees " << cluster.DebugString();
    EXPECT_EQ(cluster.node_id(), absl::StrCat("node-", i));
    for (int j = 0; j < kNodes; ++j) {
      const v1::ClusterNodeInfo* node =
          FindNode(cluster, absl::StrCat("node-", j));
      ASSERT_NE(node, nullptr) << j;
      // The advertised port 0 is published as the port the node bound.
      EXPECT_EQ(node->address(), nodes_->address(j));
      EXPECT_FALSE(node->owned_partitions().empty()) << node->node_id();
      EXPECT_LT(node->heartbeat_age().seconds(),
                absl::ToInt64Seconds(kLiveness));
      EXPECT_GT(node->start_time().seconds(), 0);
      // Every node applies every partition, and says how far.
      EXPECT_EQ(node->applied_offsets_size(), kPartitions);
    }
    // The bootstrap command at least is in the log, and applied.
    int64_t applied = 0;
    for (const v1::PartitionProgress& partition : cluster.partitions()) {
      EXPECT_GE(partition.log_end_offset(), partition.next_offset());
      EXPECT_EQ(partition.stopped_reason(), "");
      applied += partition.next_offset();
    }
    EXPECT_GE(applied, 1);
  }

  // SIGKILL: no tombstone, no clean leave. The others count the node down
  // once its heartbeat is older than the liveness timeout, and the group
  // gives its partitions to the two others once its session times out.
  nodes_->Kill(2);
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(ClusterUntil(
        i,
        [&](const v1::ClusterInfo& seen) {
          const v1::ClusterNodeInfo* killed = FindNode(seen, "node-2");
          return killed != nullptr && !killed->alive() &&
                 AliveNodes(seen) == 2 && OneLiveOwnerEach(seen, &owners);
        },
        &cluster))
        << "node " << i << " sees " << cluster.DebugString();
    EXPECT_GE(FindNode(cluster, "node-2")->heartbeat_age().seconds(),
              absl::ToInt64Seconds(kLiveness));
    for (const auto& [partition, owner] : owners) {
      EXPECT_NE(owner, "node-2") << partition;
    }
  }

  // A clean stop leaves the map at once (its tombstone), and the group at
  // once: node-0 owns everything.
  ASSERT_THAT(nodes_->Stop(1), IsOk());
  ASSERT_TRUE(ClusterUntil(
      0,
      [&](const v1::ClusterInfo& seen) {
        return FindNode(seen, "node-1") == nullptr &&
               OneLiveOwnerEach(seen, &owners);
      },
      &cluster))
      << cluster.DebugString();
  for (const auto& [partition, owner] : owners) {
    EXPECT_EQ(owner, "node-0") << partition;
  }
}

}  // namespace
}  // namespace guestvoice::service::cluster
