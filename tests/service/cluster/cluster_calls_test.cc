// Calls to a cluster node wait for the cluster without holding the server's
// workers: the node's gRPC services, wired as guestvoiced wires a cluster
// node, on librdkafka's mock cluster, with the apply loop held back until
// the test starts it. While every write waits for its command to be
// applied, more writes than write workers are in flight, plain reads and
// health checks are answered, and reads carrying a consistency token wait
// registered rather than on a read worker, and are authenticated once it
// is applied (a key made through another node; an import stream waits as a
// unary call does). A write past its deadline, or
// cancelled, ends at once and leaves no registration behind; a partition
// that stops fails its waiters. Nothing here sleeps: the test waits for
// AppliedProgress to hold the registrations it expects.

#include <grpcpp/create_channel.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/impl/client_unary_call.h>
#include <grpcpp/impl/rpc_method.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "analysis/feedback_analyzer.h"
#include "common/bounded_executor.h"
#include "common/striped_lock.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.pb.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "service/api/call_metrics.h"
#include "service/api/call_recorder.h"
#include "service/api/feedback_service.h"
#include "service/api/feedback_watchers.h"
#include "service/api/hotel_service.h"
#include "service/api/import_streams.h"
#include "service/api/key_rate_limiter.h"
#include "service/cluster/applied_progress.h"
#include "service/cluster/apply_loop.h"
#include "service/cluster/cluster_mutations.h"
#include "service/cluster/command_applier.h"
#include "service/cluster/command_partition.h"
#include "service/cluster/command_producer.h"
#include "service/cluster/mutation_runner.h"
#include "service/core/id_source.h"
#include "service/core/principal.h"
#include "service/core/resource_names.h"
#include "service/tenancy/bootstrap.h"
#include "tests/service/cluster/kafka_test_support.h"
#include "tests/service/cluster/mock_kafka_cluster.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/sample_requests.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::GrpcCodeIs;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr int kPartitions = 4;
constexpr size_t kWriteWorkers = 2;
constexpr size_t kReadWorkers = 1;
constexpr char kConsistencyHeader[] = "x-guestvoice-consistency";
constexpr char kDefault[] = "organizations/default";
// Bounds every wait; each ends as soon as what it waits for happened.
constexpr absl::Duration kPatience = absl::Seconds(60);

