// Hotels on a store of their own: create (with request-id replay), get, list,
// update masks and delete, each confined to the caller's organization.

#include "service/tenancy/hotels.h"

#include <functional>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"
#include "tests/service/tenancy/tenancy_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::UnorderedElementsAre;

class HotelsTest : public TenancyFixture {
 protected:
  static v1::CreateHotelRequest CreateRequest(const std::string& hotel_id) {
    v1::CreateHotelRequest request;
    request.set_parent("organizations/acme");
    request.set_hotel_id(hotel_id);
    request.mutable_hotel()->set_display_name("Riverside " + hotel_id);
    request.mutable_hotel()->set_time_zone("Europe/Lisbon");
    request.mutable_hotel()->set_region_code("PT");
    request.mutable_hotel()->set_locality("Lisbon");
    return request;
  }

  absl::Status Create(const v1::CreateHotelRequest& request,
                      v1::Hotel* hotel = nullptr) {
    v1::Hotel ignored;
    return hotels().Create(acme_admin_, request,
                           hotel != nullptr ? *hotel : ignored);
  }

  absl::StatusOr<v1::Hotel> Get(const std::string& name,
                                const Principal& caller) {
    v1::GetHotelRequest request;
    request.set_name(name);
    v1::Hotel hotel;
    RETURN_IF_ERROR(hotels().Get(caller, request, hotel));
    return hotel;
  }

