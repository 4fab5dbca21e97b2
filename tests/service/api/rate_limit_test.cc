// Per-key rate limits through the API: a key past its bucket is refused with
// RESOURCE_EXHAUSTED, LIMIT_EXCEEDED and a RetryInfo, other keys are not
// affected, the bucket refills with time (the server's fake clock), and a
// call refused for a full queue is not counted.

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::RetryDelayMillis;
using ::guestvoice::testing::TestServer;

class RateLimitTest : public ::testing::Test {
 protected:
  grpc::Status ListHotels(const std::string& key) {
    v1::ListHotelsRequest request;
    request.set_parent("organizations/default");
    v1::ListHotelsResponse response;
    return stub_->ListHotels(TestServer::Context(key).get(), request,
                             &response);
  }

  // Two calls a second, bursts of three.
  TestServer server_{
      TestServer::Options{.rate_limit = {.calls_per_second = 2, .burst = 3}}};
  std::unique_ptr<v1::HotelService::Stub> stub_ =
      v1::HotelService::NewStub(server_.channel());
};

TEST_F(RateLimitTest, AKeyPastItsBurstIsToldWhenToRetry) {
  const std::string key =
      server_.CreateKey("default", {v1::SCOPE_FEEDBACK_READ});
  for (int call = 0; call < 3; ++call) EXPECT_TRUE(ListHotels(key).ok());
  const grpc::Status refused = ListHotels(key);
  EXPECT_THAT(refused, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                   "LIMIT_EXCEEDED"));
  EXPECT_THAT(refused.error_message(),
              ::testing::HasSubstr("more than 2 calls a second"));
  // One call's worth of tokens at two a second.
  EXPECT_EQ(RetryDelayMillis(refused), 500);

  server_.clock().Advance(absl::Milliseconds(500));
  EXPECT_TRUE(ListHotels(key).ok());
  EXPECT_THAT(ListHotels(key), GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                           "LIMIT_EXCEEDED"));
}

// A call refused because its queue was full did not run: it costs its key
// nothing, so a client that retries after the 50 ms RetryInfo is charged
// once, for the call that runs.
TEST(RateLimitRefundTest, ACallRefusedForAFullQueueCostsItsKeyNothing) {
  TestServer server(
      TestServer::Options{.rate_limit = {.calls_per_second = 2, .burst = 3},
                          .scan_queue_capacity = 0});
  v1::CreateHotelRequest create;
  create.set_parent("organizations/default");
  create.mutable_hotel()->set_display_name("Riverside");
  create.mutable_hotel()->set_time_zone("Europe/Lisbon");
  v1::Hotel hotel;
  const auto hotels = v1::HotelService::NewStub(server.channel());
  ASSERT_TRUE(hotels
                  ->CreateHotel(TestServer::Context(server.admin_key()).get(),
                                create, &hotel)
                  .ok());
  const std::string key = server.CreateKey(
      "default", {v1::SCOPE_FEEDBACK_READ, v1::SCOPE_INSIGHTS_READ});

  // A summary no call has computed: it needs the scan queue, which has no
  // room.
  v1::GetHotelSummaryRequest summary;
  summary.set_hotel(hotel.name());
  summary.mutable_interval()->mutable_start_time()->set_seconds(1767225600);
  summary.mutable_interval()->mutable_end_time()->set_seconds(1767830400);
  const auto insights = v1::InsightService::NewStub(server.channel());
  for (int call = 0; call < 5; ++call) {
    v1::HotelSummary summarized;
    const grpc::Status busy = insights->GetHotelSummary(
        TestServer::Context(key).get(), summary, &summarized);
    EXPECT_THAT(busy, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                  "LIMIT_EXCEEDED"));
    EXPECT_EQ(RetryDelayMillis(busy), 50) << "the queue's, not the key's";
  }

  v1::ListHotelsRequest list;
  list.set_parent("organizations/default");
  for (int call = 0; call < 3; ++call) {
    v1::ListHotelsResponse listed;
    EXPECT_TRUE(
        hotels->ListHotels(TestServer::Context(key).get(), list, &listed).ok())
        << "the burst of three is whole after five refused calls";
  }
  v1::ListHotelsResponse listed;
  const grpc::Status limited =
      hotels->ListHotels(TestServer::Context(key).get(), list, &listed);
  EXPECT_EQ(RetryDelayMillis(limited), 500) << "the key's own limit";
}

// gRPC clients whose retry policy lists RESOURCE_EXHAUSTED (the Java and C++
// clients') wait the server's delay before their next attempt (gRFC A6).
TEST_F(RateLimitTest, ARefusalCarriesGrpcsRetryPushback) {
  const std::string key =
      server_.CreateKey("default", {v1::SCOPE_FEEDBACK_READ});
  for (int call = 0; call < 3; ++call) EXPECT_TRUE(ListHotels(key).ok());
  v1::ListHotelsRequest request;
  request.set_parent("organizations/default");
  v1::ListHotelsResponse response;
  const std::unique_ptr<grpc::ClientContext> context = TestServer::Context(key);
  const grpc::Status refused =
      stub_->ListHotels(context.get(), request, &response);
  ASSERT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  const auto& trailers = context->GetServerTrailingMetadata();
  const auto pushback = trailers.find("grpc-retry-pushback-ms");
  ASSERT_NE(pushback, trailers.end());
  EXPECT_EQ(std::string(pushback->second.data(), pushback->second.size()),
            "500");
}

TEST_F(RateLimitTest, EachKeyHasABucketOfItsOwn) {
  const std::string busy =
      server_.CreateKey("default", {v1::SCOPE_FEEDBACK_READ});
  const std::string quiet =
      server_.CreateKey("default", {v1::SCOPE_FEEDBACK_READ});
  for (int call = 0; call < 5; ++call) (void)ListHotels(busy);
  EXPECT_THAT(
      ListHotels(busy),
      GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED, "LIMIT_EXCEEDED"));
  EXPECT_TRUE(ListHotels(quiet).ok());
}

TEST_F(RateLimitTest, CallsWithoutAValidKeyAreRefusedBeforeTheLimit) {
  // Unknown keys get no bucket: they cannot drain anyone's, nor grow the
  // server's memory.
  for (int call = 0; call < 5; ++call) {
    EXPECT_THAT(
        ListHotels("gv_not_a_key"),
        GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED, "API_KEY_INVALID"));
  }
}

}  // namespace
}  // namespace guestvoice
