// Backpressure: calls are never queued without bound. With no room in the
// executors' queues every call is refused at once with RESOURCE_EXHAUSTED and
// a RetryInfo, and a refused import stream says so instead of hanging. Scans
// (insights, filtered listings) queue apart from lookups, so a flood of them
// leaves lookups alone. One organization's calls hold at most half of a
// queue, so a tenant's flood leaves the others a place.

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::RetryDelayMillis;
using ::guestvoice::testing::TestServer;

class BusyServerTest : public ::testing::Test {
 protected:
  TestServer server_{TestServer::Options{.call_queue_capacity = 0}};
};

TEST_F(BusyServerTest, UnaryCallsAreRefusedWithRetryInfo) {
  auto stub = v1::HotelService::NewStub(server_.channel());
  v1::ListHotelsRequest list;
  list.set_parent("organizations/default");
  v1::ListHotelsResponse listed;
  const grpc::Status read = stub->ListHotels(
      TestServer::Context(server_.admin_key()).get(), list, &listed);
  EXPECT_THAT(read, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                "LIMIT_EXCEEDED"));
  EXPECT_EQ(RetryDelayMillis(read), 50);

  v1::CreateHotelRequest create;
  create.set_parent("organizations/default");
  create.mutable_hotel()->set_display_name("Riverside");
  create.mutable_hotel()->set_time_zone("Europe/Lisbon");
  v1::Hotel created;
  const grpc::Status write = stub->CreateHotel(
      TestServer::Context(server_.admin_key()).get(), create, &created);
  EXPECT_THAT(write, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                 "LIMIT_EXCEEDED"));
  EXPECT_EQ(RetryDelayMillis(write), 50);
}

TEST_F(BusyServerTest, AnImportStreamIsRefusedNotLeftHanging) {
  auto stub = v1::FeedbackService::NewStub(server_.channel());
  auto context = TestServer::Context(server_.admin_key());
  v1::ImportFeedbackResponse response;
  auto writer = stub->ImportFeedback(context.get(), &response);
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  EXPECT_THAT(status, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                  "LIMIT_EXCEEDED"));
  EXPECT_EQ(RetryDelayMillis(status), 50);
}

// A watch starts on a read worker (its checks read the store, which gRPC's
// callback threads must not): with no room in the queue it is refused, not
// started on gRPC's thread instead.
TEST_F(BusyServerTest, AWatchIsRefusedWhenNoWorkerCanStartIt) {
  auto stub = v1::FeedbackService::NewStub(server_.channel());
  auto context = TestServer::Context(server_.admin_key());
  // Started on gRPC's thread, the watch would wait for items instead.
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  v1::WatchFeedbackRequest request;
  request.set_parent("organizations/default");
  auto reader = stub->WatchFeedback(context.get(), request);
  v1::WatchFeedbackResponse response;
  EXPECT_FALSE(reader->Read(&response));
  const grpc::Status status = reader->Finish();
  EXPECT_THAT(status, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                  "LIMIT_EXCEEDED"));
  EXPECT_EQ(RetryDelayMillis(status), 50);
}

TEST(BusyScansTest, FullScanQueueRefusesScansButNotLookups) {
  TestServer server(TestServer::Options{.scan_queue_capacity = 0});
  v1::CreateHotelRequest create;
  create.set_parent("organizations/default");
  create.mutable_hotel()->set_display_name("Riverside");
  create.mutable_hotel()->set_time_zone("Europe/Lisbon");
  v1::Hotel hotel;
  ASSERT_TRUE(v1::HotelService::NewStub(server.channel())
                  ->CreateHotel(TestServer::Context(server.admin_key()).get(),
                                create, &hotel)
                  .ok());
  // A summary no call has computed yet: first tried from cached answers on
  // gRPC's thread, it needs the scan executor.
  v1::GetHotelSummaryRequest summary;
  summary.set_hotel(hotel.name());
  summary.mutable_interval()->mutable_start_time()->set_seconds(1767225600);
  summary.mutable_interval()->mutable_end_time()->set_seconds(1767830400);
  v1::HotelSummary summarized;
  const grpc::Status scan =
      v1::InsightService::NewStub(server.channel())
          ->GetHotelSummary(TestServer::Context(server.admin_key()).get(),
                            summary, &summarized);
  EXPECT_THAT(scan, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                "LIMIT_EXCEEDED"));
  EXPECT_EQ(RetryDelayMillis(scan), 50);

  v1::ListFeedbackRequest list_feedback;
  list_feedback.set_parent("organizations/default");
  v1::ListFeedbackResponse feedback;
  EXPECT_THAT(
      v1::FeedbackService::NewStub(server.channel())
          ->ListFeedback(TestServer::Context(server.admin_key()).get(),
                         list_feedback, &feedback),
      GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED, "LIMIT_EXCEEDED"));

  v1::ListHotelsRequest list_hotels;
  list_hotels.set_parent("organizations/default");
  v1::ListHotelsResponse hotels;
  EXPECT_TRUE(v1::HotelService::NewStub(server.channel())
                  ->ListHotels(TestServer::Context(server.admin_key()).get(),
                               list_hotels, &hotels)
                  .ok());
}

// ListFeedback calls (scans) started without waiting, and their statuses.
class AsyncListFeedback {
 public:
  explicit AsyncListFeedback(std::shared_ptr<grpc::Channel> channel)
      : stub_(v1::FeedbackService::NewStub(channel)) {}

