// LoyaltyService end to end: a real server on 127.0.0.1:0, generated stubs.

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "service/core/proto_time.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::ErrorReason;
using ::guestvoice::testing::GrpcCodeIs;
using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::TestServer;
using ::guestvoice::testing::ViolatedFields;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

v1::Identity Email(const std::string& value) {
  v1::Identity identity;
  identity.set_kind(v1::IDENTITY_KIND_EMAIL);
  identity.set_value(value);
  return identity;
}

v1::Identity Phone(const std::string& value) {
  v1::Identity identity;
  identity.set_kind(v1::IDENTITY_KIND_PHONE);
  identity.set_value(value);
  return identity;
}

v1::Identity Handle(v1::Source source, const std::string& value) {
  v1::Identity identity;
  identity.set_kind(v1::IDENTITY_KIND_HANDLE);
  identity.set_source(source);
  identity.set_value(value);
  return identity;
}

google::type::Date Date(int year, int month, int day) {
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

class LoyaltyServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stub_ = v1::LoyaltyService::NewStub(server_.channel());
    for (const char* hotel : {"lisbon", "porto"}) {
      v1::CreateHotelRequest request;
      request.set_parent("organizations/default");
      request.set_hotel_id(hotel);
      request.mutable_hotel()->set_display_name(hotel);
      request.mutable_hotel()->set_time_zone("Europe/Lisbon");
      v1::Hotel created;
      ASSERT_TRUE(v1::HotelService::NewStub(server_.channel())
                      ->CreateHotel(Admin().get(), request, &created)
                      .ok());
    }
  }

  std::unique_ptr<grpc::ClientContext> Admin() {
    return TestServer::Context(server_.admin_key());
  }

  grpc::Status CreateGuest(const std::vector<v1::Identity>& identities,
                           v1::Guest* guest,
                           const std::string& request_id = "") {
    v1::CreateGuestRequest request;
    request.set_parent("organizations/default");
    request.mutable_guest()->set_display_name("Ana Silva");
    for (const v1::Identity& identity : identities) {
      *request.add_identities() = identity;
    }
    request.set_request_id(request_id);
    return stub_->CreateGuest(Admin().get(), request, guest);
  }

  std::string NewGuest(const std::vector<v1::Identity>& identities = {}) {
    v1::Guest guest;
    const grpc::Status status = CreateGuest(identities, &guest);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return guest.name();
  }

  grpc::Status Lookup(const v1::Identity& identity, v1::Guest* guest,
                      const std::string& key = "",
                      const std::string& parent = "organizations/default") {
    v1::LookupGuestRequest request;
    request.set_parent(parent);
    *request.mutable_identity() = identity;
    return stub_->LookupGuest(
        TestServer::Context(key.empty() ? server_.admin_key() : key).get(),
        request, guest);
  }

  grpc::Status GetGuest(const std::string& name, v1::Guest* guest) {
    v1::GetGuestRequest request;
    request.set_name(name);
    return stub_->GetGuest(Admin().get(), request, guest);
  }

  v1::RecordStayRequest StayRequest(const std::string& guest,
                                    const std::string& booking,
                                    google::type::Date arrival, int nights,
                                    const std::string& hotel = "lisbon") {
    v1::RecordStayRequest request;
    request.set_parent(guest);
    v1::Stay& stay = *request.mutable_stay();
    stay.set_hotel("organizations/default/hotels/" + hotel);
    *stay.mutable_arrival_date() = arrival;
    stay.set_nights(nights);
    stay.set_booking_reference(booking);
    stay.mutable_qualifying_spend()->set_currency_code("USD");
    stay.mutable_qualifying_spend()->set_units(100 * nights);
    return request;
  }

  grpc::Status RecordStay(const v1::RecordStayRequest& request,
                          v1::Stay* stay = nullptr) {
    v1::Stay ignored;
    return stub_->RecordStay(Admin().get(), request,
                             stay != nullptr ? stay : &ignored);
  }

  v1::Stay Stay(const std::string& guest, const std::string& booking,
                google::type::Date arrival, int nights,
                const std::string& hotel = "lisbon") {
    v1::Stay stay;
    const grpc::Status status =
        RecordStay(StayRequest(guest, booking, arrival, nights, hotel), &stay);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return stay;
  }

  v1::RecordCheckInRequest CheckInRequest(const std::string& guest,
                                          const std::string& external_id,
                                          absl::Time when) {
    v1::RecordCheckInRequest request;
    request.set_parent(guest);
    v1::CheckIn& check_in = *request.mutable_check_in();
    check_in.set_hotel("organizations/default/hotels/porto");
    check_in.set_outlet(v1::OUTLET_BAR);
    check_in.set_source(v1::SOURCE_FOURSQUARE);
    check_in.set_external_id(external_id);
    *check_in.mutable_check_in_time() = service::ToProtoTimestamp(when);
    return request;
  }

  v1::LoyaltyStatus Status(const std::string& guest,
                           std::optional<google::type::Date> as_of = {}) {
    v1::GetLoyaltyStatusRequest request;
    request.set_guest(guest);
    if (as_of.has_value()) *request.mutable_as_of_date() = *as_of;
    v1::LoyaltyStatus status;
    const grpc::Status result =
        stub_->GetLoyaltyStatus(Admin().get(), request, &status);
    EXPECT_TRUE(result.ok()) << result.error_message();
    return status;
  }

  std::vector<std::string> ListGuests(const std::string& tier,
                                      const std::string& hotel) {
    v1::ListGuestsRequest request;
    request.set_parent("organizations/default");
    request.set_tier(tier);
    request.set_hotel(hotel);
    v1::ListGuestsResponse response;
    const grpc::Status status =
        stub_->ListGuests(Admin().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> names;
    for (const v1::Guest& guest : response.guests()) {
      names.push_back(guest.name());
    }
    return names;
  }

  TestServer server_;
  std::unique_ptr<v1::LoyaltyService::Stub> stub_;
};