  // The names of every hotel of acme, walking pages of `page_size`.
  std::vector<std::string> ListAll(int page_size) {
    v1::ListHotelsRequest request;
    request.set_parent("organizations/acme");
    request.set_page_size(page_size);
    std::vector<std::string> names;
    do {
      v1::ListHotelsResponse response;
      EXPECT_OK(hotels().List(acme_admin_, request, response));
      for (const v1::Hotel& hotel : response.hotels()) {
        names.push_back(hotel.name());
      }
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return names;
  }

  absl::StatusOr<v1::Hotel> Update(const v1::Hotel& hotel,
                                   std::vector<std::string> paths) {
    v1::UpdateHotelRequest request;
    *request.mutable_hotel() = hotel;
    for (std::string& path : paths) {
      request.mutable_update_mask()->add_paths(std::move(path));
    }
    v1::Hotel updated;
    RETURN_IF_ERROR(hotels().Update(acme_admin_, request, updated));
    return updated;
  }

  // Creating a hotel with `set_bad` applied, and updating an existing one
  // with it (`path` in the mask), are both refused naming hotel.`path`, and
  // leave the hotels as they were.
  void ExpectRefusedAndNothingChanges(
      const std::string& path, const std::function<void(v1::Hotel&)>& set_bad,
      const std::string& what) {
    SCOPED_TRACE(what);
    const std::vector<std::string> before = ListAll(0);
    ASSERT_OK_AND_ASSIGN(const v1::Hotel existing,
                         Get("organizations/acme/hotels/keep", acme_admin_));
    v1::CreateHotelRequest create = CreateRequest("refused");
    set_bad(*create.mutable_hotel());
    const absl::Status created = Create(create);
    EXPECT_THAT(created, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(ViolatedFields(created), ElementsAre("hotel." + path));
    v1::Hotel change;
    change.set_name(existing.name());
    set_bad(change);
    const absl::Status updated = Update(change, {path}).status();
    EXPECT_THAT(updated, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(ViolatedFields(updated), ElementsAre("hotel." + path));
    EXPECT_EQ(ListAll(0), before);
    ASSERT_OK_AND_ASSIGN(const v1::Hotel after,
                         Get(existing.name(), acme_admin_));
    EXPECT_EQ(after.SerializeAsString(), existing.SerializeAsString());
  }

  Hotels hotels() { return Hotels(domain()); }

  const Principal acme_admin_ = Caller("acme", {v1::SCOPE_ADMIN});
  const Principal globex_admin_ = Caller("globex", {v1::SCOPE_ADMIN});
};

TEST_F(HotelsTest, CreateThenGetReturnsTheStoredHotel) {
  v1::Hotel created;
  ASSERT_OK(Create(CreateRequest("lisbon"), &created));
  EXPECT_EQ(created.name(), "organizations/acme/hotels/lisbon");
  EXPECT_EQ(created.display_name(), "Riverside lisbon");
  EXPECT_EQ(FromProtoTimestamp(created.create_time()), clock_.Now());
  EXPECT_EQ(FromProtoTimestamp(created.update_time()), clock_.Now());

  ASSERT_OK_AND_ASSIGN(v1::Hotel fetched, Get(created.name(), acme_admin_));
  EXPECT_EQ(fetched.SerializeAsString(), created.SerializeAsString());
}

TEST_F(HotelsTest, CreateWithoutAnIdGeneratesOne) {
  v1::Hotel created;
  ASSERT_OK(Create(CreateRequest(""), &created));
  EXPECT_THAT(created.name(),
              MatchesRegex("organizations/acme/hotels/[a-z][a-z0-9]{19}"));
}

TEST_F(HotelsTest, CreatingAnExistingIdIsAlreadyExists) {
  ASSERT_OK(Create(CreateRequest("porto")));
  EXPECT_THAT(Create(CreateRequest("porto")),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(HotelsTest, ARetryWithTheSameRequestIdReplaysTheFirstResult) {
  v1::CreateHotelRequest request = CreateRequest("");
  request.set_request_id("5b0f3c2e-8d0e-4c61-a0a4-7c2b0b1d9f00");
  v1::Hotel first;
  v1::Hotel second;
  ASSERT_OK(Create(request, &first));
  clock_.Advance(absl::Minutes(1));
  ASSERT_OK(Create(request, &second));
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  EXPECT_THAT(ListAll(0), ElementsAre(first.name()));

  v1::CreateHotelRequest other = CreateRequest("braga");
  other.set_request_id(request.request_id());
  EXPECT_THAT(Create(other), StatusIs(absl::StatusCode::kInvalidArgument,
                                      HasSubstr("already used")));
  EXPECT_THAT(ListAll(0), ElementsAre(first.name()));
}

TEST_F(HotelsTest, EveryBadFieldIsReportedAndNothingIsStored) {
  v1::CreateHotelRequest request = CreateRequest("Bad_Id");
  request.set_parent("acme");
  request.set_request_id(std::string(200, 'r'));
  request.mutable_hotel()->set_display_name("");
  request.mutable_hotel()->set_time_zone("Mars/Olympus");
  request.mutable_hotel()->set_region_code("portugal");
  request.mutable_hotel()->set_locality(std::string(201, 'l'));
  const absl::Status status = Create(request);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      ViolatedFields(status),
      ElementsAre("parent", "hotel_id", "hotel.display_name", "hotel.time_zone",
                  "hotel.region_code", "hotel.locality", "request_id"));
  EXPECT_THAT(ListAll(0), IsEmpty());
}

TEST_F(HotelsTest, RegionCodesOutsideIso3166AreRefused) {
  ASSERT_OK(Create(CreateRequest("keep")));
  // Unknown or user-assigned (ZZ, XK), exceptionally reserved (UK, EU, UN),
  // withdrawn (AN, YU).
  for (const char* code : {"ZZ", "UK", "EU", "UN", "XK", "AN", "YU"}) {
    ExpectRefusedAndNothingChanges(
        "region_code", [&](v1::Hotel& hotel) { hotel.set_region_code(code); },
        code);
  }
  for (const char* code : {"GB", "PT", "AQ", "SS", "ZW", "AD"}) {
    v1::CreateHotelRequest request = CreateRequest("ok-" + std::string(code));
    for (char& c : *request.mutable_hotel_id()) c = absl::ascii_tolower(c);
    request.mutable_hotel()->set_region_code(code);
    EXPECT_OK(Create(request)) << code;
  }
}

TEST_F(HotelsTest, TimeZonesOfNoPlaceAreRefused) {
  ASSERT_OK(Create(CreateRequest("keep")));
  for (const char* zone :
       {"Factory", "posixrules", "localtime", "posix/Europe/Lisbon",
        "right/Europe/Lisbon", "Etc/Unknown", "EST5EDT"}) {
    ExpectRefusedAndNothingChanges(
        "time_zone", [&](v1::Hotel& hotel) { hotel.set_time_zone(zone); },
        zone);
  }
}

TEST_F(HotelsTest, BlankNamesAndLocalitiesAreRefused) {
  ASSERT_OK(Create(CreateRequest("keep")));
  for (const char* blank : {" ", "   ", "\t", "\u00A0\u3000", "\u200B"}) {
    ExpectRefusedAndNothingChanges(
        "display_name",
        [&](v1::Hotel& hotel) { hotel.set_display_name(blank); }, blank);
    ExpectRefusedAndNothingChanges(
        "locality", [&](v1::Hotel& hotel) { hotel.set_locality(blank); },
        blank);
  }
}

TEST_F(HotelsTest, ListWalksEveryHotelOnceInPages) {
  std::set<std::string> created;
  for (int i = 0; i < 7; ++i) {
    v1::Hotel hotel;
    ASSERT_OK(Create(CreateRequest("h" + std::to_string(i)), &hotel));
    created.insert(hotel.name());
  }
  const std::vector<std::string> listed = ListAll(3);
  EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), created);
  EXPECT_EQ(listed.size(), created.size());
}

TEST_F(HotelsTest, AnotherOrganizationsHotelsAreNotFound) {
  v1::Hotel created;
  ASSERT_OK(Create(CreateRequest("faro"), &created));

  EXPECT_THAT(Get(created.name(), globex_admin_),
              StatusIs(absl::StatusCode::kNotFound));
  v1::ListHotelsRequest list;
  list.set_parent("organizations/acme");
  v1::ListHotelsResponse listed;
  EXPECT_THAT(hotels().List(globex_admin_, list, listed),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(listed.hotels(), IsEmpty());
  v1::Hotel ignored;
  EXPECT_THAT(hotels().Create(globex_admin_, CreateRequest("tavira"), ignored),
              StatusIs(absl::StatusCode::kNotFound));
  v1::UpdateHotelRequest update;
  update.mutable_hotel()->set_name(created.name());
  update.mutable_hotel()->set_display_name("Taken over");
  EXPECT_THAT(hotels().Update(globex_admin_, update, ignored),
              StatusIs(absl::StatusCode::kNotFound));
  v1::DeleteHotelRequest remove;
  remove.set_name(created.name());
  EXPECT_THAT(hotels().Delete(globex_admin_, remove),
              StatusIs(absl::StatusCode::kNotFound));

  ASSERT_OK_AND_ASSIGN(v1::Hotel fetched, Get(created.name(), acme_admin_));
  EXPECT_EQ(fetched.SerializeAsString(), created.SerializeAsString());
}

TEST_F(HotelsTest, UpdateChangesOnlyTheMaskedFields) {
  v1::Hotel created;
  ASSERT_OK(Create(CreateRequest("cascais"), &created));
  clock_.Advance(absl::Hours(1));
  v1::Hotel change;
  change.set_name(created.name());
  change.set_display_name("Cascais Bay");
  change.set_time_zone("Atlantic/Azores");
  ASSERT_OK_AND_ASSIGN(v1::Hotel updated,
                       Update(change, {"display_name", "locality"}));
  EXPECT_EQ(updated.display_name(), "Cascais Bay");
  EXPECT_EQ(updated.time_zone(), "Europe/Lisbon");
  EXPECT_EQ(updated.locality(), "") << "masked and empty: cleared";
  EXPECT_EQ(updated.region_code(), "PT");
  EXPECT_EQ(updated.create_time().seconds(), created.create_time().seconds());
  EXPECT_EQ(FromProtoTimestamp(updated.update_time()), clock_.Now());

  ASSERT_OK_AND_ASSIGN(v1::Hotel fetched, Get(created.name(), acme_admin_));
  EXPECT_EQ(fetched.SerializeAsString(), updated.SerializeAsString());
}

TEST_F(HotelsTest, AnEmptyMaskChangesTheFieldsThatAreSet) {
  ASSERT_OK(Create(CreateRequest("sintra")));
  v1::Hotel change;
  change.set_name("organizations/acme/hotels/sintra");
  change.set_time_zone("Europe/Madrid");
  ASSERT_OK_AND_ASSIGN(v1::Hotel updated, Update(change, {}));
  EXPECT_EQ(updated.time_zone(), "Europe/Madrid");
  EXPECT_EQ(updated.display_name(), "Riverside sintra");
  EXPECT_EQ(updated.locality(), "Lisbon");
}

TEST_F(HotelsTest, AStarReplacesEveryMutableField) {
  ASSERT_OK(Create(CreateRequest("obidos")));
  v1::Hotel change;
  change.set_name("organizations/acme/hotels/obidos");
  change.set_display_name("Castle Inn");
  change.set_time_zone("UTC");
  ASSERT_OK_AND_ASSIGN(v1::Hotel updated, Update(change, {"*"}));
  EXPECT_EQ(updated.display_name(), "Castle Inn");
  EXPECT_EQ(updated.time_zone(), "UTC");
  EXPECT_EQ(updated.region_code(), "");
  EXPECT_EQ(updated.locality(), "");
}

TEST_F(HotelsTest, BadMasksAndBadValuesChangeNothing) {
  v1::Hotel created;
  ASSERT_OK(Create(CreateRequest("evora"), &created));
  v1::Hotel change;
  change.set_name(created.name());
  change.set_time_zone("Nowhere/Land");

  absl::StatusOr<v1::Hotel> updated = Update(change, {"time_zone"});
  EXPECT_THAT(ViolatedFields(updated.status()), ElementsAre("hotel.time_zone"));
  updated = Update(change, {"display_name"});  // "" for a required field
  EXPECT_THAT(ViolatedFields(updated.status()),
              ElementsAre("hotel.display_name"));
  updated = Update(change, {"create_time", "time_zone"});
  EXPECT_THAT(updated,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("update_mask: \"create_time\" is not a "
                                 "mutable hotel field (use display_name, "
                                 "time_zone, region_code, locality or *)")));
  EXPECT_THAT(ViolatedFields(updated.status()), ElementsAre("update_mask"));

  ASSERT_OK_AND_ASSIGN(v1::Hotel fetched, Get(created.name(), acme_admin_));
  EXPECT_EQ(fetched.SerializeAsString(), created.SerializeAsString());
}

TEST_F(HotelsTest, UpdatingAnUnknownHotelIsNotFound) {
  v1::Hotel change;
  change.set_name("organizations/acme/hotels/nowhere");
  change.set_display_name("Nowhere");
  EXPECT_THAT(Update(change, {}), StatusIs(absl::StatusCode::kNotFound));
  change.set_name("hotels/nowhere");
  EXPECT_THAT(ViolatedFields(Update(change, {}).status()),
              ElementsAre("hotel.name"));
}

TEST_F(HotelsTest, DeleteRemovesTheHotelOnce) {
  ASSERT_OK(Create(CreateRequest("tavira")));
  v1::DeleteHotelRequest request;
  request.set_name("organizations/acme/hotels/tavira");
  ASSERT_OK(hotels().Delete(acme_admin_, request));
  EXPECT_THAT(Get(request.name(), acme_admin_),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(hotels().Delete(acme_admin_, request),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(HotelsTest, MalformedNamesAreViolations) {
  for (const std::string& name :
       std::vector<std::string>{"", "hotels/x", "organizations/acme/hotels/",
                                "organizations/acme/hotels/X"}) {
    EXPECT_THAT(ViolatedFields(Get(name, acme_admin_).status()),
                ElementsAre("name"))
        << name;
  }
}

}  // namespace
}  // namespace guestvoice::service
