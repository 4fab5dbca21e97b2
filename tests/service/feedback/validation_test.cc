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

TEST(FeedbackValidationTest, APostTimeBefore1900IsAFieldViolation) {
  v1::Feedback feedback;
  feedback.set_source(v1::SOURCE_EMAIL);
  feedback.set_external_id("m-1");
  feedback.mutable_author()->set_handle("ana@example.com");
  feedback.set_text("Lovely stay");
  const absl::Time year_1900 =
      absl::FromCivil(absl::CivilDay(1900, 1, 1), absl::UTCTimeZone());
  for (absl::Time refused :
       {absl::FromCivil(absl::CivilDay(1, 1, 1), absl::UTCTimeZone()),
        year_1900 - absl::Nanoseconds(1)}) {
    *feedback.mutable_post_time() = ToProtoTimestamp(refused);
    FieldViolations violations;
    CheckFeedbackInput(violations, "feedback.", feedback, absl::Now());
    EXPECT_EQ(std::string(violations.ToStatus().message()),
              "invalid request: feedback.post_time: before "
              "1900-01-01T00:00:00Z");
  }
  *feedback.mutable_post_time() = ToProtoTimestamp(year_1900);
  FieldViolations violations;
  CheckFeedbackInput(violations, "feedback.", feedback, absl::Now());
  EXPECT_TRUE(violations.empty());
}

TEST(FeedbackValidationTest, AnAuthorNameThatShowsNothingIsKept) {
  v1::Feedback feedback;
  feedback.set_source(v1::SOURCE_TWITTER);
  feedback.set_external_id("t-1");
  feedback.mutable_author()->set_handle("@ana");
  feedback.set_text("Lovely stay");
  *feedback.mutable_post_time() = ToProtoTimestamp(absl::UnixEpoch());
  // Blank and zero-width names, as platforms allow them: never a reason to
  // lose the guest's feedback. Control characters still are refused.
  for (const char* name : {"   ", "\u200b", "\u3164"}) {
    feedback.mutable_author()->set_display_name(name);
    FieldViolations violations;
    CheckFeedbackInput(violations, "feedback.", feedback, absl::UnixEpoch());
    EXPECT_TRUE(violations.empty()) << violations.ToStatus();
  }
  feedback.mutable_author()->set_display_name("ana\x01");
  FieldViolations violations;
  CheckFeedbackInput(violations, "feedback.", feedback, absl::UnixEpoch());
  EXPECT_THAT(std::string(violations.ToStatus().message()),
              ::testing::HasSubstr("feedback.author.display_name: contains "
                                   "control characters"));
}

TEST(FeedbackValidationTest, ATextWithAC1ControlIsRefused) {
  v1::Feedback feedback;
  feedback.set_source(v1::SOURCE_TRIPADVISOR);
  feedback.set_external_id("t-1");
  feedback.mutable_author()->set_handle("ana");
  *feedback.mutable_post_time() = ToProtoTimestamp(absl::UnixEpoch());
  // CSI, which some terminals read as ESC [; a next-line control.
  for (const char* text : {"Dirty \u009b31m room", "Dirty room\u0085"}) {
    feedback.set_text(text);
    FieldViolations violations;
    CheckFeedbackInput(violations, "feedback.", feedback, absl::UnixEpoch());
    EXPECT_THAT(std::string(violations.ToStatus().message()),
                ::testing::HasSubstr("feedback.text: contains control "
                                     "characters"))
        << text;
  }
  feedback.set_text("Caf\u00e9 \u00a0ok\r\n\tthanks");
  FieldViolations violations;
  CheckFeedbackInput(violations, "feedback.", feedback, absl::UnixEpoch());
  EXPECT_TRUE(violations.empty()) << violations.ToStatus();
}

TEST(FeedbackValidationTest, AHandleSpelledEmptyIsRefused) {
  v1::Feedback feedback;
  feedback.set_source(v1::SOURCE_TRIPADVISOR);
  feedback.set_external_id("t-1");
  feedback.set_text("Lovely stay");
  *feedback.mutable_post_time() = ToProtoTimestamp(absl::UnixEpoch());
  // Each would be spelled "", so all would be one author.
  for (const char* handle : {" ", "@", "@ @", "\u200b", "\u00a0@\u2060"}) {
    feedback.mutable_author()->set_handle(handle);
    FieldViolations violations;
    CheckFeedbackInput(violations, "feedback.", feedback, absl::UnixEpoch());
    EXPECT_THAT(std::string(violations.ToStatus().message()),
                ::testing::HasSubstr("feedback.author.handle: holds nothing "
                                     "but white space"))
        << handle;
  }
  // An email author's lone "@" is spelled "@".
  feedback.set_source(v1::SOURCE_EMAIL);
  feedback.mutable_author()->set_handle("@");
  FieldViolations violations;
  CheckFeedbackInput(violations, "feedback.", feedback, absl::UnixEpoch());
  EXPECT_TRUE(violations.empty()) << violations.ToStatus();
}

}  // namespace
}  // namespace guestvoice::service
