// Guests on a store of its own, without a server: identities, AIP-155
// retries, tenancy, link and unlink, merge, erase and export.

#include "service/loyalty/guests.h"

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/loyalty/loyalty_fixture.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::ErrorMetadata;
using ::guestvoice::testing::HasErrorReason;
using ::guestvoice::testing::HasFieldViolation;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::ViolatedFields;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::UnorderedElementsAre;

using GuestsTest = LoyaltyFixture;

TEST_F(GuestsTest, CreateNormalisesIdentitiesAndEachFindsTheGuest) {
  v1::Guest guest;
  ASSERT_THAT(guests().Create(acme_,
                              CreateRequest({Email("Ana.Silva@Example.com"),
                                             Phone("+351 912 345 678"),
                                             Email("ana.silva@example.com")}),
                              guest),
              IsOk());
  EXPECT_THAT(guest.name(),
              MatchesRegex("organizations/acme/guests/[a-z][a-z0-9]{19}"));
  EXPECT_EQ(guest.display_name(), "Ana Silva");
  ASSERT_EQ(guest.identities_size(), 2) << "the repeated email is dropped";
  EXPECT_EQ(guest.identities(0).value(), "ana.silva@example.com");
  EXPECT_EQ(guest.identities(1).value(), "+351912345678");

  for (const v1::Identity& identity :
       {Email("ANA.SILVA@example.com"), Phone("+351-912-345-678")}) {
    v1::Guest found;
    ASSERT_THAT(Lookup(identity, &found), IsOk()) << identity.value();
    EXPECT_EQ(found.SerializeAsString(), guest.SerializeAsString());
  }
  v1::Guest read;
  ASSERT_THAT(GetGuest(guest.name(), &read), IsOk());
  EXPECT_EQ(read.SerializeAsString(), guest.SerializeAsString());
}

TEST_F(GuestsTest, ABlankDisplayNameIsRefusedAndNoGuestIsCreated) {
  for (const char* blank : {" ", "  \t ", "\u00A0", "\u200B\u3000"}) {
    v1::CreateGuestRequest request = CreateRequest({Email("ana@example.com")});
    request.mutable_guest()->set_display_name(blank);
    v1::Guest guest;
    EXPECT_THAT(guests().Create(acme_, request, guest),
                HasFieldViolation("guest.display_name"));
  }
  EXPECT_THAT(ListGuests(), IsEmpty());
  EXPECT_THAT(Lookup(Email("ana@example.com")),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(GuestsTest, CreateWithoutAGuestIsRefusedAndNoGuestIsCreated) {
  v1::CreateGuestRequest request = CreateRequest({Email("ana@example.com")});
  request.clear_guest();
  v1::Guest guest;
  const absl::Status status = guests().Create(acme_, request, guest);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(status, HasFieldViolation("guest"));
  EXPECT_THAT(ListGuests(), IsEmpty());
  EXPECT_THAT(Lookup(Email("ana@example.com")),
              StatusIs(absl::StatusCode::kNotFound));

  request.mutable_guest();  // present and empty: a guest without a name
  EXPECT_THAT(guests().Create(acme_, request, guest), IsOk());
  EXPECT_EQ(guest.display_name(), "");
}

// Each identity is compared with those before it, so a request with more
// than allowed is refused before any is read: one violation, not one per
// identity.
TEST_F(GuestsTest, TooManyIdentitiesAreRefusedUnread) {
  std::vector<v1::Identity> identities;
  for (int i = 0; i < 51; ++i) identities.push_back(Phone("not a number"));
  v1::Guest guest;
  const absl::Status status =
      guests().Create(acme_, CreateRequest(identities), guest);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("identities"));
  EXPECT_THAT(ListGuests(), IsEmpty());
}

// A miss says where the guest was looked for, and leaves the identity (a
// guest's e-mail or phone, which logs would keep) out.
TEST_F(GuestsTest, ALookupThatFindsNoGuestSaysSoWithoutTheIdentity) {
  const absl::Status status = Lookup(Email("ana@example.com"));
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound,
                               "no guest of organizations/acme has this "
                               "identity"));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_RESOURCE_NOT_FOUND));
  EXPECT_EQ(ErrorMetadata(status, "resource"), "organizations/acme/guests");
}

