// CheckIns on a store of their own, without a server: validation,
// idempotency by (source, external id), and the hotel-local day a check-in
// counts on.

#include "service/loyalty/check_ins.h"

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/loyalty/records.h"
#include "tests/service/loyalty/loyalty_fixture.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::HasErrorReason;
using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

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
  // Two days earlier: a day counts one check-in (RulesTest).
  v1::RecordCheckInRequest other_source =
      CheckInRequest(ana, "fsq-1", clock_.Now() - absl::Hours(49));
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
  EXPECT_THAT(testing::ViolatedFields(status),
              ElementsAre("check_in.check_in_time"));
}

TEST_F(CheckInsTest, ACheckInBefore1900IsRefused) {
  const std::string ana = NewGuest();
  const absl::Time year_1900 =
      absl::FromCivil(absl::CivilDay(1900, 1, 1), absl::UTCTimeZone());
  v1::CheckIn check_in;
  for (absl::Time refused :
       {absl::FromCivil(absl::CivilDay(1, 1, 1), absl::UTCTimeZone()),
        year_1900 - absl::Seconds(1)}) {
    const absl::Status status = check_ins().Record(
        acme_, CheckInRequest(ana, "old", refused), check_in);
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(testing::ViolatedFields(status),
                ElementsAre("check_in.check_in_time"));
  }
  RecordCheckIn(CheckInRequest(ana, "1900", year_1900));
}

TEST_F(CheckInsTest, TheCheckInTimeIsRequiredAndAtMostFiveMinutesAhead) {
  const std::string ana = NewGuest();
  RecordCheckIn(CheckInRequest(ana, "edge", clock_.Now() + absl::Minutes(5)));
  v1::CheckIn check_in;
  EXPECT_THAT(
      check_ins().Record(
          acme_,
          CheckInRequest(ana, "past-edge",
                         clock_.Now() + absl::Minutes(5) + absl::Seconds(1)),
          check_in),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "invalid request: check_in.check_in_time: in the future"));
  v1::RecordCheckInRequest unreal = CheckInRequest(ana, "unreal", {});
  unreal.mutable_check_in()->mutable_check_in_time()->set_nanos(-5);
  EXPECT_THAT(check_ins().Record(acme_, unreal, check_in),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: check_in.check_in_time: not a valid "
                       "timestamp"));
  v1::RecordCheckInRequest untimed = CheckInRequest(ana, "untimed", {});
  untimed.mutable_check_in()->clear_check_in_time();
  EXPECT_THAT(check_ins().Record(acme_, untimed, check_in),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: check_in.check_in_time: required"));
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

TEST_F(CheckInsTest, TodaysStatusCountsACheckInWhoseDayHasBegunAtItsHotel) {
  const std::string ana = NewGuest();
  const std::string bea = NewGuest();
  // 2026-01-14 20:00 UTC is 05:00 on the 15th in Tokyo.
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 1, 14, 20, 0, 0),
                             absl::UTCTimeZone()));
  RecordCheckIn(CheckInRequest(ana, "breakfast", clock_.Now()));
  // Lisbon stays ending on the 14th and on the 15th.
  for (const std::string& guest : {ana, bea}) {
    RecordStay(StayRequest(guest, "BK-13-" + guest.substr(guest.rfind('/')),
                           absl::CivilDay(2026, 1, 12), 2));
    RecordStay(StayRequest(guest, "BK-14-" + guest.substr(guest.rfind('/')),
                           absl::CivilDay(2026, 1, 14), 1));
  }

  // Ana lives on the 15th: her status is the 15th's, whole.
  const v1::LoyaltyStatus today = StatusOf(ana);
  EXPECT_EQ(today.as_of_date().day(), 15);
  EXPECT_EQ(today.qualifying_check_ins(), 1);
  EXPECT_EQ(today.qualifying_stays(), 2);
  EXPECT_EQ(today.SerializeAsString(),
            StatusOf(ana, absl::CivilDay(2026, 1, 15)).SerializeAsString());
  // A manual tier set without a date answers with the same today.
  v1::SetManualTierRequest manual;
  manual.set_guest(ana);
  manual.set_tier("silver");
  v1::LoyaltyStatus with_manual;
  ASSERT_TRUE(statuses().SetManualTier(acme_, manual, with_manual).ok());
  EXPECT_EQ(with_manual.as_of_date().day(), 15);
  EXPECT_EQ(with_manual.qualifying_check_ins(), 1);
  // Bea has nothing on the 15th: her today is UTC's.
  const v1::LoyaltyStatus utc_today = StatusOf(bea);
  EXPECT_EQ(utc_today.as_of_date().day(), 14);
  EXPECT_EQ(utc_today.qualifying_stays(), 1);
}