// A cluster node's gRPC services over a store of its own, on the mock
// cluster; its apply loop starts only when the test says.
class HeldBackNode {
 public:
  // Opens the store, bootstraps it, connects to the cluster at
  // `bootstrap_servers` and serves.
  void Start(const std::string& bootstrap_servers,
             ImportStreams::Limits imports) {
    options_.bootstrap_servers = bootstrap_servers;
    options_.node_id = "node-held";
    ASSERT_OK_AND_ASSIGN(store_, storage::Store::Open({.data_dir = dir_.path(),
                                                       .sync_writes = false}));
    ASSERT_OK(BootstrapIfEmpty(*store_, clock_, ids_).status());
    std::ifstream key_file(absl::StrCat(dir_.path(), "/", kAdminKeyFileName));
    std::getline(key_file, admin_key_);
    verifier_ = std::make_unique<ApiKeyVerifier>(*store_);
    rate_limiter_ = std::make_unique<KeyRateLimiter>(
        KeyRateLimiter::Limits{.calls_per_second = 0}, clock_);
    authenticator_ =
        std::make_unique<Authenticator>(*verifier_, *rate_limiter_, clock_);
    table_ = std::make_unique<MutationTable>(
        MutationDeps{.api_key_verifier = *verifier_,
                     .publisher = watchers_,
                     .analyzer = analysis::FeedbackAnalyzer::Default()});
    CommandProducer::TopicCheck check;
    check.check_configs = false;  // the mock cluster has no DescribeConfigs
    ASSERT_OK_AND_ASSIGN(producer_, CommandProducer::Create(options_, check));
    applier_ = std::make_unique<CommandApplier>(
        *table_, *store_, locks_, organization_locks_, applied_times_);
    mutations_ = std::make_unique<ClusterMutations>(*table_, domain(),
                                                    *producer_, progress_);
    imports_ = std::make_unique<ImportStreams>(imports);
    const ServiceDeps deps{.domain = domain(),
                           .authenticator = *authenticator_,
                           .api_key_verifier = *verifier_,
                           .reads = reads_,
                           .scans = scans_,
                           .writes = writes_,
                           .calls = recorder_,
                           .mutations = *mutations_,
                           .applied = &progress_};
    hotels_ = std::make_unique<HotelService>(deps);
    feedback_ = std::make_unique<FeedbackService>(deps, watchers_, *imports_);
    grpc::EnableDefaultHealthCheckService(true);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(hotels_.get());
    builder.RegisterService(feedback_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port),
                                   grpc::InsecureChannelCredentials());
  }

  ~HeldBackNode() {
    // Calls still waiting are cancelled by the shutdown and end at once.
    if (server_ != nullptr) {
      server_->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(1)));
      server_->Wait();
    }
    reads_.Shutdown();
    writes_.Shutdown();
    if (loop_ != nullptr) loop_->Stop();
    if (producer_ != nullptr) producer_->Close();
  }

  // Starts applying the command log, from its first record.
  void StartApplying() {
    ASSERT_OK_AND_ASSIGN(loop_,
                         ApplyLoop::Start(
                             options_, *applier_, progress_,
                             [](int32_t, const absl::Status&) {}, kPatience));
  }

  DomainContext domain() {
    return {*store_, locks_, clock_, ids_, organization_locks_};
  }
  // A call's context with `key`, the node's admin key when empty.
  std::unique_ptr<grpc::ClientContext> Context(
      absl::Duration deadline = kPatience, const std::string& key = "") const {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata(
        "authorization",
        absl::StrCat("Bearer ", key.empty() ? admin_key_ : key));
    context->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    return context;
  }

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  AppliedProgress& progress() { return progress_; }
  MutationRunner& mutations() { return *mutations_; }
  CommandProducer& producer() { return *producer_; }
  const ClusterOptions& options() const { return options_; }
  int32_t default_partition() const {
    return CommandPartition("default", kPartitions);
  }

 private:
  ClusterOptions options_;
  testing::TempDir dir_;
  testing::FakeClock clock_;
  SystemIdSource ids_;
  StripedLock locks_{64};
  StripedLock organization_locks_{8};
  std::string admin_key_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<ApiKeyVerifier> verifier_;
  std::unique_ptr<KeyRateLimiter> rate_limiter_;
  std::unique_ptr<Authenticator> authenticator_;
  std::unique_ptr<MutationTable> table_;
  std::unique_ptr<CommandProducer> producer_;
  AppliedProgress progress_;
  AppliedTimes applied_times_;
  std::unique_ptr<CommandApplier> applier_;
  std::unique_ptr<ClusterMutations> mutations_;
  BoundedExecutor reads_{kReadWorkers, 64};
  BoundedExecutor scans_{1, 64};
  BoundedExecutor writes_{kWriteWorkers, 64};
  CallMetrics metrics_{{v1::HotelService::service_full_name(),
                        v1::FeedbackService::service_full_name()}};
  CallRecorder recorder_{metrics_, nullptr};
  FeedbackWatchers watchers_{{}, clock_};
  std::unique_ptr<ImportStreams> imports_;
  std::unique_ptr<HotelService> hotels_;
  std::unique_ptr<FeedbackService> feedback_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<ApplyLoop> loop_;
};

