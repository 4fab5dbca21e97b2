// Three guestvoiced nodes on a three-broker Kafka cluster (the
// kafka_nodes CTest fixture, tools/cluster): writes through every node
// (hotels, feedback, guests, stays) are applied by every node, reads after
// catch-up answer identically from every node, and a node killed with
// SIGKILL mid-ingest restarts and resumes with nothing lost or doubled;
// GetServerInfo on every node shows every node and one live owner per
// partition, a killed node going down and its partitions moving. An API
// key created through one node works on every node until revoked through
// another, and its secret is in no command record; a re-analysis whose
// partition owner hangs ends on the next owner, alike on every node; a
// node seeded from another node's backup applies only the commands after
// it; a state is refused where it does not belong.
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

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "service/cluster/command_partition.h"
#include "service/cluster/kafka_config.h"
#include "service/core/crypto.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "tests/service/cluster/kafka_test_support.h"
#include "tests/testing/client_calls.h"
#include "tests/testing/guestvoiced_process.h"
#include "tests/testing/sample_requests.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::ClusterNodes;
using ::guestvoice::testing::GuestvoicedProcess;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::kDefaultOrganization;
using ::guestvoice::testing::SampleFeedback;
using ::guestvoice::testing::SampleHotel;
using ::testing::HasSubstr;
using ::testing::Not;

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

  // The same with `key` in place of the admin key.
  std::unique_ptr<grpc::ClientContext> ContextWithKey(const std::string& key) {
    std::unique_ptr<grpc::ClientContext> context =
        testing::CallContext(key, absl::Seconds(60));
    if (!token_.empty()) context->AddMetadata(kConsistencyHeader, token_);
    return context;
  }

  // Keeps the write's token (all of the default organization's commands
  // are in one partition, so the latest token covers every earlier write).
  void KeepToken(const grpc::ClientContext& context) {
    auto token = context.GetServerInitialMetadata().find(kConsistencyHeader);
    ASSERT_NE(token, context.GetServerInitialMetadata().end());
    token_ = std::string(token->second.data(), token->second.size());
  }

  // Creates the test's hotel, `prefix` and the run's tag, through node 0;
  // keeps its name and the write's token.
  void CreateTestHotel(const std::string& prefix) {
    std::unique_ptr<grpc::ClientContext> context = Context();
    v1::Hotel hotel;
    grpc::Status status =
        v1::HotelService::NewStub(nodes_->channel(0))
            ->CreateHotel(context.get(),
                          SampleHotel(absl::StrCat(prefix, "-", run_)), &hotel);
    ASSERT_TRUE(status.ok()) << status.error_message();
    KeepToken(*context);
    hotel_ = hotel.name();
  }

  // With `stars_only`, a rating without words.
  grpc::Status Ingest(int node, const std::string& external_id,
                      bool stars_only = false) {
    v1::IngestFeedbackRequest request;
    request.set_parent(kDefaultOrganization);
    *request.mutable_feedback() =
        SampleFeedback(hotel_, external_id, ingested_ % 4, post_time_);
    if (stars_only) {
      v1::Feedback& feedback = *request.mutable_feedback();
      feedback.clear_text();
      feedback.mutable_rating()->set_value(2);
      feedback.mutable_rating()->set_scale_min(1);
      feedback.mutable_rating()->set_scale_max(5);
    }
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
  // Logs and data dirs of the servers a test starts beside the nodes.
  testing::TempDir dir_;
  const std::string run_ = testing::RunTag();
  std::string token_;
  std::string hotel_;
  int ingested_ = 0;
  const absl::Time post_time_ = absl::Now() - absl::Hours(2);
};

