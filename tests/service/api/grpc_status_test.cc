#include "service/api/grpc_status.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/errors.h"
#include "tests/testing/grpc_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::ErrorDomain;
using ::guestvoice::testing::ErrorReason;
using ::guestvoice::testing::ViolatedFields;
using ::testing::ElementsAre;

TEST(GrpcStatusTest, OkStaysOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(GrpcStatusTest, EveryCanonicalCodeKeepsItsNumber) {
  for (int code = 1; code <= 16; ++code) {
    const grpc::Status status =
        ToGrpcStatus(absl::Status(static_cast<absl::StatusCode>(code), "x"));
    EXPECT_EQ(static_cast<int>(status.error_code()), code);
    EXPECT_EQ(status.error_message(), "x");
  }
}

TEST(GrpcStatusTest, TheRetryPushbackIsTheRetryInfoDelayRoundedUp) {
  EXPECT_EQ(RetryPushbackOf(LimitExceeded("busy", absl::Microseconds(1500))),
            "2");
  EXPECT_EQ(RetryPushbackOf(WithRetryInfo(absl::UnavailableError("moving"),
                                          absl::Milliseconds(250))),
            "250");
  // A limit that waiting does not cure: gRPC must not retry it.
  EXPECT_EQ(RetryPushbackOf(absl::ResourceExhaustedError("too large")), "-1");
  EXPECT_EQ(RetryPushbackOf(absl::UnavailableError("down")), std::nullopt);
  EXPECT_EQ(RetryPushbackOf(absl::OkStatus()), std::nullopt);
}

TEST(GrpcStatusTest, FieldViolationsBecomeBadRequestDetails) {
  FieldViolations violations;
  violations.Add("hotel.time_zone", "not an IANA time zone");
  violations.Add("hotel.display_name", "required");
  const grpc::Status status = ToGrpcStatus(violations.ToStatus());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorReason(status), "FIELD_INVALID");
  EXPECT_EQ(ErrorDomain(status), "guestvoice.v1");
  EXPECT_THAT(ViolatedFields(status),
              ElementsAre("hotel.time_zone", "hotel.display_name"));
}

TEST(GrpcStatusTest, ErrorsWithoutErrorInfoGetOneFromTheirCode) {
  EXPECT_EQ(ErrorReason(ToGrpcStatus(absl::UnavailableError("busy"))),
            "UNAVAILABLE");
  EXPECT_EQ(ErrorReason(ToGrpcStatus(absl::DataLossError("corrupt"))),
            "INTERNAL");
  EXPECT_EQ(ErrorReason(ToGrpcStatus(absl::ResourceExhaustedError("full"))),
            "LIMIT_EXCEEDED");
}

TEST(GrpcStatusTest, NamedErrorsCarryTheirReasons) {
  EXPECT_EQ(ErrorReason(ToGrpcStatus(ResourceNotFound("organizations/a"))),
            "RESOURCE_NOT_FOUND");
  EXPECT_EQ(ErrorReason(ToGrpcStatus(ScopeMissing(v1::SCOPE_ADMIN))),
            "SCOPE_MISSING");
  EXPECT_EQ(ErrorReason(ToGrpcStatus(PageTokenInvalid())),
            "PAGE_TOKEN_INVALID");
  EXPECT_THAT(ViolatedFields(ToGrpcStatus(PageTokenInvalid())),
              ElementsAre("page_token"));
}

TEST(FieldViolationsTest, AddAllCopiesViolationsOfAnotherStatus) {
  FieldViolations violations;
  violations.AddAll(InvalidField("parent", "malformed"));
  violations.AddAll(absl::OkStatus());
  violations.Add("hotel_id", "bad");
  EXPECT_THAT(ViolatedFields(ToGrpcStatus(violations.ToStatus())),
              ElementsAre("parent", "hotel_id"));
}

}  // namespace
}  // namespace guestvoice::service