TEST_F(CheckInsTest, RecordStoresTheCheckInUnderANewName) {
  const std::string ana = NewGuest();
  v1::RecordCheckInRequest request =
      CheckInRequest(ana, "fsq-1", clock_.Now() - absl::Hours(1));
  request.mutable_check_in()->set_name(
      "organizations/acme/guests/x/checkIns/y");
  const v1::CheckIn recorded = RecordCheckIn(request);

  v1::CheckIn expected = request.check_in();
  expected.set_name(recorded.name());
  EXPECT_EQ(recorded.SerializeAsString(), expected.SerializeAsString())
      << "the server names the check-in; the rest is the request's";
  EXPECT_NE(recorded.name(), request.check_in().name());
  ASSERT_OK_AND_ASSIGN(auto stored,
                       ReadCheckIns(*store_, "acme", LastNameSegment(ana)));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].record.SerializeAsString(), recorded.SerializeAsString());
}

// The same (source, external_id) at another time or place is no retry: it
// is refused, and the first record is all there is.
TEST_F(CheckInsTest, AnIdSentWithOtherDetailsIsRefused) {
  const std::string ana = NewGuest();
  const v1::CheckIn first = RecordCheckIn(
      CheckInRequest(ana, "fsq-1", clock_.Now() - absl::Hours(2)));
  v1::RecordCheckInRequest other =
      CheckInRequest(ana, "fsq-1", clock_.Now() - absl::Hours(1));
  other.mutable_check_in()->set_outlet(v1::OUTLET_SPA);
  other.mutable_check_in()->set_hotel(Hotel("lisbon"));
  v1::CheckIn response;
  const absl::Status refused = check_ins().Record(acme_, other, response);
  EXPECT_EQ(refused.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(std::string(refused.message()),
              ::testing::HasSubstr("which differs in hotel: "));
  ASSERT_OK_AND_ASSIGN(auto stored,
                       ReadCheckIns(*store_, "acme", LastNameSegment(ana)));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].record.SerializeAsString(), first.SerializeAsString());
}

TEST_F(CheckInsTest, ARetryAfterAMergeFindsTheCheckInWithTheSurvivor) {
  const std::string ana = NewGuest();
  const std::string bea = NewGuest();
  const v1::RecordCheckInRequest request =
      CheckInRequest(ana, "fsq-1", clock_.Now() - absl::Hours(1));
  const v1::CheckIn recorded = RecordCheckIn(request);
  v1::MergeGuestsRequest merge;
  merge.set_survivor(bea);
  merge.set_merged(ana);
  v1::Guest survivor;
  ASSERT_OK(guests().Merge(acme_, merge, survivor));

  v1::RecordCheckInRequest retry = request;
  retry.set_parent(bea);
  const v1::CheckIn found = RecordCheckIn(retry);
  EXPECT_EQ(found.name(),
            bea + "/checkIns/" + std::string(LastNameSegment(recorded.name())));
  EXPECT_EQ(StatusOf(bea).qualifying_check_ins(), 1);

  // Under the merged-away guest, what is gone is the guest, not the
  // check-in's source and external id.
  v1::CheckIn response;
  EXPECT_THAT(check_ins().Record(acme_, request, response),
              StatusIs(absl::StatusCode::kNotFound, ::testing::HasSubstr(ana)));
}