// A call made on a thread of its own, so the test can look at the server
// while the call waits.
struct CreateHotelCall {
  CreateHotelCall(const HeldBackNode& node, const std::string& hotel_id,
                  absl::Duration deadline = kPatience)
      : context(node.Context(deadline)) {
    thread = std::thread([this, &node, hotel_id] {
      status = v1::HotelService::NewStub(node.channel())
                   ->CreateHotel(context.get(), testing::SampleHotel(hotel_id),
                                 &hotel);
    });
  }
  ~CreateHotelCall() { Join(); }
  void Join() {
    if (thread.joinable()) thread.join();
  }
  std::string Token() const {
    auto token = context->GetServerInitialMetadata().find(kConsistencyHeader);
    if (token == context->GetServerInitialMetadata().end()) return "";
    return std::string(token->second.data(), token->second.size());
  }

  std::unique_ptr<grpc::ClientContext> context;
  v1::Hotel hotel;
  grpc::Status status;
  std::thread thread;
};

struct ListHotelsCall {
  ListHotelsCall(const HeldBackNode& node, const std::string& token,
                 absl::Duration deadline = kPatience,
                 const std::string& key = "")
      : context(node.Context(deadline, key)) {
    if (!token.empty()) context->AddMetadata(kConsistencyHeader, token);
    thread = std::thread([this, &node] {
      v1::ListHotelsRequest request;
      request.set_parent(kDefault);
      status = v1::HotelService::NewStub(node.channel())
                   ->ListHotels(context.get(), request, &hotels);
    });
  }
  ~ListHotelsCall() { Join(); }
  void Join() {
    if (thread.joinable()) thread.join();
  }

  std::unique_ptr<grpc::ClientContext> context;
  v1::ListHotelsResponse hotels;
  grpc::Status status;
  std::thread thread;
};

class ClusterCallsTest : public ::testing::Test {
 protected:
  ClusterCallsTest() {
    cluster_.CreateTopic(std::string(kCommandTopic), kPartitions, 3);
  }

  std::unique_ptr<HeldBackNode> StartNode(ImportStreams::Limits imports = {}) {
    auto node = std::make_unique<HeldBackNode>();
    node->Start(cluster_.bootstrap_servers(), imports);
    return node;
  }

  // What the node answers to a ListHotels without a token: at once.
  static grpc::Status ListHotels(const HeldBackNode& node,
                                 v1::ListHotelsResponse& hotels) {
    v1::ListHotelsRequest request;
    request.set_parent(kDefault);
    return v1::HotelService::NewStub(node.channel())
        ->ListHotels(node.Context().get(), request, &hotels);
  }

  static bool Serving(const HeldBackNode& node) {
    grpc::health::v1::HealthCheckResponse health;
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + kPatience));
    // No generated stub for the health service: the method by name.
    const grpc::internal::RpcMethod check(
        "/grpc.health.v1.Health/Check", grpc::internal::RpcMethod::NORMAL_RPC);
    return grpc::internal::BlockingUnaryCall(
               node.channel().get(), check, &context,
               grpc::health::v1::HealthCheckRequest(), &health)
               .ok() &&
           health.status() == grpc::health::v1::HealthCheckResponse::SERVING;
  }

  testing::MockKafkaCluster cluster_;
};

TEST_F(ClusterCallsTest, MoreWritesWaitThanThereAreWorkersAndReadsGoOn) {
  std::unique_ptr<HeldBackNode> node;
  ASSERT_NO_FATAL_FAILURE(node = StartNode());
  constexpr size_t kWrites = 4 * kWriteWorkers;
  std::vector<std::unique_ptr<CreateHotelCall>> writes;
  for (size_t i = 0; i < kWrites; ++i) {
    writes.push_back(
        std::make_unique<CreateHotelCall>(*node, absl::StrCat("hotel-", i)));
  }
  // Every write was prepared, produced and left waiting for its command:
  // the two write workers hold none of them.
  ASSERT_TRUE(node->progress().AwaitWaiting(kWrites, absl::Now() + kPatience));
  v1::ListHotelsResponse hotels;
  const grpc::Status listed = ListHotels(*node, hotels);
  ASSERT_TRUE(listed.ok()) << listed.error_message();
  EXPECT_THAT(hotels.hotels(), SizeIs(0));  // nothing applied yet
  EXPECT_TRUE(Serving(*node));

  node->StartApplying();
  for (auto& write : writes) {
    write->Join();
    ASSERT_TRUE(write->status.ok()) << write->status.error_message();
    EXPECT_THAT(write->Token(),
                HasSubstr(absl::StrCat(node->default_partition(), ":")));
  }
  EXPECT_EQ(node->progress().waiting(), 0u);
  ASSERT_TRUE(ListHotels(*node, hotels).ok());
  EXPECT_THAT(hotels.hotels(), SizeIs(kWrites));
}

