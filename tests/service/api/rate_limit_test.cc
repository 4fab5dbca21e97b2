// Per-key rate limits through the API: a key past its bucket is refused with
// RESOURCE_EXHAUSTED, LIMIT_EXCEEDED and a RetryInfo, other keys are not
// affected, and the bucket refills with time (the server's fake clock).

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
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