TEST_F(CheckInsTest, ALookupBySourceAndIdTakesNoPageToken) {
  const std::string ana = NewGuest();
  RecordCheckIn(CheckInRequest(ana, "fsq-1", clock_.Now() - absl::Hours(1)));
  v1::ListCheckInsRequest request;
  request.set_parent(ana);
  request.set_source(v1::SOURCE_FOURSQUARE);
  request.set_external_id("fsq-1");
  request.set_page_token("garbage!!");
  v1::ListCheckInsResponse response;
  EXPECT_THAT(check_ins().List(acme_, request, response),
              HasErrorReason(v1::ERROR_REASON_PAGE_TOKEN_INVALID));
  EXPECT_EQ(response.check_ins_size(), 0);
}

TEST_F(CheckInsTest, RecordReportsEveryBadField) {
  v1::RecordCheckInRequest request;
  request.set_parent("guests/ana");
  v1::CheckIn& check_in = *request.mutable_check_in();
  check_in.set_hotel("hotels/tokyo");
  check_in.set_outlet(static_cast<v1::Outlet>(99));
  check_in.set_external_id("fsq-1 ");
  v1::CheckIn response;
  const absl::Status status = check_ins().Record(acme_, request, response);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      testing::ViolatedFields(status),
      UnorderedElementsAre("parent", "check_in.hotel", "check_in.outlet",
                           "check_in.source", "check_in.external_id",
                           "check_in.check_in_time"));
}

TEST_F(CheckInsTest, TheOutletIsOptional) {
  const std::string ana = NewGuest();
  v1::RecordCheckInRequest request =
      CheckInRequest(ana, "fsq-1", clock_.Now() - absl::Hours(1));
  request.mutable_check_in()->clear_outlet();
  EXPECT_EQ(RecordCheckIn(request).outlet(), v1::OUTLET_UNSPECIFIED);
}

TEST_F(CheckInsTest, ExternalIdsAreAtMost256Bytes) {
  const std::string ana = NewGuest();
  RecordCheckIn(CheckInRequest(ana, std::string(256, 'x'), clock_.Now()));
  v1::CheckIn check_in;
  EXPECT_THAT(
      check_ins().Record(
          acme_, CheckInRequest(ana, std::string(257, 'x'), clock_.Now()),
          check_in),
      StatusIs(absl::StatusCode::kInvalidArgument,
               "invalid request: check_in.external_id: required: 1 to 256 "
               "printable ASCII characters"));
  EXPECT_EQ(StatusOf(ana).qualifying_check_ins(), 1);
}

TEST_F(CheckInsTest, RecordNeedsTheCallersGuestAndHotel) {
  const std::string ana = NewGuest();
  v1::CheckIn check_in;
  v1::RecordCheckInRequest unknown_hotel =
      CheckInRequest(ana, "fsq-1", clock_.Now());
  unknown_hotel.mutable_check_in()->set_hotel(Hotel("paris"));
  EXPECT_THAT(
      check_ins().Record(acme_, unknown_hotel, check_in),
      StatusIs(absl::StatusCode::kNotFound, Hotel("paris") + " not found"));
  const std::string nobody = std::string(kAcme) + "/guests/nobody";
  EXPECT_THAT(
      check_ins().Record(acme_, CheckInRequest(nobody, "fsq-1", clock_.Now()),
                         check_in),
      StatusIs(absl::StatusCode::kNotFound, nobody + " not found"));
  EXPECT_THAT(check_ins().Record(
                  rival_, CheckInRequest(ana, "fsq-1", clock_.Now()), check_in),
              StatusIs(absl::StatusCode::kNotFound, ana + " not found"));
  // The caller's own guest at another tenant's hotel.
  v1::RecordCheckInRequest foreign_hotel =
      CheckInRequest(ana, "fsq-1", clock_.Now());
  foreign_hotel.mutable_check_in()->set_hotel(
      "organizations/zeta/hotels/lisbon");
  EXPECT_THAT(check_ins().Record(acme_, foreign_hotel, check_in),
              StatusIs(absl::StatusCode::kNotFound,
                       "organizations/zeta/hotels/lisbon not found"));

  EXPECT_EQ(StatusOf(ana).qualifying_check_ins(), 0) << "nothing was recorded";
  // Nor was the external id taken by the failed attempts.
  RecordCheckIn(CheckInRequest(ana, "fsq-1", clock_.Now()));
  EXPECT_EQ(StatusOf(ana).qualifying_check_ins(), 1);
}

}  // namespace
}  // namespace guestvoice::service