TEST_F(ClusterCallsTest, ATokenReadWaitsRegisteredNotOnAReadWorker) {
  std::unique_ptr<HeldBackNode> node;
  ASSERT_NO_FATAL_FAILURE(node = StartNode());
  CreateHotelCall write(*node, "lisbon");
  ASSERT_TRUE(node->progress().AwaitWaiting(1, absl::Now() + kPatience));
  // The write's command is the first of its partition.
  const std::string token = absl::StrCat(node->default_partition(), ":0");
  constexpr size_t kReads = 3 * kReadWorkers;
  std::vector<std::unique_ptr<ListHotelsCall>> reads;
  for (size_t i = 0; i < kReads; ++i) {
    reads.push_back(std::make_unique<ListHotelsCall>(*node, token));
  }
  ASSERT_TRUE(
      node->progress().AwaitWaiting(1 + kReads, absl::Now() + kPatience));
  // The read worker is free for a read without a token.
  v1::ListHotelsResponse hotels;
  ASSERT_TRUE(ListHotels(*node, hotels).ok());
  EXPECT_THAT(hotels.hotels(), SizeIs(0));

  node->StartApplying();
  write.Join();
  ASSERT_TRUE(write.status.ok()) << write.status.error_message();
  EXPECT_EQ(write.Token(), token);
  for (auto& read : reads) {
    read->Join();
    ASSERT_TRUE(read->status.ok()) << read->status.error_message();
    // Each saw the write its token named.
    ASSERT_THAT(read->hotels.hotels(), SizeIs(1));
    EXPECT_EQ(read->hotels.hotels(0).name(), write.hotel.name());
  }
  EXPECT_EQ(node->progress().waiting(), 0u);
}

TEST_F(ClusterCallsTest, CallsPastTheirDeadlineEndAndLeaveNoWaiter) {
  std::unique_ptr<HeldBackNode> node;
  ASSERT_NO_FATAL_FAILURE(node = StartNode());
  // Long enough to be prepared and produced; the apply never comes.
  const absl::Duration deadline = absl::Seconds(5);
  CreateHotelCall write(*node, "lisbon", deadline);
  ListHotelsCall read(*node, absl::StrCat(node->default_partition(), ":0"),
                      deadline);
  ASSERT_TRUE(node->progress().AwaitWaiting(2, absl::Now() + kPatience));
  write.Join();
  read.Join();
  EXPECT_THAT(write.status, GrpcCodeIs(grpc::StatusCode::DEADLINE_EXCEEDED));
  EXPECT_THAT(read.status, GrpcCodeIs(grpc::StatusCode::DEADLINE_EXCEEDED));
  // The server ended both calls too: nothing stays registered.
  EXPECT_TRUE(node->progress().AwaitWaiting(0, absl::Now() + kPatience));

  // The write may still land, as its error said; once applied it is there.
  node->StartApplying();
  ASSERT_OK(node->progress().AwaitOffset(node->default_partition(), 0,
                                         absl::Now() + kPatience));
  v1::ListHotelsResponse hotels;
  ASSERT_TRUE(ListHotels(*node, hotels).ok());
  EXPECT_THAT(hotels.hotels(), SizeIs(1));
}

