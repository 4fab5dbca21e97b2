// Checks that gRPC cannot exercise: protobuf refuses invalid UTF-8 in string
// fields before a handler runs, but direct callers of the ingest path may not.

#include "service/feedback/validation.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"

namespace guestvoice::service {
namespace {

TEST(FeedbackValidationTest, InvalidUtf8IsAFieldViolation) {
  v1::Feedback feedback;
  feedback.set_source(v1::SOURCE_EMAIL);
  feedback.set_external_id("m-1");
  feedback.mutable_author()->set_handle("ana@example.com");
  feedback.set_text(std::string("caf\xC3", 4));
  *feedback.mutable_post_time() = ToProtoTimestamp(absl::UnixEpoch());
  FieldViolations violations;
  CheckFeedbackInput(violations, "feedback.", feedback, absl::UnixEpoch());
  EXPECT_THAT(std::string(violations.ToStatus().message()),
              ::testing::HasSubstr("feedback.text: not valid UTF-8"));

  feedback.set_text("café");
  FieldViolations clean;
  CheckFeedbackInput(clean, "feedback.", feedback, absl::UnixEpoch());
  EXPECT_TRUE(clean.empty());
}

}  // namespace
}  // namespace guestvoice::service
