// Feedback resource names, organizations/{organization}/feedback/{feedback}.

#include "service/feedback/names.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::FieldViolationsOf;
using ::guestvoice::testing::HasErrorReason;
using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::StartsWith;

TEST(FeedbackNameTest, FormatsAndParsesBack) {
  const std::string name = FormatFeedbackName("acme", "f-12x");
  EXPECT_EQ(name, "organizations/acme/feedback/f-12x");
  ASSERT_OK_AND_ASSIGN(FeedbackName parsed, ParseFeedbackName("name", name));
  EXPECT_EQ(parsed.organization, "acme");
  EXPECT_EQ(parsed.feedback, "f-12x");
}

TEST(FeedbackNameTest, AcceptsIdsOfUpTo63Characters) {
  const std::string id(63, 'f');
  ASSERT_OK_AND_ASSIGN(FeedbackName parsed,
                       ParseFeedbackName("name", FormatFeedbackName(id, id)));
  EXPECT_EQ(parsed.organization, id);
  EXPECT_EQ(parsed.feedback, id);
}

TEST(FeedbackNameTest, AnEmptyNameIsRequired) {
  const absl::Status status = ParseFeedbackName("feedback.name", "").status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_FIELD_INVALID));
  EXPECT_THAT(FieldViolationsOf(status),
              ElementsAre(Pair("feedback.name",
                               "required; expected "
                               "organizations/{id}/feedback/{id}")));
}

TEST(FeedbackNameTest, RefusesMalformedNamesNamingTheField) {
  for (const std::string& name : std::vector<std::string>{
           "feedback/f1", "organizations/acme", "organizations/acme/feedback",
           "organizations/acme/feedback/", "organizations//feedback/f1",
           "organizations/acme/feedback/f1/", "/organizations/acme/feedback/f1",
           "organizations/acme/hotels/f1", "organization/acme/feedback/f1",
           "organizations/acme/feedback/f1/feedback/f2",
           "organizations/Acme/feedback/f1", "organizations/acme/feedback/F1",
           "organizations/acme/feedback/1f", "organizations/acme/feedback/f-",
           "organizations/acme/feedback/f_1", "organizations/acme/feedback/f 1",
           "organizations/acme/feedback/" + std::string(64, 'f')}) {
    const absl::Status status = ParseFeedbackName("name", name).status();
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument)) << name;
    EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_FIELD_INVALID)) << name;
    EXPECT_THAT(
        FieldViolationsOf(status),
        ElementsAre(Pair("name", StartsWith("expected organizations/{id}/"
                                            "feedback/{id} with ids of "))))
        << name;
  }
}

TEST(FeedbackNameTest, RefusesOversizedNamesBeforeSplittingThem) {
  const std::string name =
      "organizations/acme/feedback/" + std::string(600, 'f');
  EXPECT_THAT(ParseFeedbackName("name", name),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("name: longer than 512 bytes")));
}

}  // namespace
}  // namespace guestvoice::service