TEST_F(ClusterCallsTest, ACancelledCallEndsAndLeavesNoWaiter) {
  std::unique_ptr<HeldBackNode> node;
  ASSERT_NO_FATAL_FAILURE(node = StartNode());
  CreateHotelCall write(*node, "lisbon");
  ListHotelsCall read(*node, absl::StrCat(node->default_partition(), ":0"));
  ASSERT_TRUE(node->progress().AwaitWaiting(2, absl::Now() + kPatience));
  write.context->TryCancel();
  read.context->TryCancel();
  write.Join();
  read.Join();
  EXPECT_THAT(write.status, GrpcCodeIs(grpc::StatusCode::CANCELLED));
  EXPECT_THAT(read.status, GrpcCodeIs(grpc::StatusCode::CANCELLED));
  EXPECT_TRUE(node->progress().AwaitWaiting(0, absl::Now() + kPatience));
}

TEST_F(ClusterCallsTest, AStoppedPartitionFailsItsWaiters) {
  std::unique_ptr<HeldBackNode> node;
  ASSERT_NO_FATAL_FAILURE(node = StartNode());
  // A record no node can apply, ahead of the writes in their partition.
  testing::Completions produced;
  ASSERT_OK(
      node->producer().Produce("default", "not a command", produced.Add()));
  ASSERT_OK(produced.WaitFor(1).at(0).status());
  CreateHotelCall write(*node, "lisbon");
  ListHotelsCall read(*node, absl::StrCat(node->default_partition(), ":1"));
  ASSERT_TRUE(node->progress().AwaitWaiting(2, absl::Now() + kPatience));

  node->StartApplying();
  write.Join();
  read.Join();
  EXPECT_THAT(write.status, GrpcCodeIs(grpc::StatusCode::UNAVAILABLE));
  EXPECT_THAT(write.status.error_message(),
              HasSubstr("stopped applying partition"));
  EXPECT_THAT(read.status, GrpcCodeIs(grpc::StatusCode::UNAVAILABLE));
  EXPECT_EQ(node->progress().waiting(), 0u);
  // A later write to the stopped partition is refused at once, produced
  // nowhere.
  CreateHotelCall later(*node, "porto");
  later.Join();
  EXPECT_THAT(later.status, GrpcCodeIs(grpc::StatusCode::UNAVAILABLE));
  EXPECT_EQ(node->producer().in_flight(), 0);
}

// An ImportFeedback stream on a thread of its own: `requests` are sent,
// then the stream is half-closed.
struct ImportCall {
  // `token`: a consistency token to send, if not empty; `key`: the API key,
  // the node's admin key if empty.
  ImportCall(const HeldBackNode& node,
             std::vector<v1::ImportFeedbackRequest> requests,
             const std::string& token = "", absl::Duration deadline = kPatience,
             const std::string& key = "")
      : context(node.Context(deadline, key)) {
    if (!token.empty()) context->AddMetadata(kConsistencyHeader, token);
    thread = std::thread([this, &node, requests = std::move(requests)] {
      auto writer = v1::FeedbackService::NewStub(node.channel())
                        ->ImportFeedback(context.get(), &response);
      for (const auto& request : requests) {
        if (!writer->Write(request)) break;
      }
      writer->WritesDone();
      status = writer->Finish();
    });
  }
  ~ImportCall() { Join(); }
  void Join() {
    if (thread.joinable()) thread.join();
  }

  std::unique_ptr<grpc::ClientContext> context;
  v1::ImportFeedbackResponse response;
  grpc::Status status;
  std::thread thread;
};

// `count` reviews of hotel "lisbon" of organization "default"; the last
// one repeats the first one's external id, and the one before has neither
// text nor rating.
std::vector<v1::ImportFeedbackRequest> Reviews(int count) {
  const absl::Time posted = absl::FromCivil(
      absl::CivilSecond(2026, 1, 15, 11, 0, 0), absl::UTCTimeZone());
  std::vector<v1::ImportFeedbackRequest> requests;
  for (int i = 0; i < count; ++i) {
    v1::ImportFeedbackRequest& request = requests.emplace_back();
    request.set_parent(kDefault);
    *request.mutable_feedback() = testing::SampleFeedback(
        "organizations/default/hotels/lisbon",
        absl::StrCat("review-", i == count - 1 ? 0 : i), i % 4, posted);
  }
  // Neither words nor a rating: refused.
  requests[count - 2].mutable_feedback()->clear_text();
  requests[count - 2].mutable_feedback()->clear_rating();
  return requests;
}

