// Stays on a store of their own, without a server: validation, idempotency
// by the booking reference, cancellation and the status they add up to.

#include "service/loyalty/stays.h"

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "google/type/money.pb.h"
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

TEST_F(StaysTest, ARetryUnderAGuestMergedAwayFindsNoGuest) {
  const std::string ana = NewGuest();
  const std::string bea = NewGuest();
  const v1::RecordStayRequest request =
      StayRequest(ana, "BK-1", absl::CivilDay(2025, 11, 3), 2);
  RecordStay(request);
  v1::MergeGuestsRequest merge;
  merge.set_survivor(bea);
  merge.set_merged(ana);
  v1::Guest survivor;
  ASSERT_THAT(guests().Merge(acme_, merge, survivor), IsOk());

  v1::Stay stay;
  EXPECT_THAT(stays().Record(acme_, request, stay),
              StatusIs(absl::StatusCode::kNotFound, ::testing::HasSubstr(ana)));
  EXPECT_EQ(StatusOf(bea).qualifying_stays(), 1);
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

// A spend of 10^9 units and some nanos is refused where the call is
// received; a RecordStay command holding one (received by an earlier build)
// is still applied as it was, so that every node's state stays alike.
TEST_F(StaysTest, SpendAboveTheLimitIsRefusedToTheNanoOnReceipt) {
  const std::string ana = NewGuest();
  v1::RecordStayRequest request =
      StayRequest(ana, "BK-RICH", absl::CivilDay(2025, 11, 3), 2);
  google::type::Money& spend =
      *request.mutable_stay()->mutable_qualifying_spend();
  spend.set_currency_code("EUR");
  spend.set_units(1'000'000'000);
  EXPECT_THAT(CheckStaySpendOnReceipt(request.stay()), IsOk());
  spend.set_nanos(1);
  const absl::Status refused = CheckStaySpendOnReceipt(request.stay());
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(refused), ElementsAre("stay.qualifying_spend"));

  RecordStay(request);
  EXPECT_EQ(StatusOf(ana).qualifying_stays(), 1);
  spend.set_units(1'000'000'001);
  spend.set_nanos(0);
  v1::Stay stay;
  EXPECT_THAT(stays().Record(acme_, request, stay),
              StatusIs(absl::StatusCode::kInvalidArgument));
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

// The guest's stays, in order of arrival.
std::vector<v1::Stay> StaysOf(Stays stays, const Principal& caller,
                              const std::string& guest) {
  v1::ListStaysRequest request;
  request.set_parent(guest);
  v1::ListStaysResponse response;
  EXPECT_THAT(stays.List(caller, request, response), IsOk());
  return {response.stays().begin(), response.stays().end()};
}

TEST_F(StaysTest, AnAmendedBookingCountsAsIfRecordedSo) {
  const std::string ana = NewGuest();
  const v1::Stay booked =
      RecordStay(StayRequest(ana, "BK-1", absl::CivilDay(2025, 11, 3), 2));
  RecordStay(StayRequest(ana, "BK-2", absl::CivilDay(2025, 11, 20), 1));
  clock_.Advance(absl::Hours(1));

  // Extended by two nights, moved to Tokyo and a week later, spend corrected.
  v1::UpdateStayRequest request;
  v1::Stay& update = *request.mutable_stay();
  update.set_name(booked.name());
  update.set_hotel(Hotel("tokyo"));
  *update.mutable_arrival_date() = ToProtoDate(absl::CivilDay(2025, 11, 10));
  update.set_nights(4);
  update.mutable_qualifying_spend()->set_currency_code("USD");
  update.mutable_qualifying_spend()->set_units(730);
  v1::Stay amended;
  ASSERT_THAT(stays().Update(acme_, request, amended), IsOk());
  EXPECT_EQ(amended.name(), booked.name());
  EXPECT_EQ(amended.booking_reference(), "BK-1");
  EXPECT_EQ(amended.hotel(), Hotel("tokyo"));
  EXPECT_EQ(amended.nights(), 4);
  EXPECT_EQ(amended.create_time().seconds(), booked.create_time().seconds());
  EXPECT_EQ(amended.update_time().seconds(), absl::ToUnixSeconds(clock_.Now()));

  // Counted on its new departure day, 14 November, and not on the old one.
  EXPECT_EQ(StatusOf(ana, absl::CivilDay(2025, 11, 5)).qualifying_stays(), 0);
  const v1::LoyaltyStatus status = StatusOf(ana, absl::CivilDay(2025, 11, 14));
  EXPECT_EQ(status.qualifying_stays(), 1);
  EXPECT_EQ(status.qualifying_nights(), 4);
  EXPECT_EQ(status.points_balance(), 4 * 100 + 730 * 10);
  EXPECT_THAT(ListGuests(Hotel("lisbon")), ElementsAre(ana))
      << "BK-2 keeps ana on Lisbon's list";
  EXPECT_THAT(ListGuests(Hotel("tokyo")), ElementsAre(ana));
  // Listed in its new place, found by its booking, and a retry of the
  // amended booking is a retry.
  const std::vector<v1::Stay> listed = StaysOf(stays(), acme_, ana);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].SerializeAsString(), amended.SerializeAsString());
  v1::RecordStayRequest retry =
      StayRequest(ana, "BK-1", absl::CivilDay(2025, 11, 10), 4, "tokyo");
  retry.mutable_stay()->mutable_qualifying_spend()->set_units(730);
  EXPECT_EQ(RecordStay(retry).SerializeAsString(), amended.SerializeAsString());

  // Only the masked field changes; clearing the spend takes its points.
  v1::UpdateStayRequest back;
  back.mutable_stay()->set_name(booked.name());
  back.mutable_stay()->set_hotel(Hotel("lisbon"));
  back.mutable_stay()->set_nights(99);
  back.mutable_update_mask()->add_paths("hotel");
  back.mutable_update_mask()->add_paths("qualifying_spend");
  ASSERT_THAT(stays().Update(acme_, back, amended), IsOk());
  EXPECT_EQ(amended.nights(), 4);
  EXPECT_FALSE(amended.has_qualifying_spend());
  EXPECT_EQ(StatusOf(ana, absl::CivilDay(2025, 11, 14)).points_balance(),
            4 * 100);
  EXPECT_THAT(ListGuests(Hotel("tokyo")), IsEmpty());
}

TEST_F(StaysTest, AnUpdateToTheValuesAlreadyRecordedChangesNothing) {
  const std::string ana = NewGuest();
  const v1::Stay stay =
      RecordStay(StayRequest(ana, "BK-1", absl::CivilDay(2025, 11, 3), 2));
  clock_.Advance(absl::Minutes(1));
  v1::UpdateStayRequest same;
  same.mutable_stay()->set_name(stay.name());
  same.mutable_stay()->set_nights(2);
  same.mutable_update_mask()->add_paths("nights");
  v1::Stay response;
  ASSERT_THAT(stays().Update(acme_, same, response), IsOk());
  EXPECT_EQ(response.SerializeAsString(), stay.SerializeAsString());
  EXPECT_FALSE(response.has_update_time());
  v1::ListStaysRequest list;
  list.set_parent(ana);
  v1::ListStaysResponse listed;
  ASSERT_THAT(stays().List(acme_, list, listed), IsOk());
  ASSERT_EQ(listed.stays_size(), 1);
  EXPECT_EQ(listed.stays(0).SerializeAsString(), stay.SerializeAsString());
}

TEST_F(StaysTest, AnUpdateThatCannotApplyChangesNothing) {
  const std::string ana = NewGuest();
  const v1::Stay stay =
      RecordStay(StayRequest(ana, "BK-1", absl::CivilDay(2025, 11, 3), 2));
  const v1::LoyaltyStatus before = StatusOf(ana);
  v1::Stay response;

  v1::UpdateStayRequest invalid;
  invalid.mutable_stay()->set_name(stay.name());
  invalid.mutable_stay()->set_nights(400);
  invalid.mutable_stay()->set_booking_reference("BK-9");
  invalid.mutable_update_mask()->add_paths("nights");
  invalid.mutable_update_mask()->add_paths("booking_reference");
  const absl::Status status = stays().Update(acme_, invalid, response);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(status),
              UnorderedElementsAre("update_mask", "stay.nights"));

  v1::UpdateStayRequest rebooked;
  rebooked.mutable_stay()->set_name(stay.name());
  rebooked.mutable_stay()->set_nights(3);
  rebooked.mutable_stay()->set_booking_reference("BK-9");
  const absl::Status immutable = stays().Update(acme_, rebooked, response);
  EXPECT_THAT(immutable, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(immutable), ElementsAre("stay.booking_reference"));

  v1::UpdateStayRequest nothing;
  nothing.mutable_stay()->set_name(stay.name());
  EXPECT_THAT(stays().Update(acme_, nothing, response),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: update_mask: names no field to "
                       "change"));

  v1::UpdateStayRequest elsewhere;
  elsewhere.mutable_stay()->set_name(stay.name());
  elsewhere.mutable_stay()->set_hotel(Hotel("paris"));
  EXPECT_THAT(stays().Update(acme_, elsewhere, response),
              StatusIs(absl::StatusCode::kNotFound));
  v1::UpdateStayRequest longer;
  longer.mutable_stay()->set_name(stay.name());
  longer.mutable_stay()->set_nights(3);
  EXPECT_THAT(stays().Update(rival_, longer, response),
              StatusIs(absl::StatusCode::kNotFound));
  longer.mutable_stay()->set_name(ana + "/stays/nothere");
  EXPECT_THAT(stays().Update(acme_, longer, response),
              StatusIs(absl::StatusCode::kNotFound));

  std::vector<v1::Stay> listed = StaysOf(stays(), acme_, ana);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].SerializeAsString(), stay.SerializeAsString())
      << "no refused update changed the stay";
  EXPECT_EQ(StatusOf(ana).SerializeAsString(), before.SerializeAsString());

  v1::CancelStayRequest cancel;
  cancel.set_name(stay.name());
  v1::Stay cancelled;
  ASSERT_THAT(stays().Cancel(acme_, cancel, cancelled), IsOk());
  longer.mutable_stay()->set_name(stay.name());
  EXPECT_THAT(stays().Update(acme_, longer, response),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  listed = StaysOf(stays(), acme_, ana);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].SerializeAsString(), cancelled.SerializeAsString());
  EXPECT_EQ(StatusOf(ana).qualifying_stays(), 0);
  EXPECT_EQ(before.qualifying_stays(), 1);
}