  void Start(const std::string& key, const std::string& organization) {
    auto call = std::make_unique<Call>();
    call->context = TestServer::Context(key);
    call->request.set_parent("organizations/" + organization);
    Call& started = *call;
    {
      absl::MutexLock lock(&mutex_);
      calls_.push_back(std::move(call));
    }
    stub_->async()->ListFeedback(started.context.get(), &started.request,
                                 &started.response,
                                 [this, &started](grpc::Status status) {
                                   absl::MutexLock lock(&mutex_);
                                   started.status = std::move(status);
                                   ++finished_;
                                 });
  }

  // Waits until `count` calls have finished; returns their statuses in the
  // order the calls started (default-constructed, OK, for the others).
  std::vector<grpc::Status> AwaitFinished(int count) {
    absl::MutexLock lock(&mutex_);
    const auto enough = [this, count]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
      return finished_ >= count;
    };
    mutex_.Await(absl::Condition(&enough));
    std::vector<grpc::Status> statuses;
    for (const auto& call : calls_) statuses.push_back(call->status);
    return statuses;
  }

 private:
  struct Call {
    std::unique_ptr<grpc::ClientContext> context;
    v1::ListFeedbackRequest request;
    v1::ListFeedbackResponse response;
    grpc::Status status;
  };

  std::unique_ptr<v1::FeedbackService::Stub> stub_;
  absl::Mutex mutex_;
  std::vector<std::unique_ptr<Call>> calls_ ABSL_GUARDED_BY(mutex_);
  int finished_ ABSL_GUARDED_BY(mutex_) = 0;
};

// Holds the only worker of `executor` busy until Release (or its end), so
// that the calls sent meanwhile queue behind it.
class HeldWorker {
 public:
  explicit HeldWorker(BoundedExecutor& executor) : executor_(executor) {
    const bool held = executor_.TrySubmit([this] {
      busy_.Notify();
      release_.WaitForNotification();
    });
    EXPECT_TRUE(held);
    if (held) busy_.WaitForNotification();
  }
  ~HeldWorker() { Release(); }

  void Release() {
    if (!release_.HasBeenNotified()) release_.Notify();
  }

  // Waits until `count` tasks are queued behind the held worker.
  void AwaitQueued(size_t count) {
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (executor_.queued() < count && absl::Now() < deadline) {
      std::this_thread::yield();
    }
    EXPECT_EQ(executor_.queued(), count);
  }

 private:
  BoundedExecutor& executor_;
  absl::Notification busy_;
  absl::Notification release_;
};

// With the only scan worker held busy, one organization's scans take half
// of the scan queue (2 of 4): its third is refused at once, naming the
// organization's share, while another organization's scan still gets a
// place. Once the worker is free, every call that got a place is answered.
TEST(BusyScansTest, OneOrganizationHoldsAtMostHalfOfTheScanQueue) {
  TestServer server(
      TestServer::Options{.scan_queue_capacity = 4, .scan_threads = 1});
  const std::string other_key =
      server.CreateOrganizationWithKey("other", {v1::SCOPE_FEEDBACK_READ});
  HeldWorker scan_worker(server.server().scan_executor());

  AsyncListFeedback calls(server.channel());
  for (int i = 0; i < 3; ++i) calls.Start(server.admin_key(), "default");
  // Only a refused call can finish while the worker is busy.
  std::vector<grpc::Status> statuses = calls.AwaitFinished(1);
  int refused = 0;
  for (const grpc::Status& status : statuses) {
    if (status.ok()) continue;
    ++refused;
    EXPECT_THAT(status, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                    "LIMIT_EXCEEDED"));
    EXPECT_THAT(status.error_message(),
                ::testing::HasSubstr("this organization has 2 calls queued"));
    EXPECT_EQ(RetryDelayMillis(status), 50);
  }
  EXPECT_EQ(refused, 1);

  calls.Start(other_key, "other");
  // The other organization's call is queued beside the first two.
  scan_worker.AwaitQueued(3);
  scan_worker.Release();

  statuses = calls.AwaitFinished(4);
  int answered = 0;
  for (const grpc::Status& status : statuses) answered += status.ok() ? 1 : 0;
  EXPECT_EQ(answered, 3);
  EXPECT_TRUE(statuses[3].ok()) << statuses[3].error_message();
}

// Revoking a key acts at once, on its calls already queued too: a scan that
// was authenticated as it arrived, and waited behind the busy worker while
// its key was revoked, is refused instead of run.
TEST(BusyScansTest, ACallQueuedWhenItsKeyIsRevokedIsRefused) {
  TestServer server(TestServer::Options{.scan_threads = 1});
  auto admin = v1::AdminService::NewStub(server.channel());
  v1::CreateApiKeyRequest create;
  create.set_parent("organizations/default");
  create.mutable_api_key()->set_display_name("reader");
  create.mutable_api_key()->add_scopes(v1::SCOPE_FEEDBACK_READ);
  v1::ApiKey key;
  ASSERT_TRUE(admin
                  ->CreateApiKey(TestServer::Context(server.admin_key()).get(),
                                 create, &key)
                  .ok());
  AsyncListFeedback calls(server.channel());
  // Its first call verifies the key, which is then known from memory.
  calls.Start(key.key_string(), "default");
  ASSERT_TRUE(calls.AwaitFinished(1)[0].ok());

  HeldWorker scan_worker(server.server().scan_executor());
  calls.Start(key.key_string(), "default");
  scan_worker.AwaitQueued(1);

  v1::RevokeApiKeyRequest revoke;
  revoke.set_name(key.name());
  v1::ApiKey revoked;
  ASSERT_TRUE(admin
                  ->RevokeApiKey(TestServer::Context(server.admin_key()).get(),
                                 revoke, &revoked)
                  .ok());
  scan_worker.Release();
  EXPECT_THAT(
      calls.AwaitFinished(2)[1],
      GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED, "API_KEY_INVALID"));
}

}  // namespace
}  // namespace guestvoice