TEST_F(GuestsTest, CreateRetriedWithItsRequestIdReturnsTheFirstGuest) {
  const v1::CreateGuestRequest request =
      CreateRequest({Email("ana@example.com")}, "req-1");
  v1::Guest first;
  ASSERT_THAT(guests().Create(acme_, request, first), IsOk());
  clock_.Advance(absl::Minutes(1));
  v1::Guest second;
  ASSERT_THAT(guests().Create(acme_, request, second), IsOk());
  EXPECT_EQ(second.SerializeAsString(), first.SerializeAsString());
  EXPECT_THAT(ListGuests(), ElementsAre(first.name()));
}

TEST_F(GuestsTest, AGuestCreatedWithAStayGetsBothOrNeither) {
  v1::CreateGuestRequest request =
      CreateRequest({Email("ana@example.com")}, "req-ana");
  *request.mutable_stay() =
      StayRequest("", "BK-1", absl::CivilDay(2025, 11, 3), 2).stay();
  v1::Guest ana;
  ASSERT_THAT(guests().Create(acme_, request, ana), IsOk());
  EXPECT_EQ(StatusOf(ana.name()).qualifying_stays(), 1);
  EXPECT_THAT(ListGuests(Hotel("lisbon")), ElementsAre(ana.name()));
  // A retry creates neither again; recording the stay returns it.
  v1::Guest again;
  ASSERT_THAT(guests().Create(acme_, request, again), IsOk());
  EXPECT_EQ(again.name(), ana.name());
  const v1::Stay stay = RecordStay(
      StayRequest(ana.name(), "BK-1", absl::CivilDay(2025, 11, 3), 2));
  EXPECT_THAT(stay.name(), HasSubstr(ana.name() + "/stays/"));
  EXPECT_EQ(StatusOf(ana.name()).qualifying_stays(), 1);

  // A stay that is refused creates no guest.
  const v1::Identity bruno = Email("bruno@example.com");
  v1::CreateGuestRequest refused = CreateRequest({bruno});
  *refused.mutable_stay() =
      StayRequest("", "BK-2", absl::CivilDay(2025, 11, 3), 400).stay();
  v1::Guest guest;
  absl::Status status = guests().Create(acme_, refused, guest);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(status), ElementsAre("stay.nights"));
  refused.mutable_stay()->set_nights(2);
  refused.mutable_stay()->set_booking_reference("BK-1");
  EXPECT_THAT(guests().Create(acme_, refused, guest),
              StatusIs(absl::StatusCode::kAlreadyExists));
  refused.mutable_stay()->set_booking_reference("BK-2");
  refused.mutable_stay()->set_hotel(Hotel("nowhere"));
  EXPECT_THAT(guests().Create(acme_, refused, guest),
              StatusIs(absl::StatusCode::kNotFound));
  refused.mutable_stay()->set_hotel("organizations/rival/hotels/lisbon");
  EXPECT_THAT(guests().Create(acme_, refused, guest),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Lookup(bruno), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(ListGuests(), ElementsAre(ana.name()));
}