TEST_F(ClusterCallsTest, AnImportIsPipelinedUpToItsBoundAndAnsweredInOrder) {
  constexpr size_t kInFlight = 4;
  constexpr int kItems = 3 * kInFlight;
  std::unique_ptr<HeldBackNode> node;
  ASSERT_NO_FATAL_FAILURE(
      node = StartNode({.max_items_in_flight_per_stream = kInFlight}));
  CreateHotelCall hotel(*node, "lisbon");
  ASSERT_TRUE(node->progress().AwaitWaiting(1, absl::Now() + kPatience));
  ImportCall import(*node, Reviews(kItems));
  // The stream was read, and its items produced, ahead of their
  // acknowledgements, up to the bound: then it is read no further.
  ASSERT_TRUE(
      node->progress().AwaitWaiting(1 + kInFlight, absl::Now() + kPatience));

  node->StartApplying();
  import.Join();
  ASSERT_TRUE(import.status.ok()) << import.status.error_message();
  ASSERT_THAT(import.response.results(), SizeIs(kItems));
  for (int i = 0; i < kItems; ++i) {
    EXPECT_EQ(import.response.results(i).index(), i);
  }
  EXPECT_EQ(import.response.ingested_count(), kItems - 2);
  EXPECT_EQ(import.response.failed_count(), 1);
  EXPECT_NE(import.response.results(kItems - 2).status().code(), 0);
  EXPECT_EQ(import.response.duplicate_count(), 1);
  EXPECT_TRUE(import.response.results(kItems - 1).duplicate());
  EXPECT_EQ(node->progress().waiting(), 0u);

  // A later edit of a stored review at its source is applied from the log
  // and answered as an edit.
  std::vector<v1::ImportFeedbackRequest> edit = {Reviews(kItems)[1]};
  v1::Feedback& edited = *edit[0].mutable_feedback();
  edited.set_text("Edited: everything was fixed at once, lovely stay.");
  *edited.mutable_edit_time() = edited.post_time();
  edited.mutable_edit_time()->set_seconds(edited.post_time().seconds() + 60);
  ImportCall edit_import(*node, edit);
  edit_import.Join();
  ASSERT_TRUE(edit_import.status.ok()) << edit_import.status.error_message();
  EXPECT_EQ(edit_import.response.edited_count(), 1);
  EXPECT_EQ(edit_import.response.ingested_count(), 0);
  ASSERT_THAT(edit_import.response.results(), SizeIs(1));
  EXPECT_TRUE(edit_import.response.results(0).edited());
  EXPECT_EQ(edit_import.response.results(0).feedback(),
            import.response.results(1).feedback());
}

TEST_F(ClusterCallsTest, ACancelledImportAbandonsItsWaitingItems) {
  constexpr size_t kInFlight = 4;
  std::unique_ptr<HeldBackNode> node;
  ASSERT_NO_FATAL_FAILURE(
      node = StartNode({.max_items_in_flight_per_stream = kInFlight}));
  ImportCall import(*node, Reviews(2 * kInFlight));
  ASSERT_TRUE(
      node->progress().AwaitWaiting(kInFlight, absl::Now() + kPatience));
  import.context->TryCancel();
  import.Join();
  EXPECT_THAT(import.status, GrpcCodeIs(grpc::StatusCode::CANCELLED));
  EXPECT_TRUE(node->progress().AwaitWaiting(0, absl::Now() + kPatience));
}

