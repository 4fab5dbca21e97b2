// Insight scopes: which names each request takes, and the hotels (with
// their time zones) a scope loads for its caller.

#include "service/insights/scope.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/hotel.pb.h"
#include "service/core/resource_names.h"
#include "storage/keys.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;

constexpr char kEither[] =
    "must be organizations/{organization} or "
    "organizations/{organization}/hotels/{hotel}";

struct Parsed {
  std::optional<ScopeName> name;
  absl::Status status;
};

Parsed Parse(const std::string& name, bool allow_organization,
             bool allow_hotel) {
  FieldViolations violations;
  Parsed parsed;
  parsed.name = ParseScopeName(violations, "scope", name, allow_organization,
                               allow_hotel);
  parsed.status = violations.ToStatus();
  return parsed;
}

TEST(ParseScopeNameTest, TakesEitherFormWhenBothAreAllowed) {
  Parsed hotel = Parse("organizations/acme/hotels/lisbon", true, true);
  ASSERT_THAT(hotel.status, IsOk());
  ASSERT_TRUE(hotel.name.has_value());
  EXPECT_EQ(hotel.name->organization, "acme");
  EXPECT_EQ(hotel.name->hotel, "lisbon");
  EXPECT_EQ(hotel.name->resource_name, "organizations/acme/hotels/lisbon");

  Parsed organization = Parse("organizations/acme", true, true);
  ASSERT_THAT(organization.status, IsOk());
  ASSERT_TRUE(organization.name.has_value());
  EXPECT_EQ(organization.name->organization, "acme");
  EXPECT_EQ(organization.name->hotel, std::nullopt);
  EXPECT_EQ(organization.name->resource_name, "organizations/acme");

  for (const char* bad :
       {"", "acme", "hotels/lisbon", "organizations/Acme",
        "organizations/acme/hotels", "organizations/acme/guests/ana"}) {
    Parsed parsed = Parse(bad, true, true);
    EXPECT_EQ(parsed.name, std::nullopt) << bad;
    EXPECT_THAT(parsed.status,
                StatusIs(absl::StatusCode::kInvalidArgument,
                         std::string("invalid request: scope: ") + kEither))
        << bad;
  }
}

TEST(ParseScopeNameTest, AHotelOnlyScopeRefusesAnOrganization) {
  Parsed parsed = Parse("organizations/acme", false, true);
  EXPECT_EQ(parsed.name, std::nullopt);
  EXPECT_THAT(parsed.status, StatusIs(absl::StatusCode::kInvalidArgument,
                                      "invalid request: scope: expected "
                                      "organizations/{id}/hotels/{id}"));
  EXPECT_TRUE(
      Parse("organizations/acme/hotels/lisbon", false, true).name.has_value());
}

