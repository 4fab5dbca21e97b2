// The rules every external reference (booking reference, check-in external
// id) is held to, and the error for one that belongs to another guest.

#include "service/loyalty/external_references.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/loyalty/loyalty_fixture.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;

// The status CheckExternalReference leaves for `value` with at most 8 bytes.
absl::Status Check(const std::string& value) {
  FieldViolations violations;
  CheckExternalReference(violations, "stay.booking_reference", value, 8);
  return violations.ToStatus();
}

TEST(CheckExternalReferenceTest, AcceptsPrintableAsciiUpToTheLimit) {
  EXPECT_THAT(Check("B"), IsOk());
  EXPECT_THAT(Check("BK-12345"), IsOk()) << "exactly 8 bytes";
  EXPECT_THAT(Check("BK 1/2"), IsOk()) << "inner spaces are allowed";
  EXPECT_THAT(Check("~!@#$%^&"), IsOk());
}

TEST(CheckExternalReferenceTest, RejectsEmptyOverlongPaddedOrUnprintable) {
  for (const std::string& bad : {
           std::string(""),
           std::string("BK-123456"),  // 9 bytes
           std::string(" BK"), std::string("BK "), std::string(" "),
           std::string("BK\t1"), std::string("BK\n"), std::string("BK\x7f"),
           std::string({'B', 'K', '\0', '1'}),
           std::string("caf\xc3\xa9"),  // UTF-8 is not ASCII
       }) {
    EXPECT_THAT(Check(bad), StatusIs(absl::StatusCode::kInvalidArgument,
                                     "invalid request: stay.booking_reference: "
                                     "required: 1 to 8 printable ASCII "
                                     "characters"))
        << "reference \"" << bad << "\"";
  }
}

TEST(CheckExternalReferenceTest, AddsToTheOtherViolations) {
  FieldViolations violations;
  violations.Add("parent", "required");
  CheckExternalReference(violations, "check_in.external_id", "", 256);
  CheckExternalReference(violations, "stay.booking_reference", "ok", 128);
  EXPECT_THAT(testing::ViolatedFields(violations.ToStatus()),
              ElementsAre("parent", "check_in.external_id"));
}

TEST(RecordedForAnotherGuestTest, IsAlreadyExistsNamingTheField) {
  const absl::Status status = RecordedForAnotherGuest("check_in.external_id");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kAlreadyExists,
                               "check_in.external_id: recorded for another "
                               "guest"));
  EXPECT_THAT(status, testing::HasErrorReason(
                          v1::ERROR_REASON_RESOURCE_ALREADY_EXISTS));
  EXPECT_EQ(testing::ErrorMetadata(status, "field"), "check_in.external_id");
}

}  // namespace
}  // namespace guestvoice::service