// The bootstrap admin key of organization "default", as a caller.
Principal DefaultAdmin() {
  google::protobuf::RepeatedField<int> scopes;
  scopes.Add(v1::SCOPE_ADMIN);
  return Principal("default", FormatApiKeyName("default", "admin"), scopes);
}

// A request for a key of organization "default" with `scope`.
v1::CreateApiKeyRequest KeyRequest(v1::Scope scope) {
  v1::CreateApiKeyRequest create;
  create.set_parent(kDefault);
  create.mutable_api_key()->set_display_name("front desk");
  create.mutable_api_key()->add_scopes(scope);
  return create;
}

TEST_F(ClusterCallsTest, AKeyMadeThroughAnotherNodeWorksWithItsToken) {
  std::unique_ptr<HeldBackNode> maker;
  std::unique_ptr<HeldBackNode> user;
  ASSERT_NO_FATAL_FAILURE(maker = StartNode());
  ASSERT_NO_FATAL_FAILURE(user = StartNode());
  maker->StartApplying();
  v1::ApiKey key;
  ASSERT_OK_AND_ASSIGN(std::string token,
                       RunAndWait(maker->mutations(), DefaultAdmin(),
                                  KeyRequest(v1::SCOPE_FEEDBACK_READ), key,
                                  absl::Now() + kPatience));
  ASSERT_FALSE(key.key_string().empty());

  // The other node has not applied the key yet: the call waits for the
  // token rather than refusing a key it does not know yet.
  ListHotelsCall read(*user, token, kPatience, key.key_string());
  ASSERT_TRUE(user->progress().AwaitWaiting(1, absl::Now() + kPatience));
  user->StartApplying();
  read.Join();
  EXPECT_TRUE(read.status.ok()) << read.status.error_message();
  EXPECT_EQ(user->progress().waiting(), 0u);
}

TEST_F(ClusterCallsTest, AnImportWaitsForItsTokenBeforeItsKeyIsChecked) {
  std::unique_ptr<HeldBackNode> maker;
  std::unique_ptr<HeldBackNode> user;
  ASSERT_NO_FATAL_FAILURE(maker = StartNode());
  ASSERT_NO_FATAL_FAILURE(user = StartNode());
  maker->StartApplying();
  v1::ApiKey key;
  ASSERT_OK(RunAndWait(maker->mutations(), DefaultAdmin(),
                       KeyRequest(v1::SCOPE_FEEDBACK_WRITE), key,
                       absl::Now() + kPatience)
                .status());
  v1::Hotel hotel;
  ASSERT_OK_AND_ASSIGN(std::string token,
                       RunAndWait(maker->mutations(), DefaultAdmin(),
                                  testing::SampleHotel("lisbon"), hotel,
                                  absl::Now() + kPatience));

  // The stream waits for the token, holding no worker, and is then
  // authenticated with the key the other node made.
  ImportCall import(*user, Reviews(3), token, kPatience, key.key_string());
  ASSERT_TRUE(user->progress().AwaitWaiting(1, absl::Now() + kPatience));
  user->StartApplying();
  import.Join();
  ASSERT_TRUE(import.status.ok()) << import.status.error_message();
  EXPECT_EQ(import.response.ingested_count(), 1);
  EXPECT_EQ(import.response.failed_count(), 1);
  EXPECT_EQ(import.response.duplicate_count(), 1);
  EXPECT_EQ(user->progress().waiting(), 0u);
}