TEST(ParseScopeNameTest, AnOrganizationOnlyScopeRefusesAHotel) {
  Parsed parsed = Parse("organizations/acme/hotels/lisbon", true, false);
  EXPECT_EQ(parsed.name, std::nullopt);
  EXPECT_THAT(parsed.status,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: scope: expected organizations/{id}"));
  EXPECT_TRUE(Parse("organizations/acme", true, false).name.has_value());
}

class LoadScopeTest : public testing::FeedbackDomainFixture {
 protected:
  absl::StatusOr<InsightScope> Load(const Principal& caller,
                                    const std::string& name) {
    const Parsed parsed = Parse(name, true, true);
    EXPECT_THAT(parsed.status, IsOk());
    return LoadScope(caller, *store_, parsed.name.value());
  }

  void PutRecord(const std::string& organization, const std::string& hotel,
                 const std::string& bytes) {
    storage::WriteBatch batch;
    batch.Put(storage::ColumnFamily::kEntities,
              storage::HotelKey(organization, hotel), bytes);
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  void PutHotelIn(const std::string& organization, const std::string& hotel,
                  const std::string& time_zone) {
    v1::Hotel record;
    record.set_name(FormatHotelName(organization, hotel));
    record.set_time_zone(time_zone);
    PutRecord(organization, hotel, record.SerializeAsString());
  }

  static std::vector<std::string> Names(const InsightScope& scope) {
    std::vector<std::string> names;
    for (const ScopeHotel& hotel : scope.hotels) names.push_back(hotel.name);
    return names;
  }
};

TEST_F(LoadScopeTest, AHotelScopeIsThatHotelInItsTimeZone) {
  ASSERT_OK_AND_ASSIGN(InsightScope scope,
                       Load(acme_, "organizations/acme/hotels/tokyo"));
  EXPECT_EQ(scope.organization, "acme");
  EXPECT_FALSE(scope.whole_organization);
  ASSERT_EQ(scope.hotels.size(), 1u);
  EXPECT_EQ(scope.hotels[0].id, "tokyo");
  EXPECT_EQ(scope.hotels[0].name, "organizations/acme/hotels/tokyo");
  EXPECT_EQ(scope.hotels[0].zone.name(), "Asia/Tokyo");
}

TEST_F(LoadScopeTest, AnOrganizationScopeIsEveryHotelByName) {
  // Stored keys put "tokyo" (shorter) before "lisbon": the scope sorts.
  PutHotelIn("acme", "faro", "Europe/Lisbon");
  ASSERT_OK_AND_ASSIGN(InsightScope scope, Load(acme_, "organizations/acme"));
  EXPECT_EQ(scope.organization, "acme");
  EXPECT_TRUE(scope.whole_organization);
  EXPECT_THAT(Names(scope), ElementsAre("organizations/acme/hotels/faro",
                                        "organizations/acme/hotels/lisbon",
                                        "organizations/acme/hotels/tokyo"));
  EXPECT_EQ(scope.hotels[0].id, "faro");
  EXPECT_EQ(scope.hotels[1].zone.name(), "Europe/Lisbon");
  EXPECT_EQ(scope.hotels[2].zone.name(), "Asia/Tokyo");

  ASSERT_OK_AND_ASSIGN(InsightScope rival, Load(rival_, "organizations/rival"));
  EXPECT_THAT(Names(rival), ElementsAre("organizations/rival/hotels/porto"));
}

TEST_F(LoadScopeTest, AnOrganizationWithoutHotelsHasAnEmptyScope) {
  const Principal zeta{"zeta", "organizations/zeta/apiKeys/z", {}};
  ASSERT_OK_AND_ASSIGN(InsightScope scope, Load(zeta, "organizations/zeta"));
  EXPECT_TRUE(scope.whole_organization);
  EXPECT_TRUE(scope.hotels.empty());
}

TEST_F(LoadScopeTest, AnotherTenantsOrAnUnknownHotelIsNotFound) {
  EXPECT_THAT(Load(rival_, "organizations/acme/hotels/lisbon"),
              StatusIs(absl::StatusCode::kNotFound,
                       "organizations/acme/hotels/lisbon not found"));
  EXPECT_THAT(
      Load(rival_, "organizations/acme"),
      StatusIs(absl::StatusCode::kNotFound, "organizations/acme not found"));
  EXPECT_THAT(Load(acme_, "organizations/rival/hotels/porto"),
              StatusIs(absl::StatusCode::kNotFound,
                       "organizations/rival/hotels/porto not found"));
  EXPECT_THAT(Load(acme_, "organizations/acme/hotels/porto"),
              StatusIs(absl::StatusCode::kNotFound,
                       "organizations/acme/hotels/porto not found"));
}

TEST_F(LoadScopeTest, AZoneTheSystemNoLongerKnowsIsAnInternalError) {
  PutHotelIn("acme", "atlantis", "Atlantic/Atlantis");
  EXPECT_THAT(Load(acme_, "organizations/acme/hotels/atlantis"),
              StatusIs(absl::StatusCode::kInternal,
                       "the time zone Atlantic/Atlantis of "
                       "organizations/acme/hotels/atlantis is not in the "
                       "system's tzdata"));
  EXPECT_THAT(Load(acme_, "organizations/acme"),
              StatusIs(absl::StatusCode::kInternal));
}

TEST_F(LoadScopeTest, AnUnreadableHotelIsDataLoss) {
  PutRecord("acme", "broken", "\xff\xff");
  EXPECT_THAT(Load(acme_, "organizations/acme"),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(Load(acme_, "organizations/acme/hotels/broken"),
              StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace guestvoice::service
