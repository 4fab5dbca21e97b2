// Backpressure: calls are never queued without bound. With no room in the
// executors' queues every call is refused at once with RESOURCE_EXHAUSTED and
// a RetryInfo, and a refused import stream says so instead of hanging. Scans
// (insights, filtered listings) queue apart from lookups, so a flood of them
// leaves lookups alone.

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
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

}  // namespace
}  // namespace guestvoice
