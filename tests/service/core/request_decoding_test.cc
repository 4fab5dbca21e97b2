// DecodeRequest: the path of a string that is not UTF-8, wherever it sits.

#include "service/core/request_decoding.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "tests/testing/status_details.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::HasErrorReason;
using ::guestvoice::testing::ViolatedFields;
using ::testing::ElementsAre;

constexpr char kNotUtf8[] = "\xC3(";

TEST(RequestDecodingTest, AValidRequestDecodesWhole) {
  v1::IngestFeedbackRequest sent;
  sent.set_parent("organizations/acme");
  sent.mutable_feedback()->set_text("Café au lait");
  v1::IngestFeedbackRequest decoded;
  ASSERT_TRUE(DecodeRequest(sent.SerializeAsString(), decoded).ok());
  EXPECT_EQ(decoded.SerializeAsString(), sent.SerializeAsString());
}

TEST(RequestDecodingTest, NamesANestedStringThatIsNotUtf8) {
  v1::IngestFeedbackRequest sent;
  sent.set_parent("organizations/acme");
  sent.mutable_feedback()->set_text("fine");
  sent.mutable_feedback()->mutable_author()->set_handle(kNotUtf8);
  v1::IngestFeedbackRequest decoded;
  const absl::Status status = DecodeRequest(sent.SerializeAsString(), decoded);
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_FIELD_INVALID));
  EXPECT_THAT(ViolatedFields(status), ElementsAre("feedback.author.handle"));
  EXPECT_FALSE(decoded.has_feedback()) << "nothing of the request is kept";
}

TEST(RequestDecodingTest, IndexesRepeatedFields) {
  v1::UpdateLoyaltyProgramRequest sent;
  sent.mutable_loyalty_program()->add_tiers()->set_tier_id("member");
  sent.mutable_loyalty_program()->add_tiers()->set_tier_id(kNotUtf8);
  v1::UpdateLoyaltyProgramRequest decoded;
  EXPECT_THAT(ViolatedFields(DecodeRequest(sent.SerializeAsString(), decoded)),
              ElementsAre("loyalty_program.tiers[1].tier_id"));
}

TEST(RequestDecodingTest, BytesThatAreNoMessageAreMalformed) {
  v1::IngestFeedbackRequest decoded;
  const absl::Status status = DecodeRequest("\x12\x7f\x0a", decoded);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_REQUEST_MALFORMED));
}

}  // namespace
}  // namespace guestvoice::service
