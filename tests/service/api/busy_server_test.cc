// Backpressure: calls are never queued without bound. With no room in the
// executors' queues every call is refused at once with RESOURCE_EXHAUSTED and
// a RetryInfo, and a refused import stream says so instead of hanging.

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
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

}  // namespace
}  // namespace guestvoice
