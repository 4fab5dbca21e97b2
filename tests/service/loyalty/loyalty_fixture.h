#ifndef GUESTVOICE_TESTS_SERVICE_LOYALTY_LOYALTY_FIXTURE_H_
#define GUESTVOICE_TESTS_SERVICE_LOYALTY_LOYALTY_FIXTURE_H_

// Shared by the tests of the loyalty domain classes: the domain test
// (tests/testing/domain_fixture.h) with organization "acme"'s hotels lisbon
// (Europe/Lisbon) and tokyo (Asia/Tokyo), and requests for typical guests,
// stays and check-ins.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/core/principal.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "service/loyalty/check_ins.h"
#include "service/loyalty/guests.h"
#include "service/loyalty/loyalty_programs.h"
#include "service/loyalty/loyalty_statuses.h"
#include "service/loyalty/stays.h"
#include "tests/testing/domain_fixture.h"
#include "tests/testing/status_details.h"

namespace guestvoice::service {

inline v1::Identity Email(std::string value) {
  v1::Identity identity;
  identity.set_kind(v1::IDENTITY_KIND_EMAIL);
  identity.set_value(std::move(value));
  return identity;
}

inline v1::Identity Phone(std::string value) {
  v1::Identity identity;
  identity.set_kind(v1::IDENTITY_KIND_PHONE);
  identity.set_value(std::move(value));
  return identity;
}

inline v1::Identity Handle(v1::Source source, std::string value) {
  v1::Identity identity;
  identity.set_kind(v1::IDENTITY_KIND_HANDLE);
  identity.set_source(source);
  identity.set_value(std::move(value));
  return identity;
}

class LoyaltyFixture : public testing::DomainTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(DomainTest::SetUp());
    PutHotel("acme", "lisbon", "Europe/Lisbon");
    PutHotel("acme", "tokyo", "Asia/Tokyo");
  }

  Guests guests() { return Guests(domain()); }
  Stays stays() { return Stays(domain()); }
  CheckIns check_ins() { return CheckIns(domain()); }
  LoyaltyPrograms programs() { return LoyaltyPrograms(domain()); }
  LoyaltyStatuses statuses() { return LoyaltyStatuses(domain()); }

  static std::string Hotel(const std::string& id) {
    return std::string(kAcme) + "/hotels/" + id;
  }

  static v1::CreateGuestRequest CreateRequest(
      const std::vector<v1::Identity>& identities,
      const std::string& request_id = "") {
    v1::CreateGuestRequest request;
    request.set_parent(kAcme);
    request.mutable_guest()->set_display_name("Ana Silva");
    for (const v1::Identity& identity : identities) {
      *request.add_identities() = identity;
    }
    request.set_request_id(request_id);
    return request;
  }

  // The name of a new guest of acme holding `identities`.
  std::string NewGuest(const std::vector<v1::Identity>& identities = {}) {
    v1::Guest guest;
    const absl::Status status =
        guests().Create(acme_, CreateRequest(identities), guest);
    EXPECT_TRUE(status.ok()) << status;
    return guest.name();
  }

  // The guest `name`, or its error.
  absl::Status GetGuest(const std::string& name, v1::Guest* guest = nullptr) {
    v1::GetGuestRequest request;
    request.set_name(name);
    v1::Guest ignored;
    return guests().Get(acme_, request, guest != nullptr ? *guest : ignored);
  }

  // The guest of acme holding `identity`, or its error.
  absl::Status Lookup(const v1::Identity& identity,
                      v1::Guest* guest = nullptr) {
    v1::LookupGuestRequest request;
    request.set_parent(kAcme);
    *request.mutable_identity() = identity;
    v1::Guest ignored;
    return guests().Lookup(acme_, request, guest != nullptr ? *guest : ignored);
  }

  // The names of acme's guests, of those who stayed at `hotel` when given.
  std::vector<std::string> ListGuests(const std::string& hotel = "") {
    v1::ListGuestsRequest request;
    request.set_parent(kAcme);
    request.set_hotel(hotel);
    v1::ListGuestsResponse response;
    const absl::Status status = guests().List(acme_, request, response);
    EXPECT_TRUE(status.ok()) << status;
    std::vector<std::string> names;
    for (const v1::Guest& guest : response.guests()) {
      names.push_back(guest.name());
    }
    return names;
  }

  // A stay of `nights` nights from `arrival` paying 100 USD a night.
  static v1::RecordStayRequest StayRequest(
      const std::string& guest, const std::string& booking,
      absl::CivilDay arrival, int nights, const std::string& hotel = "lisbon") {
    v1::RecordStayRequest request;
    request.set_parent(guest);
    v1::Stay& stay = *request.mutable_stay();
    stay.set_hotel(Hotel(hotel));
    *stay.mutable_arrival_date() = ToProtoDate(arrival);
    stay.set_nights(nights);
    stay.set_booking_reference(booking);
    stay.mutable_qualifying_spend()->set_currency_code("USD");
    stay.mutable_qualifying_spend()->set_units(100 * nights);
    return request;
  }

  v1::Stay RecordStay(const v1::RecordStayRequest& request) {
    v1::Stay stay;
    const absl::Status status = stays().Record(acme_, request, stay);
    EXPECT_TRUE(status.ok()) << status;
    return stay;
  }

  // A check-in at tokyo's bar, reported by Foursquare.
  static v1::RecordCheckInRequest CheckInRequest(const std::string& guest,
                                                 const std::string& external_id,
                                                 absl::Time when) {
    v1::RecordCheckInRequest request;
    request.set_parent(guest);
    v1::CheckIn& check_in = *request.mutable_check_in();
    check_in.set_hotel(Hotel("tokyo"));
    check_in.set_outlet(v1::OUTLET_BAR);
    check_in.set_source(v1::SOURCE_FOURSQUARE);
    check_in.set_external_id(external_id);
    *check_in.mutable_check_in_time() = ToProtoTimestamp(when);
    return request;
  }

  v1::CheckIn RecordCheckIn(const v1::RecordCheckInRequest& request) {
    v1::CheckIn check_in;
    const absl::Status status = check_ins().Record(acme_, request, check_in);
    EXPECT_TRUE(status.ok()) << status;
    return check_in;
  }

  // The guest's status on `as_of`, today when unset.
  v1::LoyaltyStatus StatusOf(const std::string& guest,
                             std::optional<absl::CivilDay> as_of = {}) {
    v1::GetLoyaltyStatusRequest request;
    request.set_guest(guest);
    if (as_of.has_value()) *request.mutable_as_of_date() = ToProtoDate(*as_of);
    v1::LoyaltyStatus status;
    const absl::Status result = statuses().Get(acme_, request, status);
    EXPECT_TRUE(result.ok()) << result;
    return status;
  }
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_TESTS_SERVICE_LOYALTY_LOYALTY_FIXTURE_H_
