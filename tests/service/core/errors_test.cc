// Every error carries a google.rpc.ErrorInfo in the guestvoice.v1 domain, and
// errors about request fields a google.rpc.BadRequest naming each field.

#include "service/core/errors.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::ErrorInfoOf;
using ::guestvoice::testing::ErrorMetadata;
using ::guestvoice::testing::FieldViolationsOf;
using ::guestvoice::testing::HasErrorReason;
using ::guestvoice::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

TEST(ReasonStringTest, IsTheEnumNameWithoutItsPrefix) {
  EXPECT_EQ(ReasonString(v1::ERROR_REASON_API_KEY_INVALID), "API_KEY_INVALID");
  EXPECT_EQ(ReasonString(v1::ERROR_REASON_REQUEST_ID_REUSED),
            "REQUEST_ID_REUSED");
  EXPECT_EQ(ReasonString(v1::ERROR_REASON_FAILED_PRECONDITION),
            "FAILED_PRECONDITION");
}

TEST(WithErrorInfoTest, AddsTheReasonAndMetadataAndKeepsCodeAndMessage) {
  const absl::Status status =
      WithErrorInfo(absl::UnavailableError("shutting down"),
                    v1::ERROR_REASON_UNAVAILABLE, {{"retry", "yes"}});
  EXPECT_THAT(status,
              AllOf(StatusIs(absl::StatusCode::kUnavailable, "shutting down"),
                    HasErrorReason(v1::ERROR_REASON_UNAVAILABLE)));
  EXPECT_EQ(ErrorInfoOf(status)->domain(), "guestvoice.v1");
  EXPECT_EQ(ErrorMetadata(status, "retry"), "yes");
  EXPECT_THAT(FieldViolationsOf(status), IsEmpty());
}

TEST(WithErrorInfoTest, LeavesOkAlone) {
  const absl::Status status =
      WithErrorInfo(absl::OkStatus(), v1::ERROR_REASON_INTERNAL);
  EXPECT_TRUE(status.ok());
  EXPECT_FALSE(ErrorInfoOf(status).has_value());
}

TEST(FieldViolationsTest, EmptyIsOk) {
  const FieldViolations violations;
  EXPECT_TRUE(violations.empty());
  EXPECT_TRUE(violations.ToStatus().ok());
}

TEST(FieldViolationsTest, NamesEveryFieldInOrderInOneReply) {
  FieldViolations violations;
  violations.Add("hotel.time_zone", "required");
  violations.Add("hotel.display_name", "longer than 200 characters");
  EXPECT_FALSE(violations.empty());
  const absl::Status status = violations.ToStatus();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               "invalid request: hotel.time_zone: required; "
                               "hotel.display_name: longer than 200 "
                               "characters"));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_FIELD_INVALID));
  EXPECT_THAT(
      FieldViolationsOf(status),
      ElementsAre(Pair("hotel.time_zone", "required"),
                  Pair("hotel.display_name", "longer than 200 characters")));
}

TEST(FieldViolationsTest, AddAllTakesOverAnotherErrorsViolations) {
  FieldViolations parsed;
  parsed.Add("parent", "expected organizations/{id}");
  parsed.Add("hotel", "required");
  FieldViolations violations;
  violations.Add("page_size", "must not be negative");
  violations.AddAll(parsed.ToStatus());
  violations.AddAll(absl::OkStatus());
  EXPECT_THAT(FieldViolationsOf(violations.ToStatus()),
              ElementsAre(Pair("page_size", "must not be negative"),
                          Pair("parent", "expected organizations/{id}"),
                          Pair("hotel", "required")));
}

TEST(FieldViolationsTest, AddAllKeepsTheMessageOfAnErrorWithoutBadRequest) {
  FieldViolations violations;
  violations.AddAll(absl::InvalidArgumentError("no good"));
  EXPECT_THAT(FieldViolationsOf(violations.ToStatus()),
              ElementsAre(Pair("", "no good")));
}

TEST(ErrorBuildersTest, InvalidFieldNamesTheField) {
  const absl::Status status = InvalidField("name", "required");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               "invalid request: name: required"));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_FIELD_INVALID));
  EXPECT_THAT(FieldViolationsOf(status), ElementsAre(Pair("name", "required")));
}

TEST(ErrorBuildersTest, PageTokenInvalidBlamesThePageToken) {
  const absl::Status status = PageTokenInvalid();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_PAGE_TOKEN_INVALID));
  EXPECT_THAT(FieldViolationsOf(status),
              ElementsAre(Pair("page_token",
                               "not issued by this method for this request")));
}