TEST_F(ClusterCallsTest, AnImportCancelledWhileWaitingForItsTokenEnds) {
  std::unique_ptr<HeldBackNode> node;
  ASSERT_NO_FATAL_FAILURE(node = StartNode());
  ImportCall waiting(*node, Reviews(2),
                     absl::StrCat(node->default_partition(), ":1"));
  ASSERT_TRUE(node->progress().AwaitWaiting(1, absl::Now() + kPatience));
  waiting.context->TryCancel();
  waiting.Join();
  EXPECT_THAT(waiting.status, GrpcCodeIs(grpc::StatusCode::CANCELLED));
  EXPECT_TRUE(node->progress().AwaitWaiting(0, absl::Now() + kPatience));

  ImportCall malformed(*node, Reviews(2), "not a token");
  malformed.Join();
  EXPECT_THAT(malformed.status, GrpcCodeIs(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(malformed.status.error_message(),
              HasSubstr(std::string(kConsistencyHeader)));
}

// A WatchFeedback stream of hotel "lisbon" on a thread of its own, sending
// `token`: it notes when its watch was registered (the server sends its
// initial metadata then), counts what it receives and records how it ended.
struct WatchCall {
  WatchCall(const HeldBackNode& node, const std::string& token)
      : context(node.Context()) {
    context->AddMetadata(kConsistencyHeader, token);
    thread = std::thread([this, &node] {
      v1::WatchFeedbackRequest request;
      request.set_parent(kDefault);
      request.set_hotel("organizations/default/hotels/lisbon");
      auto reader = v1::FeedbackService::NewStub(node.channel())
                        ->WatchFeedback(context.get(), request);
      reader->WaitForInitialMetadata();
      started.Notify();
      v1::WatchFeedbackResponse response;
      while (reader->Read(&response)) {
        if (++responses == 1) first_response.Notify();
      }
      status = reader->Finish();
    });
  }
  ~WatchCall() { Join(); }
  void Join() {
    if (thread.joinable()) thread.join();
  }

  std::unique_ptr<grpc::ClientContext> context;
  // The initial metadata arrived (or the call ended).
  absl::Notification started;
  absl::Notification first_response;
  int responses = 0;
  grpc::Status status;
  std::thread thread;
};

TEST_F(ClusterCallsTest, AWatchWaitsForItsTokenThenWatches) {
  std::unique_ptr<HeldBackNode> node;
  ASSERT_NO_FATAL_FAILURE(node = StartNode());
  CreateHotelCall hotel(*node, "lisbon");
  ASSERT_TRUE(node->progress().AwaitWaiting(1, absl::Now() + kPatience));
  // The hotel the watch names is the unapplied write's: the watch waits for
  // it, holding no thread, rather than answering NOT_FOUND.
  WatchCall watch(*node, absl::StrCat(node->default_partition(), ":0"));
  ASSERT_TRUE(node->progress().AwaitWaiting(2, absl::Now() + kPatience));

  node->StartApplying();
  hotel.Join();
  ASSERT_TRUE(hotel.status.ok()) << hotel.status.error_message();
  // Registered: the watch sees what is ingested afterwards.
  ASSERT_TRUE(watch.started.WaitForNotificationWithTimeout(kPatience));
  ImportCall import(*node, Reviews(2));
  import.Join();
  ASSERT_TRUE(import.status.ok()) << import.status.error_message();
  EXPECT_TRUE(watch.first_response.WaitForNotificationWithTimeout(kPatience));
  watch.context->TryCancel();
  watch.Join();
  EXPECT_THAT(watch.status, GrpcCodeIs(grpc::StatusCode::CANCELLED));
}

TEST_F(ClusterCallsTest, AWatchCancelledWhileWaitingForItsTokenEnds) {
  std::unique_ptr<HeldBackNode> node;
  ASSERT_NO_FATAL_FAILURE(node = StartNode());
  WatchCall watch(*node, absl::StrCat(node->default_partition(), ":0"));
  ASSERT_TRUE(node->progress().AwaitWaiting(1, absl::Now() + kPatience));
  watch.context->TryCancel();
  watch.Join();
  EXPECT_THAT(watch.status, GrpcCodeIs(grpc::StatusCode::CANCELLED));
  EXPECT_TRUE(node->progress().AwaitWaiting(0, absl::Now() + kPatience));

  WatchCall malformed(*node, "not a token");
  malformed.Join();
  EXPECT_THAT(malformed.status, GrpcCodeIs(grpc::StatusCode::INVALID_ARGUMENT));
}

}  // namespace
}  // namespace guestvoice::service::cluster
