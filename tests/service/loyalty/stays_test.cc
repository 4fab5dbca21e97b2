// Stays on a store of their own, without a server: validation, idempotency
// by the booking reference, cancellation and the status they add up to.

#include "service/loyalty/stays.h"

#include <string>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/loyalty/loyalty_fixture.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::HasErrorReason;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::ViolatedFields;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

using StaysTest = LoyaltyFixture;

TEST_F(StaysTest, RecordIsIdempotentByBookingReference) {
  const std::string ana = NewGuest();
  const v1::RecordStayRequest request =
      StayRequest(ana, "BK-1", absl::CivilDay(2025, 11, 3), 2);
  const v1::Stay first = RecordStay(request);
  EXPECT_EQ(first.name().rfind(ana + "/stays/", 0), 0u) << first.name();
  EXPECT_FALSE(first.cancelled());
  EXPECT_EQ(first.create_time().seconds(), absl::ToUnixSeconds(clock_.Now()));

  clock_.Advance(absl::Minutes(1));
  const v1::Stay second = RecordStay(request);
  EXPECT_EQ(second.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(StatusOf(ana).qualifying_stays(), 1);

  v1::Stay stay;
  const absl::Status taken = stays().Record(
      acme_, StayRequest(NewGuest(), "BK-1", absl::CivilDay(2025, 11, 3), 2),
      stay);
  EXPECT_THAT(taken, StatusIs(absl::StatusCode::kAlreadyExists,
                              "stay.booking_reference: recorded for another "
                              "guest"));
  EXPECT_THAT(taken, HasErrorReason(v1::ERROR_REASON_RESOURCE_ALREADY_EXISTS));
}

TEST_F(StaysTest, RecordReportsEveryBadField) {
  v1::RecordStayRequest request =
      StayRequest(NewGuest(), " BK", absl::CivilDay(2028, 1, 1), 0);
  request.mutable_stay()->set_hotel("hotels/lisbon");
  request.mutable_stay()->mutable_qualifying_spend()->set_currency_code("XYZ");
  request.mutable_stay()->mutable_qualifying_spend()->set_units(-1);
  v1::Stay stay;
  const absl::Status status = stays().Record(acme_, request, stay);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      ViolatedFields(status),
      UnorderedElementsAre("stay.hotel", "stay.arrival_date", "stay.nights",
                           "stay.qualifying_spend.currency_code",
                           "stay.qualifying_spend", "stay.booking_reference"));
}

TEST_F(StaysTest, AnArrivalBefore1900IsRefused) {
  const std::string ana = NewGuest();
  v1::Stay stay;
  for (absl::CivilDay refused :
       {absl::CivilDay(1, 1, 1), absl::CivilDay(1899, 12, 31)}) {
    const absl::Status status =
        stays().Record(acme_, StayRequest(ana, "BK-OLD", refused, 2), stay);
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(ViolatedFields(status), ElementsAre("stay.arrival_date"));
  }
  RecordStay(StayRequest(ana, "BK-1900", absl::CivilDay(1900, 1, 1), 2));
}

TEST_F(StaysTest, RecordNeedsTheCallersGuestAndHotel) {
  const std::string ana = NewGuest();
  v1::Stay stay;
  EXPECT_THAT(
      stays().Record(
          acme_,
          StayRequest(ana, "BK-1", absl::CivilDay(2025, 11, 3), 2, "paris"),
          stay),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(
      stays().Record(acme_,
                     StayRequest(std::string(kAcme) + "/guests/nobody", "BK-1",
                                 absl::CivilDay(2025, 11, 3), 2),
                     stay),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(
      stays().Record(rival_,
                     StayRequest(ana, "BK-1", absl::CivilDay(2025, 11, 3), 2),
                     stay),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(StatusOf(ana).qualifying_stays(), 0) << "nothing was recorded";
}

TEST_F(StaysTest, StatusCountsStaysOnTheirDepartureDay) {
  const std::string ana = NewGuest();
  for (int i = 0; i < 4; ++i) {
    RecordStay(StayRequest(ana, "BK-" + std::to_string(i),
                           absl::CivilDay(2025, 10, 1 + 7 * i), 2));
  }
  // The default program: Silver at 4 stays or 10 nights, 100 points a night
  // plus 10 per USD.
  const v1::LoyaltyStatus status = StatusOf(ana);
  EXPECT_EQ(status.guest(), ana);
  EXPECT_EQ(status.tier(), "silver");
  EXPECT_EQ(status.qualifying_stays(), 4);
  EXPECT_EQ(status.qualifying_nights(), 8);
  EXPECT_EQ(status.points_balance(), 8 * 100 + 8 * 100 * 10);

  // The fourth stay departs on 2025-10-24.
  EXPECT_EQ(StatusOf(ana, absl::CivilDay(2025, 10, 23)).tier(), "member");
  EXPECT_EQ(StatusOf(ana, absl::CivilDay(2025, 10, 24)).tier(), "silver");
}

TEST_F(StaysTest, CancelledStaysCountForNothing) {
  const std::string ana = NewGuest();
  const v1::Stay lisbon =
      RecordStay(StayRequest(ana, "BK-1", absl::CivilDay(2025, 11, 3), 2));
  const v1::Stay tokyo = RecordStay(
      StayRequest(ana, "BK-2", absl::CivilDay(2025, 12, 1), 3, "tokyo"));
  RecordStay(
      StayRequest(ana, "BK-3", absl::CivilDay(2025, 12, 10), 1, "tokyo"));

  v1::CancelStayRequest request;
  request.set_name(lisbon.name());
  v1::Stay cancelled;
  ASSERT_THAT(stays().Cancel(acme_, request, cancelled), IsOk());
  EXPECT_TRUE(cancelled.cancelled());
  request.set_name(tokyo.name());
  ASSERT_THAT(stays().Cancel(acme_, request, cancelled), IsOk());

  const v1::LoyaltyStatus status = StatusOf(ana);
  EXPECT_EQ(status.qualifying_stays(), 1);
  EXPECT_EQ(status.qualifying_nights(), 1);
  EXPECT_THAT(ListGuests(Hotel("lisbon")), IsEmpty());
  EXPECT_THAT(ListGuests(Hotel("tokyo")), ElementsAre(ana))
      << "another stay keeps the guest on tokyo's list";

  v1::Stay again;
  ASSERT_THAT(stays().Cancel(acme_, request, again), IsOk());
  EXPECT_EQ(again.SerializeAsString(), cancelled.SerializeAsString());
  request.set_name(ana + "/stays/nothere");
  EXPECT_THAT(stays().Cancel(acme_, request, again),
              StatusIs(absl::StatusCode::kNotFound));
  request.set_name(lisbon.name());
  EXPECT_THAT(stays().Cancel(rival_, request, again),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace guestvoice::service
