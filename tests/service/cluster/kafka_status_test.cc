#include "service/cluster/kafka_status.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(KafkaStatusTest, NoErrorIsOk) {
  EXPECT_THAT(KafkaStatus(RdKafka::ERR_NO_ERROR, "producing"), IsOk());
}

TEST(KafkaStatusTest, TooFewReplicasIsRetryableAndNamed) {
  EXPECT_THAT(KafkaStatus(RdKafka::ERR_NOT_ENOUGH_REPLICAS,
                          "producing to guestvoice.commands[3]"),
              StatusIs(absl::StatusCode::kUnavailable,
                       AllOf(HasSubstr("producing to guestvoice.commands[3]"),
                             HasSubstr("NOT_ENOUGH_REPLICAS"))));
  EXPECT_THAT(
      KafkaStatus(RdKafka::ERR__MSG_TIMED_OUT, "producing"),
      StatusIs(absl::StatusCode::kUnavailable, HasSubstr("_MSG_TIMED_OUT")));
}

TEST(KafkaStatusTest, MapsByWhatTheCallerShouldDo) {
  EXPECT_THAT(KafkaStatus(RdKafka::ERR_MSG_SIZE_TOO_LARGE, "x"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(KafkaStatus(RdKafka::ERR_TOPIC_AUTHORIZATION_FAILED, "x"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(KafkaStatus(RdKafka::ERR__AUTO_OFFSET_RESET, "x"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(KafkaStatus(RdKafka::ERR_UNKNOWN_TOPIC_OR_PART, "x"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(KafkaStatus(RdKafka::ERR__QUEUE_FULL, "x"),
              StatusIs(absl::StatusCode::kResourceExhausted));
  EXPECT_THAT(KafkaStatus(RdKafka::ERR__FATAL, "x"),
              StatusIs(absl::StatusCode::kInternal));
}

TEST(KafkaStatusTest, PrefersLibrdkafkasOwnDetail) {
  EXPECT_THAT(
      KafkaStatus(RdKafka::ERR__TRANSPORT, "connecting", "127.0.0.1:9 refused"),
      StatusIs(absl::StatusCode::kUnavailable,
               HasSubstr("127.0.0.1:9 refused")));
}

}  // namespace
}  // namespace guestvoice::service::cluster