TEST_F(StaysTest, EveryGuestsStaysFindABookingWhoeverItsGuestIs) {
  const std::string ana = NewGuest();
  const v1::Stay booked =
      RecordStay(StayRequest(ana, "BK-1", absl::CivilDay(2025, 11, 3), 2));
  v1::ListStaysRequest request;
  request.set_parent(std::string(kAcme) + "/guests/-");
  request.set_booking_reference("BK-1");
  v1::ListStaysResponse response;
  ASSERT_THAT(stays().List(acme_, request, response), IsOk());
  ASSERT_EQ(response.stays_size(), 1);
  EXPECT_EQ(response.stays(0).SerializeAsString(), booked.SerializeAsString());

  request.set_booking_reference("BK-NONE");
  response.Clear();
  ASSERT_THAT(stays().List(acme_, request, response), IsOk());
  EXPECT_EQ(response.stays_size(), 0);
  response.Clear();
  request.set_booking_reference("BK-1");
  EXPECT_THAT(stays().List(rival_, request, response),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(response.stays_size(), 0);
  request.clear_booking_reference();
  const absl::Status unbounded = stays().List(acme_, request, response);
  EXPECT_THAT(unbounded, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(unbounded), ElementsAre("booking_reference"));
  request.set_parent("/guests/-");
  request.set_booking_reference("BK-1");
  EXPECT_THAT(stays().List(acme_, request, response),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(StaysTest, ALookupByBookingTakesNoPageToken) {
  const std::string ana = NewGuest();
  RecordStay(StayRequest(ana, "BK-1", absl::CivilDay(2025, 11, 3), 2));
  for (const std::string parent : {ana, std::string(kAcme) + "/guests/-"}) {
    v1::ListStaysRequest request;
    request.set_parent(parent);
    request.set_booking_reference("BK-1");
    request.set_page_token("garbage!!");
    v1::ListStaysResponse response;
    EXPECT_THAT(stays().List(acme_, request, response),
                HasErrorReason(v1::ERROR_REASON_PAGE_TOKEN_INVALID))
        << parent;
    EXPECT_EQ(response.stays_size(), 0);
  }
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