TEST_F(GuestsTest, ARequestIdUsedForAnotherRequestIsRefused) {
  v1::Guest guest;
  ASSERT_THAT(
      guests().Create(acme_, CreateRequest({Email("ana@example.com")}, "req-1"),
                      guest),
      IsOk());
  const absl::Status reused = guests().Create(
      acme_, CreateRequest({Email("bruno@example.com")}, "req-1"), guest);
  EXPECT_THAT(reused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(reused, HasErrorReason(v1::ERROR_REASON_REQUEST_ID_REUSED));
  EXPECT_THAT(Lookup(Email("bruno@example.com")),
              StatusIs(absl::StatusCode::kNotFound));

  v1::Guest other;
  ASSERT_THAT(
      guests().Create(
          acme_, CreateRequest({Email("bruno@example.com")}, "req-2"), other),
      IsOk())
      << "another id is another request";
  EXPECT_NE(other.name(), guest.name());
}

TEST_F(GuestsTest, NationalPhoneNumbersAreReadInTheCountryOfTheNamedHotel) {
  PutHotel("acme", "porto", "Europe/Lisbon", "PT");
  PutHotel("acme", "newyork", "America/New_York", "US");
  v1::CreateGuestRequest create = CreateRequest({Phone("912 345 678")});
  create.set_hotel(Hotel("porto"));
  v1::Guest ana;
  ASSERT_THAT(guests().Create(acme_, create, ana), IsOk());
  EXPECT_EQ(ana.identities(0).value(), "+351912345678");

  v1::LinkIdentityRequest link;
  link.set_guest(ana.name());
  *link.mutable_identity() = Phone("(212) 555-1234");
  link.set_hotel(Hotel("newyork"));
  v1::Guest linked;
  ASSERT_THAT(guests().LinkIdentity(acme_, link, linked), IsOk());
  EXPECT_EQ(linked.identities(1).value(), "+12125551234");

  v1::LookupGuestRequest lookup;
  lookup.set_parent(kAcme);
  *lookup.mutable_identity() = Phone("212-555-1234");
  lookup.set_hotel(Hotel("newyork"));
  v1::Guest found;
  ASSERT_THAT(guests().Lookup(acme_, lookup, found), IsOk());
  EXPECT_EQ(found.name(), ana.name());
  EXPECT_THAT(Lookup(Phone("+1 212 555 1234")), IsOk());
}

TEST_F(GuestsTest, ANationalPhoneNumberNeedsAHotelOfTheCallersInItsCountry) {
  PutHotel("acme", "porto", "Europe/Lisbon", "PT");
  PutHotel("rival", "porto", "Europe/Lisbon", "PT");
  v1::Guest guest;
  v1::CreateGuestRequest create = CreateRequest({Phone("912 345 678")});
  EXPECT_THAT(guests().Create(acme_, create, guest),
              HasFieldViolation("identities[0].value"))
      << "no hotel, no country";
  create.set_hotel(Hotel("lisbon"));
  EXPECT_THAT(guests().Create(acme_, create, guest),
              HasFieldViolation("identities[0].value"))
      << "lisbon has no region_code";
  create.set_hotel(Hotel("nowhere"));
  EXPECT_THAT(guests().Create(acme_, create, guest),
              StatusIs(absl::StatusCode::kNotFound));
  create.set_hotel("organizations/rival/hotels/porto");
  EXPECT_THAT(guests().Create(acme_, create, guest),
              StatusIs(absl::StatusCode::kNotFound));
  create.set_hotel("porto");
  EXPECT_THAT(guests().Create(acme_, create, guest),
              HasFieldViolation("hotel"));
  EXPECT_THAT(ListGuests(), IsEmpty());
}

TEST_F(GuestsTest, AnIdentityHeldByAnotherGuestIsAlreadyExists) {
  const std::string ana = NewGuest({Email("ana@example.com")});
  v1::Guest guest;
  const absl::Status taken = guests().Create(
      acme_, CreateRequest({Phone("+351912345678"), Email("ANA@example.com")}),
      guest);
  EXPECT_THAT(taken, StatusIs(absl::StatusCode::kAlreadyExists,
                              HasSubstr("identities[1]")));
  EXPECT_THAT(taken, HasErrorReason(v1::ERROR_REASON_RESOURCE_ALREADY_EXISTS));
  EXPECT_THAT(ListGuests(), ElementsAre(ana)) << "nothing was created";
  EXPECT_THAT(Lookup(Phone("+351912345678")),
              StatusIs(absl::StatusCode::kNotFound));

  v1::LinkIdentityRequest link;
  link.set_guest(NewGuest());
  *link.mutable_identity() = Email("ana@example.com");
  EXPECT_THAT(guests().LinkIdentity(acme_, link, guest),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr(ana)));
}