TEST_F(LoyaltyServiceTest, GuestIdsAreOpaqueAndEveryIdentityFindsTheGuest) {
  v1::Guest guest;
  ASSERT_TRUE(
      CreateGuest({Email("Ana.Silva@Example.com"), Phone("+351 912 345 678"),
                   Handle(v1::SOURCE_TWITTER, "@AnaTravels")},
                  &guest)
          .ok());
  EXPECT_THAT(guest.name(),
              ::testing::MatchesRegex(
                  "organizations/default/guests/[a-z][a-z0-9]{19}"));
  // No identity shows through the id. The needles are long enough that a
  // random id holds one by chance about once in 10^12 runs; a short one such
  // as "ana" did, once in ~2,600 (18 places, 36^3 strings), and failed CI.
  for (std::string_view needle : {"anasilva", "anatravels", "912345678"}) {
    EXPECT_EQ(guest.name().find(needle), std::string::npos) << needle;
  }
  EXPECT_EQ(guest.identities_size(), 3);

  for (const v1::Identity& identity :
       {Email("ana.silva@example.com"), Phone("+351912345678"),
        Handle(v1::SOURCE_TWITTER, "anatravels")}) {
    v1::Guest found;
    ASSERT_TRUE(Lookup(identity, &found).ok()) << identity.value();
    EXPECT_EQ(found.name(), guest.name());
  }
  v1::Guest found;
  EXPECT_THAT(Lookup(Handle(v1::SOURCE_INSTAGRAM, "anatravels"), &found),
              GrpcErrorIs(grpc::StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND"))
      << "handles are scoped by source";
}

TEST_F(LoyaltyServiceTest, CreateRetriedWithRequestIdReturnsTheFirstGuest) {
  v1::Guest first;
  v1::Guest second;
  ASSERT_TRUE(CreateGuest({Email("a@example.com")}, &first, "req-1").ok());
  ASSERT_TRUE(CreateGuest({Email("a@example.com")}, &second, "req-1").ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  EXPECT_THAT(ListGuests("", ""), ElementsAre(first.name()));
}

TEST_F(LoyaltyServiceTest, AnIdentityBelongsToOneGuest) {
  const std::string ana = NewGuest({Email("ana@example.com")});
  v1::Guest guest;
  const grpc::Status status =
      CreateGuest({Phone("+351912345678"), Email("ANA@example.com")}, &guest);
  EXPECT_THAT(status, GrpcErrorIs(grpc::StatusCode::ALREADY_EXISTS,
                                  "RESOURCE_ALREADY_EXISTS"));
  EXPECT_THAT(ListGuests("", ""), ElementsAre(ana)) << "nothing was created";
  v1::Guest found;
  EXPECT_THAT(Lookup(Phone("+351912345678"), &found),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));

  const std::string bruno = NewGuest();
  v1::LinkIdentityRequest link;
  link.set_guest(bruno);
  *link.mutable_identity() = Email("ana@example.com");
  EXPECT_THAT(stub_->LinkIdentity(Admin().get(), link, &guest),
              GrpcCodeIs(grpc::StatusCode::ALREADY_EXISTS));
}

TEST_F(LoyaltyServiceTest, LinkAndUnlinkIdentities) {
  const std::string guest_name = NewGuest();
  v1::LinkIdentityRequest link;
  link.set_guest(guest_name);
  *link.mutable_identity() = Handle(v1::SOURCE_INSTAGRAM, "@Ana.S");
  v1::Guest guest;
  ASSERT_TRUE(stub_->LinkIdentity(Admin().get(), link, &guest).ok());
  ASSERT_EQ(guest.identities_size(), 1);
  EXPECT_EQ(guest.identities(0).value(), "ana.s");
  ASSERT_TRUE(stub_->LinkIdentity(Admin().get(), link, &guest).ok())
      << "linking an identity the guest has returns it unchanged";
  EXPECT_EQ(guest.identities_size(), 1);
  v1::Guest found;
  ASSERT_TRUE(Lookup(Handle(v1::SOURCE_INSTAGRAM, "ana.s"), &found).ok());
  EXPECT_EQ(found.name(), guest_name);

  v1::UnlinkIdentityRequest unlink;
  unlink.set_guest(guest_name);
  *unlink.mutable_identity() = Handle(v1::SOURCE_INSTAGRAM, "ana.s");
  ASSERT_TRUE(stub_->UnlinkIdentity(Admin().get(), unlink, &guest).ok());
  EXPECT_THAT(guest.identities(), IsEmpty());
  EXPECT_THAT(Lookup(Handle(v1::SOURCE_INSTAGRAM, "ana.s"), &found),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(stub_->UnlinkIdentity(Admin().get(), unlink, &guest),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(LoyaltyServiceTest, MalformedIdentitiesAreAllReported) {
  v1::Guest guest;
  const grpc::Status status =
      CreateGuest({Email("not-an-email"), Phone("0912345678"),
                   Handle(v1::SOURCE_TWITTER, "@way_too_long_for_twitter")},
                  &guest);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status),
              UnorderedElementsAre("identities[0].value", "identities[1].value",
                                   "identities[2].value"));
  EXPECT_THAT(ListGuests("", ""), IsEmpty());
}

TEST_F(LoyaltyServiceTest, BadStaysAreRejectedAndNothingChanges) {
  const std::string guest = NewGuest();
  // Today is 2026-01-15 on the test clock.
  auto violated = [&](v1::RecordStayRequest request) {
    const grpc::Status status = RecordStay(request);
    EXPECT_THAT(status, GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT,
                                    "FIELD_INVALID"));
    return ViolatedFields(status);
  };
  EXPECT_THAT(violated(StayRequest(guest, "B1", Date(2026, 1, 1), 0)),
              ElementsAre("stay.nights"));
  EXPECT_THAT(violated(StayRequest(guest, "B1", Date(2026, 1, 1), 366)),
              ElementsAre("stay.nights"));
  EXPECT_THAT(violated(StayRequest(guest, "B1", Date(2027, 1, 16), 2)),
              ElementsAre("stay.arrival_date"));
  EXPECT_THAT(violated(StayRequest(guest, "B1", Date(2025, 2, 29), 2)),
              ElementsAre("stay.arrival_date"));
  v1::RecordStayRequest unknown_currency =
      StayRequest(guest, "B1", Date(2026, 1, 1), 2);
  unknown_currency.mutable_stay()
      ->mutable_qualifying_spend()
      ->set_currency_code("XYZ");
  EXPECT_THAT(violated(unknown_currency),
              ElementsAre("stay.qualifying_spend.currency_code"));
  v1::RecordStayRequest negative =
      StayRequest(guest, "B1", Date(2026, 1, 1), 2);
  negative.mutable_stay()->mutable_qualifying_spend()->set_units(-5);
  EXPECT_THAT(violated(negative), ElementsAre("stay.qualifying_spend"));
  v1::RecordStayRequest no_reference =
      StayRequest(guest, "", Date(2026, 1, 1), 2);
  EXPECT_THAT(violated(no_reference), ElementsAre("stay.booking_reference"));

  EXPECT_THAT(RecordStay(StayRequest(guest, "B1", Date(2026, 1, 1), 2,
                                     "no-such-hotel")),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(RecordStay(StayRequest("organizations/default/guests/nobody",
                                     "B1", Date(2026, 1, 1), 2)),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
  const v1::LoyaltyStatus status = Status(guest);
  EXPECT_EQ(status.qualifying_stays(), 0);
  EXPECT_EQ(status.points_balance(), 0);
}

TEST_F(LoyaltyServiceTest, RecordStayIsIdempotentByBookingReference) {
  const std::string guest = NewGuest();
  const v1::Stay first = Stay(guest, "BK-100", Date(2026, 1, 2), 3);
  server_.clock().Advance(absl::Minutes(5));
  const v1::Stay retry = Stay(guest, "BK-100", Date(2026, 1, 2), 3);
  EXPECT_EQ(first.SerializeAsString(), retry.SerializeAsString());
  const v1::LoyaltyStatus status = Status(guest);
  EXPECT_EQ(status.qualifying_stays(), 1);
  EXPECT_EQ(status.qualifying_nights(), 3);
  EXPECT_EQ(status.points_balance(), 3 * 100 + 300 * 10);

  const std::string other = NewGuest();
  EXPECT_THAT(
      RecordStay(StayRequest(other, "BK-100", Date(2026, 1, 2), 3)),
      GrpcErrorIs(grpc::StatusCode::ALREADY_EXISTS, "RESOURCE_ALREADY_EXISTS"));
}

// A booking amended at the source is no retry: refused, naming the stay
// recorded and what differs, and the first record still counts alone.
TEST_F(LoyaltyServiceTest, ABookingReferenceSentWithOtherDetailsIsRefused) {
  const std::string guest = NewGuest();
  const v1::Stay first = Stay(guest, "BK-200", Date(2026, 1, 2), 3);

  const grpc::Status extended =
      RecordStay(StayRequest(guest, "BK-200", Date(2026, 1, 2), 4));
  EXPECT_THAT(extended, GrpcErrorIs(grpc::StatusCode::ALREADY_EXISTS,
                                    "RESOURCE_ALREADY_EXISTS"));
  EXPECT_THAT(extended.error_message(),
              ::testing::HasSubstr("recorded already as " + first.name()));
  // The spend follows the nights in StayRequest: both differ.
  EXPECT_THAT(extended.error_message(),
              ::testing::HasSubstr("nights: 3 recorded, 4 sent; "
                                   "qualifying_spend: 300.00 USD recorded, "
                                   "400.00 USD sent"));

  v1::RecordStayRequest moved =
      StayRequest(guest, "BK-200", Date(2026, 1, 3), 3, "porto");
  const grpc::Status elsewhere = RecordStay(moved);
  EXPECT_THAT(elsewhere, GrpcCodeIs(grpc::StatusCode::ALREADY_EXISTS));
  EXPECT_THAT(elsewhere.error_message(),
              ::testing::HasSubstr(
                  "hotel: organizations/default/hotels/lisbon recorded, "
                  "organizations/default/hotels/porto sent; arrival_date: "
                  "2026-01-02 recorded, 2026-01-03 sent"));
  moved.mutable_stay()->clear_qualifying_spend();
  moved.mutable_stay()->set_hotel("organizations/default/hotels/lisbon");
  *moved.mutable_stay()->mutable_arrival_date() = Date(2026, 1, 2);
  EXPECT_THAT(RecordStay(moved).error_message(),
              ::testing::EndsWith(
                  "differs in qualifying_spend: 300.00 USD recorded, none "
                  "sent. A booking's first record is kept as it is: amend "
                  "it with UpdateStay, or if it should not count, cancel it "
                  "(CancelStay)"));

  const v1::LoyaltyStatus status = Status(guest);
  EXPECT_EQ(status.qualifying_stays(), 1);
  EXPECT_EQ(status.qualifying_nights(), 3);
  EXPECT_EQ(Stay(guest, "BK-200", Date(2026, 1, 2), 3).SerializeAsString(),
            first.SerializeAsString());
  // Cancelled, the booking is never recorded again under its reference.
  v1::CancelStayRequest cancel;
  cancel.set_name(first.name());
  v1::Stay cancelled;
  ASSERT_TRUE(stub_->CancelStay(Admin().get(), cancel, &cancelled).ok());
  EXPECT_THAT(
      RecordStay(StayRequest(guest, "BK-200", Date(2026, 1, 2), 4))
          .error_message(),
      ::testing::HasSubstr("It was cancelled, and a cancelled booking stays "
                           "cancelled: if the guest did stay, record the "
                           "stay under a booking reference of its own"));
}

TEST_F(LoyaltyServiceTest,
       AHotelWithAGuestsStayIsNotDeletedUntilTheGuestIsErased) {
  const std::string ana = NewGuest();
  ASSERT_TRUE(RecordStay(StayRequest(ana, "B-1", Date(2026, 1, 5), 2)).ok());
  auto hotels = v1::HotelService::NewStub(server_.channel());
  v1::DeleteHotelRequest remove;
  remove.set_name("organizations/default/hotels/lisbon");
  google::protobuf::Empty empty;
  EXPECT_THAT(hotels->DeleteHotel(Admin().get(), remove, &empty),
              GrpcErrorIs(grpc::StatusCode::FAILED_PRECONDITION,
                          "FAILED_PRECONDITION"));
  v1::EraseGuestRequest erase;
  erase.set_name(ana);
  ASSERT_TRUE(stub_->EraseGuest(Admin().get(), erase, &empty).ok());
  EXPECT_TRUE(hotels->DeleteHotel(Admin().get(), remove, &empty).ok())
      << "the erased guest's stay was the hotel's only history";
}

TEST_F(LoyaltyServiceTest, SpendJustAboveTheLimitIsRefused) {
  const std::string guest = NewGuest();
  v1::RecordStayRequest request =
      StayRequest(guest, "BK-1", Date(2026, 1, 1), 2);
  request.mutable_stay()->mutable_qualifying_spend()->set_units(1'000'000'000);
  request.mutable_stay()->mutable_qualifying_spend()->set_nanos(1);
  EXPECT_THAT(RecordStay(request),
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_EQ(Status(guest).qualifying_stays(), 0) << "nothing was recorded";

  const v1::Stay stay = Stay(guest, "BK-2", Date(2026, 1, 1), 2);
  v1::UpdateStayRequest update;
  update.mutable_stay()->set_name(stay.name());
  *update.mutable_stay()->mutable_qualifying_spend() =
      request.stay().qualifying_spend();
  v1::Stay amended;
  EXPECT_THAT(stub_->UpdateStay(Admin().get(), update, &amended),
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
}

TEST_F(LoyaltyServiceTest, UpdateStayAmendsABookingAndRefusesWhatItCannot) {
  const std::string guest = NewGuest();
  const v1::Stay stay = Stay(guest, "BK-1", Date(2026, 1, 1), 8);
  EXPECT_EQ(Status(guest, Date(2026, 1, 31)).tier(), "member");

  v1::UpdateStayRequest longer;
  longer.mutable_stay()->set_name(stay.name());
  longer.mutable_stay()->set_nights(10);
  v1::Stay amended;
  ASSERT_TRUE(stub_->UpdateStay(Admin().get(), longer, &amended).ok());
  EXPECT_EQ(amended.nights(), 10);
  EXPECT_TRUE(amended.has_update_time());
  const v1::LoyaltyStatus status = Status(guest, Date(2026, 1, 31));
  EXPECT_EQ(status.qualifying_nights(), 10);
  EXPECT_EQ(status.tier(), "silver") << "10 nights reach Silver";

  v1::UpdateStayRequest renamed;
  renamed.mutable_stay()->set_name(stay.name());
  renamed.mutable_stay()->set_booking_reference("BK-2");
  renamed.mutable_update_mask()->add_paths("booking_reference");
  EXPECT_THAT(stub_->UpdateStay(Admin().get(), renamed, &amended),
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));

  v1::CancelStayRequest cancel;
  cancel.set_name(stay.name());
  v1::Stay cancelled;
  ASSERT_TRUE(stub_->CancelStay(Admin().get(), cancel, &cancelled).ok());
  EXPECT_THAT(stub_->UpdateStay(Admin().get(), longer, &amended),
              GrpcErrorIs(grpc::StatusCode::FAILED_PRECONDITION,
                          "FAILED_PRECONDITION"));
  EXPECT_EQ(Status(guest, Date(2026, 1, 31)).qualifying_nights(), 0);
}

TEST_F(LoyaltyServiceTest, CancelledStaysEarnNothing) {
  const std::string guest = NewGuest();
  const v1::Stay stay = Stay(guest, "BK-1", Date(2026, 1, 1), 10);
  EXPECT_EQ(Status(guest).tier(), "silver");
  EXPECT_THAT(ListGuests("", "organizations/default/hotels/lisbon"),
              ElementsAre(guest));

  v1::CancelStayRequest cancel;
  cancel.set_name(stay.name());
  v1::Stay cancelled;
  ASSERT_TRUE(stub_->CancelStay(Admin().get(), cancel, &cancelled).ok());
  EXPECT_TRUE(cancelled.cancelled());
  v1::Stay again;
  ASSERT_TRUE(stub_->CancelStay(Admin().get(), cancel, &again).ok());
  EXPECT_EQ(again.SerializeAsString(), cancelled.SerializeAsString());

  const v1::LoyaltyStatus status = Status(guest);
  EXPECT_EQ(status.tier(), "member");
  EXPECT_EQ(status.qualifying_nights(), 0);
  EXPECT_EQ(status.points_balance(), 0);
  EXPECT_THAT(status.tier_history(), IsEmpty());
  EXPECT_THAT(ListGuests("", "organizations/default/hotels/lisbon"), IsEmpty());
  EXPECT_TRUE(Stay(guest, "BK-1", Date(2026, 1, 1), 10).cancelled())
      << "a retry of the booking returns the cancelled stay";

  cancel.set_name(guest + "/stays/nosuchstay");
  EXPECT_THAT(stub_->CancelStay(Admin().get(), cancel, &again),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(LoyaltyServiceTest, ListStaysPagesAGuestsStaysAndFindsABooking) {
  const std::string ana = NewGuest();
  const std::string bo = NewGuest();
  const v1::Stay later = Stay(ana, "BK-2", Date(2026, 3, 1), 2, "porto");
  const v1::Stay first = Stay(ana, "BK-1", Date(2026, 1, 5), 3);
  const v1::Stay third = Stay(ana, "BK-3", Date(2026, 5, 9), 1);
  Stay(bo, "BK-9", Date(2026, 2, 1), 4);
  v1::CancelStayRequest cancel;
  cancel.set_name(third.name());
  v1::Stay cancelled;
  ASSERT_TRUE(stub_->CancelStay(Admin().get(), cancel, &cancelled).ok());

  std::vector<std::string> paged;
  std::string token;
  int pages = 0;
  do {
    v1::ListStaysRequest request;
    request.set_parent(ana);
    request.set_page_size(2);
    request.set_page_token(token);
    v1::ListStaysResponse response;
    ASSERT_TRUE(stub_->ListStays(Admin().get(), request, &response).ok());
    for (const v1::Stay& stay : response.stays()) paged.push_back(stay.name());
    token = response.next_page_token();
    ++pages;
  } while (!token.empty());
  EXPECT_THAT(paged, ElementsAre(first.name(), later.name(), third.name()))
      << "in order of arrival, the cancelled stay too";
  EXPECT_EQ(pages, 2);

  auto by_booking = [&](const std::string& guest, const std::string& booking) {
    v1::ListStaysRequest request;
    request.set_parent(guest);
    request.set_booking_reference(booking);
    v1::ListStaysResponse response;
    const grpc::Status status =
        stub_->ListStays(Admin().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  };
  const v1::ListStaysResponse found = by_booking(ana, "BK-3");
  ASSERT_EQ(found.stays_size(), 1);
  EXPECT_EQ(found.stays(0).SerializeAsString(), cancelled.SerializeAsString());
  EXPECT_EQ(by_booking(ana, "BK-9").stays_size(), 0) << "Bo's booking";
  EXPECT_EQ(by_booking(ana, "BK-404").stays_size(), 0);

  v1::ListStaysRequest bad;
  bad.set_parent(ana);
  bad.set_booking_reference(std::string(129, 'x'));
  v1::ListStaysResponse response;
  EXPECT_THAT(stub_->ListStays(Admin().get(), bad, &response),
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  bad.set_booking_reference("");
  bad.set_page_size(-1);
  EXPECT_THAT(stub_->ListStays(Admin().get(), bad, &response),
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  bad.set_page_size(1);
  ASSERT_TRUE(stub_->ListStays(Admin().get(), bad, &response).ok());
  v1::ListStaysRequest bos;
  bos.set_parent(bo);
  bos.set_page_token(response.next_page_token());
  EXPECT_THAT(
      stub_->ListStays(Admin().get(), bos, &response),
      GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"))
      << "Ana's token does not page Bo's stays";
  bad.set_parent("organizations/default/guests/nobody");
  bad.set_page_token("");
  EXPECT_THAT(stub_->ListStays(Admin().get(), bad, &response),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));

  const std::string other_key = server_.CreateOrganizationWithKey(
      "other", {v1::SCOPE_LOYALTY_READ, v1::SCOPE_LOYALTY_WRITE});
  v1::ListStaysRequest foreign;
  foreign.set_parent(ana);
  EXPECT_THAT(stub_->ListStays(TestServer::Context(other_key).get(), foreign,
                               &response),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(LoyaltyServiceTest, CheckInsAreIdempotentAndNeverInTheFuture) {
  const std::string guest = NewGuest();
  const absl::Time now = server_.clock().Now();
  v1::CheckIn first;
  v1::CheckIn retry;
  ASSERT_TRUE(
      stub_
          ->RecordCheckIn(Admin().get(),
                          CheckInRequest(guest, "4sq-1", now - absl::Hours(2)),
                          &first)
          .ok());
  ASSERT_TRUE(
      stub_
          ->RecordCheckIn(Admin().get(),
                          CheckInRequest(guest, "4sq-1", now - absl::Hours(2)),
                          &retry)
          .ok());
  EXPECT_EQ(first.SerializeAsString(), retry.SerializeAsString());
  EXPECT_EQ(Status(guest).qualifying_check_ins(), 1);

  // The same id at another time or place is another check-in, not a retry.
  v1::RecordCheckInRequest later =
      CheckInRequest(guest, "4sq-1", now - absl::Hours(1));
  later.mutable_check_in()->set_outlet(v1::OUTLET_RESTAURANT);
  v1::CheckIn refused;
  const grpc::Status conflict =
      stub_->RecordCheckIn(Admin().get(), later, &refused);
  EXPECT_THAT(conflict, GrpcErrorIs(grpc::StatusCode::ALREADY_EXISTS,
                                    "RESOURCE_ALREADY_EXISTS"));
  EXPECT_THAT(conflict.error_message(),
              ::testing::HasSubstr(absl::StrCat(
                  "check_in.external_id: recorded already as ", first.name(),
                  ", which differs in outlet: OUTLET_BAR recorded, "
                  "OUTLET_RESTAURANT sent; check_in_time: ")));
  EXPECT_EQ(Status(guest).qualifying_check_ins(), 1);

  v1::CheckIn future;
  const grpc::Status status = stub_->RecordCheckIn(
      Admin().get(), CheckInRequest(guest, "4sq-2", now + absl::Hours(1)),
      &future);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status), ElementsAre("check_in.check_in_time"));
  EXPECT_EQ(Status(guest).qualifying_check_ins(), 1);
}

TEST_F(LoyaltyServiceTest, ListCheckInsPagesAGuestsCheckInsAndFindsOne) {
  const std::string ana = NewGuest();
  const std::string bo = NewGuest();
  const absl::Time now = server_.clock().Now();
  auto record = [&](const std::string& guest, const std::string& id,
                    absl::Time when) {
    v1::CheckIn recorded;
    EXPECT_TRUE(stub_
                    ->RecordCheckIn(Admin().get(),
                                    CheckInRequest(guest, id, when), &recorded)
                    .ok());
    return recorded;
  };
  const v1::CheckIn latest = record(ana, "4sq-3", now - absl::Hours(2));
  const v1::CheckIn earliest = record(ana, "4sq-1", now - absl::Hours(24 * 9));
  const v1::CheckIn middle = record(ana, "4sq-2", now - absl::Hours(24 * 3));
  record(bo, "4sq-9", now - absl::Hours(5));

  std::vector<std::string> paged;
  std::string token;
  do {
    v1::ListCheckInsRequest request;
    request.set_parent(ana);
    request.set_page_size(2);
    request.set_page_token(token);
    v1::ListCheckInsResponse response;
    ASSERT_TRUE(stub_->ListCheckIns(Admin().get(), request, &response).ok());
    for (const v1::CheckIn& check_in : response.check_ins()) {
      paged.push_back(check_in.name());
    }
    token = response.next_page_token();
  } while (!token.empty());
  EXPECT_THAT(paged,
              ElementsAre(earliest.name(), middle.name(), latest.name()));

  auto one = [&](const std::string& guest, v1::Source source,
                 const std::string& id) {
    v1::ListCheckInsRequest request;
    request.set_parent(guest);
    request.set_source(source);
    request.set_external_id(id);
    v1::ListCheckInsResponse response;
    const grpc::Status status =
        stub_->ListCheckIns(Admin().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  };
  const v1::ListCheckInsResponse found =
      one(ana, v1::SOURCE_FOURSQUARE, "4sq-2");
  ASSERT_EQ(found.check_ins_size(), 1);
  EXPECT_EQ(found.check_ins(0).SerializeAsString(), middle.SerializeAsString());
  EXPECT_EQ(one(ana, v1::SOURCE_FOURSQUARE, "4sq-9").check_ins_size(), 0)
      << "Bo's check-in";
  EXPECT_EQ(one(ana, v1::SOURCE_GOOGLE, "4sq-2").check_ins_size(), 0);

  v1::ListCheckInsRequest bad;
  bad.set_parent(ana);
  bad.set_external_id("4sq-2");
  v1::ListCheckInsResponse response;
  const grpc::Status no_source =
      stub_->ListCheckIns(Admin().get(), bad, &response);
  EXPECT_THAT(no_source,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(no_source), ElementsAre("source"));
  EXPECT_THAT(no_source.error_message(),
              ::testing::HasSubstr("required with external_id"));
  bad.set_source(static_cast<v1::Source>(99));
  const grpc::Status unknown_source =
      stub_->ListCheckIns(Admin().get(), bad, &response);
  EXPECT_THAT(ViolatedFields(unknown_source), ElementsAre("source"));
  EXPECT_THAT(unknown_source.error_message(),
              ::testing::HasSubstr("99 is not a known source"));
  bad.set_parent("organizations/default/guests/nobody");
  bad.set_source(v1::SOURCE_FOURSQUARE);
  EXPECT_THAT(stub_->ListCheckIns(Admin().get(), bad, &response),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(LoyaltyServiceTest, StatusIsExactForPastDates) {
  const std::string guest = NewGuest();
  Stay(guest, "A", Date(2025, 3, 1), 10);  // departs 2025-03-11
  Stay(guest, "B", Date(2025, 9, 1), 15);  // departs 2025-09-16
  EXPECT_EQ(Status(guest, Date(2025, 3, 10)).tier(), "member");
  const v1::LoyaltyStatus march = Status(guest, Date(2025, 3, 11));
  EXPECT_EQ(march.tier(), "silver");
  EXPECT_EQ(march.qualifying_nights(), 10);
  const v1::LoyaltyStatus today = Status(guest);
  EXPECT_EQ(today.tier(), "gold");
  EXPECT_EQ(today.qualifying_nights(), 25);
  ASSERT_EQ(today.tier_history_size(), 2);
  EXPECT_EQ(today.tier_history(1).to_tier(), "gold");
  EXPECT_EQ(today.next_tier().tier(), "platinum");
  EXPECT_EQ(today.next_tier().nights_needed(), 25);
}

TEST_F(LoyaltyServiceTest, MergeMovesEverythingToTheSurvivor) {
  const std::string survivor = NewGuest({Email("ana@example.com")});
  const std::string merged =
      NewGuest({Handle(v1::SOURCE_TWITTER, "anatravels")});
  Stay(survivor, "S-1", Date(2025, 11, 1), 6);
  const v1::Stay moved = Stay(merged, "M-1", Date(2025, 12, 1), 4, "porto");
  v1::CheckIn check_in;
  ASSERT_TRUE(stub_
                  ->RecordCheckIn(
                      Admin().get(),
                      CheckInRequest(merged, "4sq-9",
                                     server_.clock().Now() - absl::Hours(30)),
                      &check_in)
                  .ok());
  EXPECT_EQ(Status(survivor).tier(), "member");

  v1::MergeGuestsRequest request;
  request.set_survivor(survivor);
  request.set_merged(merged);
  v1::Guest result;
  ASSERT_TRUE(stub_->MergeGuests(Admin().get(), request, &result).ok());
  EXPECT_THAT(result.merged_guests(), ElementsAre(merged));
  EXPECT_EQ(result.identities_size(), 2);

  v1::Guest found;
  ASSERT_TRUE(Lookup(Handle(v1::SOURCE_TWITTER, "anatravels"), &found).ok());
  EXPECT_EQ(found.name(), survivor);
  EXPECT_THAT(GetGuest(merged, &found),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
  const v1::LoyaltyStatus status = Status(survivor);
  EXPECT_EQ(status.qualifying_nights(), 10);
  EXPECT_EQ(status.qualifying_check_ins(), 1);
  EXPECT_EQ(status.tier(), "silver");
  EXPECT_THAT(ListGuests("", "organizations/default/hotels/porto"),
              ElementsAre(survivor));

  // The merged guest's booking now belongs to the survivor.
  const v1::Stay retried = Stay(survivor, "M-1", Date(2025, 12, 1), 4, "porto");
  EXPECT_EQ(retried.name(),
            survivor + moved.name().substr(moved.name().find("/stays/")));

  v1::ExportGuestRequest export_request;
  export_request.set_name(survivor);
  v1::ExportGuestResponse exported;
  ASSERT_TRUE(
      stub_->ExportGuest(Admin().get(), export_request, &exported).ok());
  EXPECT_EQ(exported.stays_size(), 2);
  ASSERT_EQ(exported.check_ins_size(), 1);
  EXPECT_EQ(exported.check_ins(0).name().rfind(survivor, 0), 0u);
}

TEST_F(LoyaltyServiceTest, MergingAGuestWithItselfIsRefused) {
  const std::string guest = NewGuest({Email("ana@example.com")});
  v1::MergeGuestsRequest request;
  request.set_survivor(guest);
  request.set_merged(guest);
  v1::Guest result;
  EXPECT_THAT(stub_->MergeGuests(Admin().get(), request, &result),
              GrpcErrorIs(grpc::StatusCode::FAILED_PRECONDITION,
                          "FAILED_PRECONDITION"));
  ASSERT_TRUE(GetGuest(guest, &result).ok());
  EXPECT_EQ(result.identities_size(), 1);
}

TEST_F(LoyaltyServiceTest, ErasedGuestsAreFoundByNoFormerIdentity) {
  v1::Guest guest;
  const std::vector<v1::Identity> identities = {
      Email("ana@example.com"), Phone("+351912345678"),
      Handle(v1::SOURCE_FOURSQUARE, "ana_s")};
  ASSERT_TRUE(CreateGuest(identities, &guest, "create-ana").ok());
  Stay(guest.name(), "BK-7", Date(2025, 12, 1), 3);
  v1::CheckIn check_in;
  ASSERT_TRUE(stub_
                  ->RecordCheckIn(
                      Admin().get(),
                      CheckInRequest(guest.name(), "4sq-7",
                                     server_.clock().Now() - absl::Hours(1)),
                      &check_in)
                  .ok());

  // Found before the erasure, so lookups have read (and the server holds in
  // memory) the guest and every identity's index entry.
  v1::Guest found;
  for (const v1::Identity& identity : identities) {
    ASSERT_TRUE(Lookup(identity, &found).ok()) << identity.value();
  }
  EXPECT_EQ(Status(guest.name()).qualifying_stays(), 1);

  v1::EraseGuestRequest erase;
  erase.set_name(guest.name());
  google::protobuf::Empty empty;
  ASSERT_TRUE(stub_->EraseGuest(Admin().get(), erase, &empty).ok());

  for (const v1::Identity& identity : identities) {
    EXPECT_THAT(Lookup(identity, &found),
                GrpcCodeIs(grpc::StatusCode::NOT_FOUND))
        << identity.value();
  }
  EXPECT_THAT(GetGuest(guest.name(), &found),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
  v1::GetLoyaltyStatusRequest status_of_erased;
  status_of_erased.set_guest(guest.name());
  v1::LoyaltyStatus status;
  EXPECT_THAT(stub_->GetLoyaltyStatus(Admin().get(), status_of_erased, &status),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(ListGuests("", ""), IsEmpty());
  EXPECT_THAT(ListGuests("", "organizations/default/hotels/lisbon"), IsEmpty());
  EXPECT_THAT(stub_->EraseGuest(Admin().get(), erase, &empty),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));

  // The booking reference, check-in and request id are free again: nothing
  // of the erased guest answers for them.
  const std::string other = NewGuest();
  EXPECT_EQ(Stay(other, "BK-7", Date(2025, 12, 1), 3).name().rfind(other, 0),
            0u);
  v1::Guest recreated;
  ASSERT_TRUE(CreateGuest(identities, &recreated, "create-ana").ok());
  EXPECT_NE(recreated.name(), guest.name());
}

TEST_F(LoyaltyServiceTest, ExportHoldsEverything) {
  v1::Guest guest;
  ASSERT_TRUE(CreateGuest({Email("ana@example.com")}, &guest).ok());
  Stay(guest.name(), "E-1", Date(2025, 10, 1), 2);
  const v1::Stay cancelled = Stay(guest.name(), "E-2", Date(2025, 11, 1), 2);
  v1::CancelStayRequest cancel;
  cancel.set_name(cancelled.name());
  v1::Stay ignored;
  ASSERT_TRUE(stub_->CancelStay(Admin().get(), cancel, &ignored).ok());
  v1::CheckIn check_in;
  ASSERT_TRUE(stub_
                  ->RecordCheckIn(Admin().get(),
                                  CheckInRequest(guest.name(), "4sq-e",
                                                 server_.clock().Now()),
                                  &check_in)
                  .ok());

  v1::ExportGuestRequest request;
  request.set_name(guest.name());
  v1::ExportGuestResponse exported;
  ASSERT_TRUE(stub_->ExportGuest(Admin().get(), request, &exported).ok());
  EXPECT_EQ(exported.guest().SerializeAsString(), guest.SerializeAsString());
  ASSERT_EQ(exported.stays_size(), 2);
  EXPECT_EQ(exported.stays(0).booking_reference(), "E-1");
  EXPECT_TRUE(exported.stays(1).cancelled());
  ASSERT_EQ(exported.check_ins_size(), 1);
  EXPECT_EQ(exported.check_ins(0).external_id(), "4sq-e");
  EXPECT_EQ(exported.loyalty_status().guest(), guest.name());
  EXPECT_EQ(exported.loyalty_status().qualifying_nights(), 2);
}

TEST_F(LoyaltyServiceTest, ListGuestsFiltersByTierAndHotelAndPages) {
  const std::string gold = NewGuest();
  const std::string silver = NewGuest();
  const std::string member = NewGuest();
  Stay(gold, "G", Date(2025, 6, 1), 25, "porto");
  Stay(silver, "S", Date(2025, 6, 1), 10);
  Stay(member, "M", Date(2025, 6, 1), 1);
  EXPECT_THAT(ListGuests("gold", ""), ElementsAre(gold));
  EXPECT_THAT(ListGuests("silver", ""), ElementsAre(silver));
  EXPECT_THAT(ListGuests("", "organizations/default/hotels/lisbon"),
              UnorderedElementsAre(silver, member));
  EXPECT_THAT(ListGuests("member", "organizations/default/hotels/lisbon"),
              ElementsAre(member));
  // A tier the program lacks is a mistake to say, not an empty list.
  v1::ListGuestsRequest unknown;
  unknown.set_parent("organizations/default");
  unknown.set_tier("diamond");
  v1::ListGuestsResponse none;
  const grpc::Status refused = stub_->ListGuests(Admin().get(), unknown, &none);
  EXPECT_THAT(refused, GrpcCodeIs(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(ViolatedFields(refused), ElementsAre("tier"));

  std::vector<std::string> paged;
  std::string token;
  do {
    v1::ListGuestsRequest request;
    request.set_parent("organizations/default");
    request.set_page_size(2);
    request.set_page_token(token);
    v1::ListGuestsResponse response;
    ASSERT_TRUE(stub_->ListGuests(Admin().get(), request, &response).ok());
    for (const v1::Guest& guest : response.guests()) {
      paged.push_back(guest.name());
    }
    token = response.next_page_token();
  } while (!token.empty());
  EXPECT_THAT(paged, UnorderedElementsAre(gold, silver, member));
}

TEST_F(LoyaltyServiceTest, OrganizationsSeeOnlyTheirOwnGuests) {
  const std::string ana = NewGuest({Email("ana@example.com")});
  const std::string other_key = server_.CreateOrganizationWithKey(
      "other", {v1::SCOPE_LOYALTY_READ, v1::SCOPE_LOYALTY_WRITE});
  v1::Guest found;
  EXPECT_THAT(Lookup(Email("ana@example.com"), &found, other_key,
                     "organizations/other"),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
  v1::GetGuestRequest get;
  get.set_name(ana);
  EXPECT_THAT(
      stub_->GetGuest(TestServer::Context(other_key).get(), get, &found),
      GrpcCodeIs(grpc::StatusCode::NOT_FOUND));

  // The same address may be another organization's guest too.
  v1::CreateGuestRequest create;
  create.set_parent("organizations/other");
  create.mutable_guest();
  *create.add_identities() = Email("ana@example.com");
  v1::Guest theirs;
  ASSERT_TRUE(
      stub_->CreateGuest(TestServer::Context(other_key).get(), create, &theirs)
          .ok());
  ASSERT_TRUE(Lookup(Email("ana@example.com"), &found).ok());
  EXPECT_EQ(found.name(), ana);
}

TEST_F(LoyaltyServiceTest, ConcurrentWritersForOneGuestAreAllCounted) {
  const std::string guest = NewGuest();
  constexpr int kThreads = 6;
  constexpr int kStaysEach = 5;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto stub = v1::LoyaltyService::NewStub(server_.channel());
      for (int i = 0; i < kStaysEach; ++i) {
        v1::Stay stay;
        const grpc::Status status = stub->RecordStay(
            TestServer::Context(server_.admin_key()).get(),
            // Nights of their own: each night counts once.
            StayRequest(guest, absl::StrCat("T", t, "-", i),
                        Date(2025, 11, 1 + t * kStaysEach + i), 1),
            &stay);
        EXPECT_TRUE(status.ok()) << status.error_message();
      }
      v1::LinkIdentityRequest link;
      link.set_guest(guest);
      *link.mutable_identity() = Email(absl::StrCat("ana", t, "@example.com"));
      v1::Guest linked;
      EXPECT_TRUE(
          stub->LinkIdentity(TestServer::Context(server_.admin_key()).get(),
                             link, &linked)
              .ok());
    });
  }
  for (std::thread& thread : threads) thread.join();
  const v1::LoyaltyStatus status = Status(guest);
  EXPECT_EQ(status.qualifying_stays(), kThreads * kStaysEach);
  EXPECT_EQ(status.qualifying_nights(), kThreads * kStaysEach);
  v1::Guest result;
  ASSERT_TRUE(GetGuest(guest, &result).ok());
  EXPECT_EQ(result.identities_size(), kThreads) << "no link was lost";
}

TEST_F(LoyaltyServiceTest, ProgramDefaultsUntilUpdated) {
  v1::GetLoyaltyProgramRequest get;
  get.set_name("organizations/default/loyaltyProgram");
  v1::LoyaltyProgram program;
  ASSERT_TRUE(stub_->GetLoyaltyProgram(Admin().get(), get, &program).ok());
  EXPECT_EQ(program.name(), "organizations/default/loyaltyProgram");
  ASSERT_EQ(program.tiers_size(), 4);
  EXPECT_EQ(program.tiers(1).tier_id(), "silver");

  const std::string guest = NewGuest();
  Stay(guest, "P-1", Date(2025, 12, 1), 5);
  EXPECT_EQ(Status(guest).tier(), "member");

  v1::UpdateLoyaltyProgramRequest update;
  update.mutable_loyalty_program()->set_name(program.name());
  *update.mutable_loyalty_program()->mutable_tiers() = program.tiers();
  update.mutable_loyalty_program()->mutable_tiers(1)->set_min_nights(5);
  update.mutable_update_mask()->add_paths("tiers");
  v1::LoyaltyProgram updated;
  ASSERT_TRUE(
      stub_->UpdateLoyaltyProgram(Admin().get(), update, &updated).ok());
  EXPECT_EQ(updated.tiers(1).min_nights(), 5);
  EXPECT_EQ(Status(guest).tier(), "silver")
      << "status follows the program in force";

  update.mutable_loyalty_program()->mutable_tiers(2)->set_min_nights(5);
  const grpc::Status invalid =
      stub_->UpdateLoyaltyProgram(Admin().get(), update, &updated);
  EXPECT_THAT(invalid,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(invalid),
              Contains("loyalty_program.tiers[2].min_nights"));
  ASSERT_TRUE(stub_->GetLoyaltyProgram(Admin().get(), get, &program).ok());
  EXPECT_EQ(program.tiers(2).min_nights(), 25) << "nothing changed";

  update.mutable_loyalty_program()->mutable_tiers(1)->set_min_nights(10);
  update.mutable_loyalty_program()->mutable_tiers(2)->set_min_nights(25);
  ASSERT_TRUE(
      stub_->UpdateLoyaltyProgram(Admin().get(), update, &updated).ok());
  EXPECT_EQ(Status(guest).tier(), "member")
      << "a status read after the second update follows it, not the first";
}

TEST_F(LoyaltyServiceTest, ProgramUpdateThatChangesNothingIsRefused) {
  v1::UpdateLoyaltyProgramRequest update;
  update.mutable_loyalty_program()->set_name(
      "organizations/default/loyaltyProgram");
  v1::LoyaltyProgram updated;
  const grpc::Status status =
      stub_->UpdateLoyaltyProgram(Admin().get(), update, &updated);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status), ElementsAre("update_mask"));
}

TEST_F(LoyaltyServiceTest, ManualTierIsAFloor) {
  const std::string guest = NewGuest();
  Stay(guest, "F-1", Date(2025, 12, 1), 10);
  v1::SetManualTierRequest request;
  request.set_guest(guest);
  request.set_tier("platinum");
  v1::LoyaltyStatus status;
  ASSERT_TRUE(stub_->SetManualTier(Admin().get(), request, &status).ok());
  EXPECT_EQ(status.tier(), "platinum");
  EXPECT_EQ(status.manual_tier(), "platinum");
  EXPECT_EQ(Status(guest, Date(2026, 1, 14)).tier(), "silver")
      << "the floor applies from its effective date (today) on";

  request.set_tier("diamond");
  EXPECT_THAT(stub_->SetManualTier(Admin().get(), request, &status),
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  request.set_tier("");
  ASSERT_TRUE(stub_->SetManualTier(Admin().get(), request, &status).ok());
  EXPECT_EQ(status.tier(), "silver");
}

}  // namespace
}  // namespace guestvoice