TEST_F(ClusterNodesTest, WritesThroughEveryNodeReadAlikeFromEveryNode) {
  ASSERT_NO_FATAL_FAILURE(CreateTestHotel("lisbon"));
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
  // Caught up, every node answered every call itself: none was forwarded
  // to the owner of the organization's partition (docs/cluster.md,
  // "Forwarding").
  for (int i = 0; i < kNodes; ++i) {
    absl::StatusOr<std::string> metrics = nodes_->Metrics(i);
    ASSERT_THAT(metrics.status(), IsOk());
    EXPECT_THAT(*metrics, Not(HasSubstr("\nguestvoice_forwarded_calls_total{")))
        << "node " << i;
  }

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

TEST_F(ClusterNodesTest, AKeyCreatedOnOneNodeWorksOnEveryNodeUntilRevoked) {
  auto admin = [&](int node) {
    return v1::AdminService::NewStub(nodes_->channel(node));
  };
  v1::CreateApiKeyRequest create;
  create.set_parent(kDefaultOrganization);
  create.mutable_api_key()->set_display_name("front desk");
  create.mutable_api_key()->add_scopes(v1::SCOPE_FEEDBACK_READ);
  create.set_request_id(absl::StrCat("front-desk-", run_));
  v1::ApiKey key;
  {
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status = admin(0)->CreateApiKey(context.get(), create, &key);
    ASSERT_TRUE(status.ok()) << status.error_message();
    KeepToken(*context);
  }
  ASSERT_FALSE(key.key_string().empty());

  // Every node has applied the key once it has applied the write's token;
  // then the key is accepted there.
  auto key_works_on = [&](int node) -> grpc::Status {
    v1::GetApiKeyRequest get;
    get.set_name(key.name());
    v1::ApiKey got;
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status = admin(node)->GetApiKey(context.get(), get, &got);
    EXPECT_TRUE(status.ok()) << node << ": " << status.error_message();
    v1::GetOrganizationRequest organization;
    organization.set_name(kDefaultOrganization);
    v1::Organization answer;
    context = ContextWithKey(key.key_string());
    return admin(node)->GetOrganization(context.get(), organization, &answer);
  };
  for (int node = 0; node < kNodes; ++node) {
    grpc::Status status = key_works_on(node);
    EXPECT_TRUE(status.ok()) << node << ": " << status.error_message();
  }

  // The same request id through another node: the same key, no secret.
  {
    v1::ApiKey replay;
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status =
        admin(1)->CreateApiKey(context.get(), create, &replay);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(replay.name(), key.name());
    EXPECT_EQ(replay.key_string(), "");
  }

  {
    v1::RevokeApiKeyRequest revoke;
    revoke.set_name(key.name());
    v1::ApiKey revoked;
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status =
        admin(2)->RevokeApiKey(context.get(), revoke, &revoked);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_TRUE(revoked.has_revoke_time());
    KeepToken(*context);
  }
  for (int node = 0; node < kNodes; ++node) {
    EXPECT_EQ(key_works_on(node).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << node;
  }

  // The log holds the secret's hash, never the secret.
  absl::StatusOr<std::string> brokers =
      ReadBootstrapFile(nodes_->bootstrap_file());
  ASSERT_TRUE(brokers.ok()) << brokers.status();
  const std::string secret_sha256 = Sha256(key.key_string());
  int records = 0;
  int with_hash = 0;
  for (int32_t partition = 0; partition < kPartitions; ++partition) {
    absl::StatusOr<std::vector<testing::StoredRecord>> stored =
        testing::ReadPartition(*brokers, std::string(kCommandTopic), partition);
    ASSERT_TRUE(stored.ok()) << stored.status();
    for (const testing::StoredRecord& record : *stored) {
      ++records;
      EXPECT_FALSE(absl::StrContains(record.payload, key.key_string()))
          << "partition " << partition << " offset " << record.offset;
      if (absl::StrContains(record.payload, secret_sha256)) ++with_hash;
    }
  }
  EXPECT_GT(records, 0);
  // The first CreateApiKey's command and the replay's carry hashes of their
  // own secrets; only the first's became the key.
  EXPECT_EQ(with_hash, 1);
}

// A chain onboarded as a platform admin does it: the organization created
// through one node, its first key through another. Both are commands of the
// new organization's own partition, so every node applies the key after the
// organization it belongs to; a retry of the creation through a third node
// answers the same organization.
TEST_F(ClusterNodesTest, AnOrganizationCreatedThroughOneNodeIsOnboardedOnAll) {
  auto admin = [&](int node) {
    return v1::AdminService::NewStub(nodes_->channel(node));
  };
  const std::string display_name = absl::StrCat("Globex Hotels ", run_);
  v1::CreateOrganizationRequest create;
  create.mutable_organization()->set_display_name(display_name);
  create.set_request_id(absl::StrCat("globex-", run_));
  v1::Organization organization;
  {
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status =
        admin(0)->CreateOrganization(context.get(), create, &organization);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  const std::string id(
      absl::StripPrefix(organization.name(), "organizations/"));

  v1::CreateApiKeyRequest key_request;
  key_request.set_parent(organization.name());
  key_request.mutable_api_key()->set_display_name("globex admin");
  key_request.mutable_api_key()->add_scopes(v1::SCOPE_ADMIN);
  v1::ApiKey key;
  {
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status =
        admin(1)->CreateApiKey(context.get(), key_request, &key);
    ASSERT_TRUE(status.ok()) << status.error_message();
    KeepToken(*context);
  }
  for (int node = 0; node < kNodes; ++node) {
    v1::GetOrganizationRequest get;
    get.set_name(organization.name());
    v1::Organization got;
    std::unique_ptr<grpc::ClientContext> context =
        ContextWithKey(key.key_string());
    grpc::Status status =
        admin(node)->GetOrganization(context.get(), get, &got);
    EXPECT_TRUE(status.ok()) << node << ": " << status.error_message();
    EXPECT_EQ(got.display_name(), display_name) << node;
  }

  {
    v1::Organization retried;
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status =
        admin(2)->CreateOrganization(context.get(), create, &retried);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(retried.name(), organization.name());
    EXPECT_EQ(retried.create_time().seconds(),
              organization.create_time().seconds());
  }

  // The creation's commands are in the organization's partition.
  absl::StatusOr<std::string> brokers =
      ReadBootstrapFile(nodes_->bootstrap_file());
  ASSERT_TRUE(brokers.ok()) << brokers.status();
  const int32_t own = CommandPartition(id, kPartitions);
  for (int32_t partition = 0; partition < kPartitions; ++partition) {
    absl::StatusOr<std::vector<testing::StoredRecord>> stored =
        testing::ReadPartition(*brokers, std::string(kCommandTopic), partition);
    ASSERT_TRUE(stored.ok()) << stored.status();
    int creations = 0;
    for (const testing::StoredRecord& record : *stored) {
      if (absl::StrContains(record.payload, display_name)) ++creations;
    }
    EXPECT_EQ(creations, partition == own ? 2 : 0) << "partition " << partition;
  }
}

// Re-analysis runs on the owner of its organization's partition. With that
// owner hung (SIGSTOP) before the operation starts, the group hands the
// partition to another node once the hung one's session times out, and
// that node runs the batches; every node, the old owner too once restarted,
// shows the same operation and items.
TEST_F(ClusterNodesTest, AReanalysisWhoseOwnerHangsEndsOnTheNextOwner) {
  ASSERT_NO_FATAL_FAILURE(CreateTestHotel("porto"));
  for (int i = 0; i < 2 * kNodes; ++i) {
    grpc::Status status = Ingest(i % kNodes, absl::StrCat(run_, "-r", i));
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  const int32_t partition = CommandPartition("default", kPartitions);
  std::map<int32_t, std::string> owners;
  v1::ClusterInfo cluster;
  ASSERT_TRUE(ClusterUntil(
      0,
      [&](const v1::ClusterInfo& seen) {
        return AliveNodes(seen) == kNodes && OneLiveOwnerEach(seen, &owners);
      },
      &cluster))
      << cluster.DebugString();
  int owner = -1;
  for (int i = 0; i < kNodes; ++i) {
    if (owners[partition] == absl::StrCat("node-", i)) owner = i;
  }
  ASSERT_GE(owner, 0) << owners[partition];
  const int receiver = (owner + 1) % kNodes;
  const int other = (owner + 2) % kNodes;
  nodes_->Freeze(owner);

  v1::Operation started;
  {
    v1::ReanalyzeFeedbackRequest request;
    request.set_parent(kDefaultOrganization);
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status =
        v1::AdminService::NewStub(nodes_->channel(receiver))
            ->ReanalyzeFeedback(context.get(), request, &started);
    ASSERT_TRUE(status.ok()) << status.error_message();
    KeepToken(*context);
  }
  // The operation runs in the background, once the partition has a live
  // owner again (the hung node's group session is 10 s): each node is
  // asked until it has applied the last batch.
  auto finished_on = [&](int node) {
    v1::GetOperationRequest request;
    request.set_name(started.name());
    v1::Operation operation;
    const absl::Time give_up = absl::Now() + absl::Seconds(90);
    while (absl::Now() < give_up) {
      std::unique_ptr<grpc::ClientContext> context = Context();
      grpc::Status status =
          v1::AdminService::NewStub(nodes_->channel(node))
              ->GetOperation(context.get(), request, &operation);
      EXPECT_TRUE(status.ok()) << node << ": " << status.error_message();
      if (!status.ok() || operation.done()) break;
      absl::SleepFor(absl::Milliseconds(50));
    }
    EXPECT_TRUE(operation.done()) << "node " << node;
    return operation;
  };
  const v1::Operation finished = finished_on(receiver);
  EXPECT_FALSE(finished.has_error()) << finished.error().message();
  EXPECT_GE(finished.reanalyze_feedback().total_count(), 2 * kNodes);
  EXPECT_EQ(finished.reanalyze_feedback().processed_count(),
            finished.reanalyze_feedback().total_count());
  EXPECT_EQ(finished_on(other).SerializeAsString(),
            finished.SerializeAsString());
  // The hung owner, killed and restarted, catches up to the same.
  nodes_->Kill(owner);
  ASSERT_THAT(nodes_->Start(owner), IsOk());
  EXPECT_EQ(finished_on(owner).SerializeAsString(),
            finished.SerializeAsString());
  // Every node lists the same operations and the same items.
  auto listed_on = [&](int node) {
    v1::ListOperationsRequest operations_request;
    operations_request.set_parent(kDefaultOrganization);
    v1::ListOperationsResponse operations;
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status =
        v1::AdminService::NewStub(nodes_->channel(node))
            ->ListOperations(context.get(), operations_request, &operations);
    EXPECT_TRUE(status.ok()) << node << ": " << status.error_message();
    v1::ListFeedbackRequest feedback_request;
    feedback_request.set_parent(kDefaultOrganization);
    // This test's hotel: the organization's other items, from the tests
    // before it on the shared log, would span pages, and a page token is
    // signed by each node's own secret.
    feedback_request.set_hotel(hotel_);
    feedback_request.set_page_size(1000);
    v1::ListFeedbackResponse feedback;
    context = Context();
    status = v1::FeedbackService::NewStub(nodes_->channel(node))
                 ->ListFeedback(context.get(), feedback_request, &feedback);
    EXPECT_TRUE(status.ok()) << node << ": " << status.error_message();
    return operations.SerializeAsString() + feedback.SerializeAsString();
  };
  const std::string listed = listed_on(0);
  EXPECT_EQ(listed_on(1), listed);
  EXPECT_EQ(listed_on(2), listed);
}

// A data dir holds one cluster's state: a node refuses an embedded
// server's store, and an embedded server a node's state, each saying what
// it found and what to do.
// A snapshot is a backup of any node: its state holds the offset it applied
// each partition to, in the same WriteBatches as the state, so a node
// seeded from it applies only the commands after it, not the log from its
// start, and answers like the others.
TEST_F(ClusterNodesTest, ANodeStartedFromABackupAppliesOnlyTheCommandsAfterIt) {
  ASSERT_NO_FATAL_FAILURE(CreateTestHotel("porto"));
  for (int i = 0; i < 5; ++i) {
    grpc::Status status = Ingest(i % kNodes, absl::StrCat(run_, "-s", i));
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  // Node 0 has applied them (the read waits for the token), then backs up.
  const std::string before_backup = Insights(0);
  v1::Backup backup;
  {
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status =
        v1::AdminService::NewStub(nodes_->channel(0))
            ->CreateBackup(context.get(), v1::CreateBackupRequest(), &backup);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  int backup_id = 0;
  ASSERT_TRUE(absl::SimpleAtoi(absl::StripPrefix(backup.name(), "backups/"),
                               &backup_id))
      << backup.name();
  constexpr int kAfterBackup = 4;
  for (int i = 0; i < kAfterBackup; ++i) {
    // One of them a rating without words, through the command log too.
    grpc::Status status =
        Ingest(i % kNodes, absl::StrCat(run_, "-t", i), /*stars_only=*/i == 1);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  ASSERT_THAT(nodes_->StartFromBackup(0, backup_id), IsOk());
  const int seeded = kNodes;
  // A store of its own, not node 0's moved (its backups go elsewhere).
  v1::ServerInfo seeded_info, original_info;
  for (auto [node, info] :
       {std::pair{seeded, &seeded_info}, std::pair{0, &original_info}}) {
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status =
        v1::AdminService::NewStub(nodes_->channel(node))
            ->GetServerInfo(context.get(), v1::GetServerInfoRequest(), info);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_NE(seeded_info.store_id(), original_info.store_id());
  const std::string now = Insights(0);
  EXPECT_NE(now, before_backup);
  EXPECT_EQ(Insights(seeded), now);
  // It stored the items written after the backup, and no other: from the
  // log's start it would have stored every earlier test's too.
  absl::StatusOr<std::string> metrics = nodes_->Metrics(seeded);
  ASSERT_THAT(metrics.status(), IsOk());
  constexpr absl::string_view kStored = "\nguestvoice_ingested_items_total ";
  const absl::string_view text = *metrics;
  const size_t at = text.find(kStored);
  ASSERT_NE(at, text.npos) << text;
  const absl::string_view value = text.substr(at + kStored.size());
  int64_t stored = -1;
  ASSERT_TRUE(absl::SimpleAtoi(value.substr(0, value.find('\n')), &stored));
  EXPECT_EQ(stored, kAfterBackup);
}

TEST_F(ClusterNodesTest, AStateIsRefusedWhereItDoesNotBelong) {
  const std::string embedded_dir = absl::StrCat(dir_.path(), "/embedded");
  {
    absl::StatusOr<std::unique_ptr<GuestvoicedProcess>> embedded =
        GuestvoicedProcess::Start(
            {.binary = GUESTVOICED,
             .data_dir = embedded_dir,
             .log_path = absl::StrCat(dir_.path(), "/embedded-0.log"),
             .flags = {"--sync_writes=false"},
             .start_deadline = absl::Seconds(60)});
    ASSERT_THAT(embedded.status(), IsOk());
    ASSERT_THAT((*embedded)->Stop(), IsOk());
  }
  absl::StatusOr<std::unique_ptr<GuestvoicedProcess>> as_node =
      GuestvoicedProcess::Start(
          {.binary = GUESTVOICED,
           .data_dir = embedded_dir,
           .log_path = absl::StrCat(dir_.path(), "/embedded-1.log"),
           .flags = {absl::StrCat("--cluster_bootstrap_file=",
                                  nodes_->bootstrap_file()),
                     "--cluster_node_id=node-9", "--advertise=127.0.0.1:0"},
           .start_deadline = absl::Seconds(120)});
  EXPECT_THAT(as_node.status(),
              testing::StatusIs(
                  absl::StatusCode::kInternal,
                  ::testing::AllOf(::testing::HasSubstr("no cluster stamp"),
                                   ::testing::HasSubstr("fresh --data_dir"))));

  ASSERT_THAT(nodes_->Stop(2), IsOk());
  absl::StatusOr<std::unique_ptr<GuestvoicedProcess>> node_as_embedded =
      GuestvoicedProcess::Start(
          {.binary = GUESTVOICED,
           .data_dir = nodes_->data_dir(2),
           .log_path = absl::StrCat(dir_.path(), "/node-2-embedded.log"),
           .flags = {"--sync_writes=false"},
           .start_deadline = absl::Seconds(60)});
  EXPECT_THAT(node_as_embedded.status(),
              testing::StatusIs(absl::StatusCode::kInternal,
                                ::testing::HasSubstr("cluster node's state")));
}

}  // namespace
}  // namespace guestvoice::service::cluster