TEST_F(GuestsTest, AnotherTenantsGuestsDoNotExistForTheCaller) {
  const std::string ana = NewGuest({Email("ana@example.com")});
  v1::Guest guest;
  EXPECT_THAT(guests().Create(rival_, CreateRequest({}), guest),
              StatusIs(absl::StatusCode::kNotFound));

  v1::GetGuestRequest get;
  get.set_name(ana);
  EXPECT_THAT(guests().Get(rival_, get, guest),
              StatusIs(absl::StatusCode::kNotFound));
  v1::LookupGuestRequest lookup;
  lookup.set_parent(kAcme);
  *lookup.mutable_identity() = Email("ana@example.com");
  EXPECT_THAT(guests().Lookup(rival_, lookup, guest),
              StatusIs(absl::StatusCode::kNotFound));
  v1::LinkIdentityRequest link;
  link.set_guest(ana);
  *link.mutable_identity() = Phone("+351912345678");
  EXPECT_THAT(guests().LinkIdentity(rival_, link, guest),
              StatusIs(absl::StatusCode::kNotFound));
  v1::EraseGuestRequest erase;
  erase.set_name(ana);
  EXPECT_THAT(guests().Erase(rival_, erase),
              StatusIs(absl::StatusCode::kNotFound));
  v1::ExportGuestRequest export_request;
  export_request.set_name(ana);
  v1::ExportGuestResponse exported;
  EXPECT_THAT(guests().Export(rival_, export_request, exported),
              StatusIs(absl::StatusCode::kNotFound));

  v1::Guest still;
  ASSERT_THAT(GetGuest(ana, &still), IsOk());
  EXPECT_EQ(still.identities_size(), 1);
}

