// CheckIns on a store of their own, without a server: validation,
// idempotency by (source, external id), and the hotel-local day a check-in
// counts on.

#include "service/loyalty/check_ins.h"

#include <string>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/loyalty/loyalty_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;

using CheckInsTest = LoyaltyFixture;

TEST_F(CheckInsTest, CheckInIsIdempotentBySourceAndExternalId) {
  const std::string ana = NewGuest();
  const v1::RecordCheckInRequest request =
      CheckInRequest(ana, "fsq-1", clock_.Now() - absl::Hours(1));
  const v1::CheckIn first = RecordCheckIn(request);
  EXPECT_EQ(first.name().rfind(ana + "/checkIns/", 0), 0u) << first.name();
  const v1::CheckIn second = RecordCheckIn(request);
  EXPECT_EQ(second.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(StatusOf(ana).qualifying_check_ins(), 1);

  v1::CheckIn check_in;
  const absl::Status taken = check_ins().Record(
      acme_, CheckInRequest(NewGuest(), "fsq-1", clock_.Now()), check_in);
  EXPECT_THAT(taken, StatusIs(absl::StatusCode::kAlreadyExists,
                              "check_in.external_id: recorded for another "
                              "guest"));
  v1::RecordCheckInRequest other_source =
      CheckInRequest(ana, "fsq-1", clock_.Now());
  other_source.mutable_check_in()->set_source(v1::SOURCE_INSTAGRAM);
  RecordCheckIn(other_source);
  EXPECT_EQ(StatusOf(ana).qualifying_check_ins(), 2)
      << "an id is scoped by its source";
}

TEST_F(CheckInsTest, CheckInsAreNeverInTheFuture) {
  const std::string ana = NewGuest();
  RecordCheckIn(CheckInRequest(ana, "skewed", clock_.Now() + absl::Minutes(4)));
  v1::CheckIn check_in;
  const absl::Status status = check_ins().Record(
      acme_, CheckInRequest(ana, "future", clock_.Now() + absl::Hours(1)),
      check_in);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFieldsOf(status), ElementsAre("check_in.check_in_time"));
}

TEST_F(CheckInsTest, CheckInsCountOnTheHotelsLocalDay) {
  const std::string ana = NewGuest();
  // 2026-01-14 20:00 UTC is already the 15th in Tokyo.
  RecordCheckIn(
      CheckInRequest(ana, "late",
                     absl::FromCivil(absl::CivilSecond(2026, 1, 14, 20, 0, 0),
                                     absl::UTCTimeZone())));
  EXPECT_EQ(StatusOf(ana, absl::CivilDay(2026, 1, 14)).qualifying_check_ins(),
            0);
  EXPECT_EQ(StatusOf(ana, absl::CivilDay(2026, 1, 15)).qualifying_check_ins(),
            1);
}

}  // namespace
}  // namespace guestvoice::service