TEST(ErrorBuildersTest, RequestIdReusedNamesTheId) {
  const absl::Status status = RequestIdReused("4f1c");
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "request_id 4f1c was already used for another request"));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_REQUEST_ID_REUSED));
  EXPECT_EQ(ErrorMetadata(status, "request_id"), "4f1c");
}

TEST(ErrorBuildersTest, NotFoundAndAlreadyExistsNameTheResource) {
  const absl::Status not_found = ResourceNotFound("organizations/acme");
  EXPECT_THAT(not_found, StatusIs(absl::StatusCode::kNotFound,
                                  "organizations/acme not found"));
  EXPECT_THAT(not_found, HasErrorReason(v1::ERROR_REASON_RESOURCE_NOT_FOUND));
  EXPECT_EQ(ErrorMetadata(not_found, "resource"), "organizations/acme");

  const absl::Status exists =
      ResourceAlreadyExists("organizations/acme/hotels/lisbon");
  EXPECT_THAT(exists, StatusIs(absl::StatusCode::kAlreadyExists,
                               "organizations/acme/hotels/lisbon already "
                               "exists"));
  EXPECT_THAT(exists, HasErrorReason(v1::ERROR_REASON_RESOURCE_ALREADY_EXISTS));
  EXPECT_EQ(ErrorMetadata(exists, "resource"),
            "organizations/acme/hotels/lisbon");
}

TEST(ErrorBuildersTest, UnauthenticatedCarriesTheGivenReason) {
  const absl::Status status =
      Unauthenticated(v1::ERROR_REASON_API_KEY_EXPIRED, "the key has expired");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnauthenticated,
                               "the key has expired"));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_API_KEY_EXPIRED));
}

TEST(ErrorBuildersTest, ScopeMissingNamesTheScope) {
  const absl::Status status = ScopeMissing(v1::SCOPE_LOYALTY_WRITE);
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kPermissionDenied,
                       "the API key lacks the scope SCOPE_LOYALTY_WRITE"));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_SCOPE_MISSING));
  EXPECT_EQ(ErrorMetadata(status, "required_scope"), "SCOPE_LOYALTY_WRITE");
}

TEST(ErrorBuildersTest, PreconditionFailedKeepsTheMessage) {
  const absl::Status status = PreconditionFailed("the case is resolved");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition,
                               "the case is resolved"));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_FAILED_PRECONDITION));
  EXPECT_THAT(FieldViolationsOf(status), IsEmpty());
}

TEST(ErrorBuildersTest, OnlyFieldErrorsCarryABadRequest) {
  for (const absl::Status& status : std::vector<absl::Status>{
           RequestIdReused("r"), ResourceNotFound("x"),
           ResourceAlreadyExists("x"), ScopeMissing(v1::SCOPE_ADMIN),
           Unauthenticated(v1::ERROR_REASON_API_KEY_MISSING, "m"),
           PreconditionFailed("p")}) {
    EXPECT_THAT(FieldViolationsOf(status), IsEmpty()) << status;
    EXPECT_TRUE(ErrorInfoOf(status).has_value()) << status;
  }
}

TEST(CutForErrorTest, KeepsShortTextsAndCutsLongOnesOnAWholeCharacter) {
  EXPECT_EQ(CutForError("spaceship"), "spaceship");
  EXPECT_EQ(CutForError(std::string(kMaxEchoedBytes, 'a')),
            std::string(kMaxEchoedBytes, 'a'));
  // "\xC3\xA9" is one character, é: the cut does not split it.
  std::string accented = "a";
  for (int i = 0; i < 200; ++i) accented += "\xC3\xA9";
  EXPECT_EQ(CutForError(accented),
            accented.substr(0, kMaxEchoedBytes - 1) + "... (401 bytes)");
}

TEST(CutForErrorTest, ViolationsAndErrorInfoEchoAtMostTheirShare) {
  FieldViolations violations;
  violations.Add(std::string(10000, 'f'), std::string(100000, 'd'));
  const absl::Status status = violations.ToStatus();
  EXPECT_THAT(FieldViolationsOf(status),
              ElementsAre(Pair(
                  std::string(kMaxEchoedBytes, 'f') + "... (10000 bytes)",
                  std::string(kMaxEchoedBytes, 'd') + "... (100000 bytes)")));
  EXPECT_LT(status.message().size(), 2 * kMaxEchoedBytes + 100);

  const std::string long_name = "organizations/" + std::string(5000, 'x');
  EXPECT_EQ(ErrorMetadata(ResourceNotFound(long_name), "resource"),
            CutForError(long_name));
}

}  // namespace
}  // namespace guestvoice::service