TEST_F(GuestsTest, LinkAndUnlinkIdentities) {
  const std::string name = NewGuest();
  v1::LinkIdentityRequest link;
  link.set_guest(name);
  *link.mutable_identity() = Handle(v1::SOURCE_INSTAGRAM, "@Ana.S");
  v1::Guest linked;
  ASSERT_THAT(guests().LinkIdentity(acme_, link, linked), IsOk());
  ASSERT_EQ(linked.identities_size(), 1);
  EXPECT_EQ(linked.identities(0).value(), "ana.s");
  v1::Guest found;
  ASSERT_THAT(Lookup(Handle(v1::SOURCE_INSTAGRAM, "ana.s"), &found), IsOk());
  EXPECT_EQ(found.name(), name);

  clock_.Advance(absl::Minutes(1));
  v1::Guest again;
  ASSERT_THAT(guests().LinkIdentity(acme_, link, again), IsOk());
  EXPECT_EQ(again.SerializeAsString(), linked.SerializeAsString())
      << "linking a held identity changes nothing";

  v1::UnlinkIdentityRequest unlink;
  unlink.set_guest(name);
  *unlink.mutable_identity() = Handle(v1::SOURCE_INSTAGRAM, "ana.s");
  v1::Guest unlinked;
  ASSERT_THAT(guests().UnlinkIdentity(acme_, unlink, unlinked), IsOk());
  EXPECT_THAT(unlinked.identities(), IsEmpty());
  EXPECT_THAT(Lookup(Handle(v1::SOURCE_INSTAGRAM, "ana.s")),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(guests().UnlinkIdentity(acme_, unlink, unlinked),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(GuestsTest, MergeMovesIdentitiesStaysAndCheckInsToTheSurvivor) {
  const std::string survivor = NewGuest({Email("ana@example.com")});
  const std::string merged = NewGuest({Phone("+351912345678")});
  RecordStay(StayRequest(merged, "BK-1", absl::CivilDay(2025, 11, 3), 2));
  RecordStay(
      StayRequest(merged, "BK-2", absl::CivilDay(2025, 12, 1), 3, "tokyo"));
  RecordCheckIn(
      CheckInRequest(merged, "fsq-1", clock_.Now() - absl::Hours(30)));

  v1::MergeGuestsRequest request;
  request.set_survivor(survivor);
  request.set_merged(merged);
  v1::Guest guest;
  ASSERT_THAT(guests().Merge(acme_, request, guest), IsOk());
  EXPECT_EQ(guest.name(), survivor);
  EXPECT_EQ(guest.identities_size(), 2);
  EXPECT_THAT(guest.merged_guests(), ElementsAre(merged));

  v1::Guest found;
  ASSERT_THAT(Lookup(Phone("+351912345678"), &found), IsOk());
  EXPECT_EQ(found.name(), survivor);
  EXPECT_THAT(GetGuest(merged), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(ListGuests(), ElementsAre(survivor));
  EXPECT_THAT(ListGuests(Hotel("tokyo")), ElementsAre(survivor));

  v1::ExportGuestRequest export_request;
  export_request.set_name(survivor);
  v1::ExportGuestResponse exported;
  ASSERT_THAT(guests().Export(acme_, export_request, exported), IsOk());
  std::vector<std::string> bookings;
  for (const v1::Stay& stay : exported.stays()) {
    EXPECT_THAT(stay.name(), HasSubstr(survivor + "/stays/"));
    bookings.push_back(stay.booking_reference());
  }
  EXPECT_THAT(bookings, UnorderedElementsAre("BK-1", "BK-2"));
  ASSERT_EQ(exported.check_ins_size(), 1);
  EXPECT_THAT(exported.check_ins(0).name(), HasSubstr(survivor));
  EXPECT_EQ(StatusOf(survivor).qualifying_stays(), 2);
  EXPECT_EQ(StatusOf(survivor).qualifying_check_ins(), 1);

  // The booking now points at the survivor: recording it again for the
  // survivor returns the moved stay.
  const v1::Stay again =
      RecordStay(StayRequest(survivor, "BK-1", absl::CivilDay(2025, 11, 3), 2));
  EXPECT_THAT(again.name(), HasSubstr(survivor));
}

TEST_F(GuestsTest, ACreateRetriedAfterAMergeFindsTheSurvivor) {
  // Walk-ins without identities: only the request id tells a retry.
  const v1::CreateGuestRequest walk_in = CreateRequest({}, "req-walk-in");
  const v1::CreateGuestRequest second = CreateRequest({}, "req-second");
  v1::Guest merged, middle, survivor;
  ASSERT_THAT(guests().Create(acme_, walk_in, merged), IsOk());
  ASSERT_THAT(guests().Create(acme_, second, middle), IsOk());
  ASSERT_THAT(
      guests().Create(acme_, CreateRequest({}, "req-survivor"), survivor),
      IsOk());
  auto merge = [&](const v1::Guest& into, const v1::Guest& from) {
    v1::MergeGuestsRequest request;
    request.set_survivor(into.name());
    request.set_merged(from.name());
    v1::Guest result;
    ASSERT_THAT(guests().Merge(acme_, request, result), IsOk());
  };
  merge(middle, merged);
  merge(survivor, middle);

  // Each retry answers the guest its person is now, and creates nobody.
  for (const v1::CreateGuestRequest& retry : {walk_in, second}) {
    v1::Guest answered;
    ASSERT_THAT(guests().Create(acme_, retry, answered), IsOk());
    EXPECT_EQ(answered.name(), survivor.name());
    EXPECT_THAT(answered.merged_guests(),
                UnorderedElementsAre(middle.name(), merged.name()));
  }
  EXPECT_THAT(ListGuests(), ElementsAre(survivor.name()));
  v1::CreateGuestRequest other = CreateRequest({}, "req-walk-in");
  other.mutable_guest()->set_display_name("Someone else");
  v1::Guest refused;
  EXPECT_THAT(guests().Create(acme_, other, refused),
              HasErrorReason(v1::ERROR_REASON_REQUEST_ID_REUSED));

  // Erasing the survivor forgets every one of those requests.
  v1::EraseGuestRequest erase;
  erase.set_name(survivor.name());
  ASSERT_THAT(guests().Erase(acme_, erase), IsOk());
  v1::Guest again;
  ASSERT_THAT(guests().Create(acme_, walk_in, again), IsOk());
  EXPECT_NE(again.name(), survivor.name());
  EXPECT_THAT(ListGuests(), ElementsAre(again.name()));
}

TEST_F(GuestsTest, MergingAGuestWithItselfIsRefused) {
  const std::string ana = NewGuest();
  v1::MergeGuestsRequest request;
  request.set_survivor(ana);
  request.set_merged(ana);
  v1::Guest guest;
  EXPECT_THAT(guests().Merge(acme_, request, guest),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(GuestsTest, EraseLeavesNothingFindable) {
  v1::Guest ana;
  const v1::CreateGuestRequest create = CreateRequest(
      {Email("ana@example.com"), Handle(v1::SOURCE_TWITTER, "anatravels")},
      "req-ana");
  ASSERT_THAT(guests().Create(acme_, create, ana), IsOk());
  RecordStay(StayRequest(ana.name(), "BK-1", absl::CivilDay(2025, 11, 3), 2));
  RecordCheckIn(
      CheckInRequest(ana.name(), "fsq-1", clock_.Now() - absl::Hours(1)));

  v1::EraseGuestRequest erase;
  erase.set_name(ana.name());
  ASSERT_THAT(guests().Erase(acme_, erase), IsOk());

  EXPECT_THAT(GetGuest(ana.name()), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Lookup(Email("ana@example.com")),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Lookup(Handle(v1::SOURCE_TWITTER, "anatravels")),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(ListGuests(), IsEmpty());
  EXPECT_THAT(ListGuests(Hotel("lisbon")), IsEmpty());
  EXPECT_THAT(guests().Erase(acme_, erase),
              StatusIs(absl::StatusCode::kNotFound));

  // Neither the booking, the check-in nor the create's request record
  // remembers the guest: each is free for a new one.
  v1::Guest again;
  ASSERT_THAT(guests().Create(acme_, create, again), IsOk());
  EXPECT_NE(again.name(), ana.name());
  const v1::Stay stay = RecordStay(
      StayRequest(again.name(), "BK-1", absl::CivilDay(2025, 11, 3), 2));
  EXPECT_THAT(stay.name(), HasSubstr(again.name()));
  const v1::CheckIn check_in = RecordCheckIn(
      CheckInRequest(again.name(), "fsq-1", clock_.Now() - absl::Hours(1)));
  EXPECT_THAT(check_in.name(), HasSubstr(again.name()));
}

TEST_F(GuestsTest, ExportHoldsTheGuestItsActivityAndStatus) {
  const std::string ana = NewGuest({Email("ana@example.com")});
  const v1::Stay stay =
      RecordStay(StayRequest(ana, "BK-1", absl::CivilDay(2025, 11, 3), 2));
  const v1::CheckIn check_in =
      RecordCheckIn(CheckInRequest(ana, "fsq-1", clock_.Now()));

  v1::ExportGuestRequest request;
  request.set_name(ana);
  v1::ExportGuestResponse exported;
  ASSERT_THAT(guests().Export(acme_, request, exported), IsOk());
  EXPECT_EQ(exported.guest().name(), ana);
  ASSERT_EQ(exported.stays_size(), 1);
  EXPECT_EQ(exported.stays(0).SerializeAsString(), stay.SerializeAsString());
  ASSERT_EQ(exported.check_ins_size(), 1);
  EXPECT_EQ(exported.check_ins(0).SerializeAsString(),
            check_in.SerializeAsString());
  EXPECT_THAT(exported.feedback(), IsEmpty());
  EXPECT_EQ(exported.loyalty_status().SerializeAsString(),
            StatusOf(ana).SerializeAsString());
}

TEST_F(GuestsTest, ListPagesThroughEveryGuest) {
  std::vector<std::string> created;
  for (int i = 0; i < 5; ++i) created.push_back(NewGuest());
  v1::ListGuestsRequest request;
  request.set_parent(kAcme);
  request.set_page_size(2);
  std::vector<std::string> listed;
  int pages = 0;
  do {
    v1::ListGuestsResponse response;
    ASSERT_THAT(guests().List(acme_, request, response), IsOk());
    for (const v1::Guest& guest : response.guests()) {
      listed.push_back(guest.name());
    }
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(listed, UnorderedElementsAre(created[0], created[1], created[2],
                                           created[3], created[4]));
}

}  // namespace
}  // namespace guestvoice::service
