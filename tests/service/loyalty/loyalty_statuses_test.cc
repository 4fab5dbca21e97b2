// LoyaltyStatuses on a store of its own, without a server: the status on a
// date and manual tiers as a floor.

#include "service/loyalty/loyalty_statuses.h"

#include <string>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/loyalty/loyalty_programs.h"
#include "service/loyalty/program.h"
#include "tests/service/loyalty/loyalty_fixture.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::ViolatedFields;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

class LoyaltyStatusesTest : public LoyaltyFixture {
 protected:
  absl::Status SetManualTier(const std::string& guest, const std::string& tier,
                             absl::CivilDay effective,
                             v1::LoyaltyStatus* status = nullptr) {
    v1::SetManualTierRequest request;
    request.set_guest(guest);
    request.set_tier(tier);
    *request.mutable_effective_date() = ToProtoDate(effective);
    v1::LoyaltyStatus ignored;
    return statuses().SetManualTier(acme_, request,
                                    status != nullptr ? *status : ignored);
  }
};

TEST_F(LoyaltyStatusesTest, AManualTierIsAFloorFromItsEffectiveDay) {
  const std::string ana = NewGuest();
  v1::LoyaltyStatus status;
  ASSERT_THAT(SetManualTier(ana, "gold", absl::CivilDay(2026, 1, 10), &status),
              IsOk());
  EXPECT_EQ(status.tier(), "gold");
  EXPECT_EQ(status.manual_tier(), "gold");
  EXPECT_EQ(FromProtoDate(status.as_of_date()), absl::CivilDay(2026, 1, 10));
  EXPECT_EQ(StatusOf(ana, absl::CivilDay(2026, 1, 9)).tier(), "member");
  EXPECT_EQ(StatusOf(ana).tier(), "gold");

  ASSERT_THAT(SetManualTier(ana, "", absl::CivilDay(2026, 1, 12), &status),
              IsOk());
  EXPECT_EQ(status.manual_tier(), "");
  EXPECT_EQ(StatusOf(ana, absl::CivilDay(2026, 1, 11)).tier(), "gold")
      << "the past stays as it was";
}

TEST_F(LoyaltyStatusesTest, AManualTierTheProgramNoLongerHasIsNoFloor) {
  const std::string ana = NewGuest();
  ASSERT_THAT(SetManualTier(ana, "gold", absl::CivilDay(2026, 1, 10)), IsOk());
  auto set_tiers = [&](const v1::LoyaltyProgram& tiers) {
    v1::UpdateLoyaltyProgramRequest request;
    *request.mutable_loyalty_program() = tiers;
    request.mutable_loyalty_program()->set_name(
        "organizations/acme/loyaltyProgram");
    request.mutable_update_mask()->add_paths("tiers");
    v1::LoyaltyProgram updated;
    ASSERT_THAT(programs().Update(acme_, request, updated), IsOk());
  };
  const v1::LoyaltyProgram all = DefaultLoyaltyProgram();
  v1::LoyaltyProgram without_gold = all;
  without_gold.clear_tiers();
  for (const v1::Tier& tier : all.tiers()) {
    if (tier.tier_id() != "gold") *without_gold.add_tiers() = tier;
  }
  set_tiers(without_gold);
  v1::LoyaltyStatus status = StatusOf(ana);
  EXPECT_EQ(status.tier(), "member");
  EXPECT_EQ(status.manual_tier(), "gold") << "as assigned";

  set_tiers(all);
  EXPECT_EQ(StatusOf(ana).tier(), "gold");
}

TEST_F(LoyaltyStatusesTest, ManualTiersApplyInEffectiveDateOrder) {
  const std::string ana = NewGuest();
  ASSERT_THAT(SetManualTier(ana, "gold", absl::CivilDay(2026, 1, 12)), IsOk());
  ASSERT_THAT(SetManualTier(ana, "platinum", absl::CivilDay(2026, 1, 5)),
              IsOk())
      << "set later, effective earlier";
  EXPECT_EQ(StatusOf(ana, absl::CivilDay(2026, 1, 6)).manual_tier(),
            "platinum");
  EXPECT_EQ(StatusOf(ana, absl::CivilDay(2026, 1, 12)).manual_tier(), "gold");
}

TEST_F(LoyaltyStatusesTest, SetManualTierRefusesUnknownTiersAndFarDates) {
  const std::string ana = NewGuest();
  const absl::Status unknown =
      SetManualTier(ana, "diamond", absl::CivilDay(2026, 1, 15));
  EXPECT_THAT(unknown,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("the program has no tier \"diamond\"")));
  EXPECT_THAT(ViolatedFields(unknown), ElementsAre("tier"));
  EXPECT_THAT(
      ViolatedFields(SetManualTier(ana, "Gold!", absl::CivilDay(2027, 6, 1))),
      UnorderedElementsAre("tier", "effective_date"));
  EXPECT_THAT(SetManualTier(std::string(kAcme) + "/guests/nobody", "gold",
                            absl::CivilDay(2026, 1, 15)),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(StatusOf(ana).manual_tier(), "") << "nothing was set";
}

TEST_F(LoyaltyStatusesTest, AnotherTenantsGuestsHaveNoStatus) {
  const std::string ana = NewGuest();
  v1::GetLoyaltyStatusRequest get;
  get.set_guest(ana);
  v1::LoyaltyStatus status;
  EXPECT_THAT(statuses().Get(rival_, get, status),
              StatusIs(absl::StatusCode::kNotFound));
  v1::SetManualTierRequest set;
  set.set_guest(ana);
  set.set_tier("gold");
  EXPECT_THAT(statuses().SetManualTier(rival_, set, status),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(StatusOf(ana).manual_tier(), "");
}

TEST_F(LoyaltyStatusesTest, AsOfMustBeAFullDate) {
  v1::GetLoyaltyStatusRequest request;
  request.set_guest(NewGuest());
  request.mutable_as_of_date()->set_year(2026);
  request.mutable_as_of_date()->set_month(2);
  v1::LoyaltyStatus status;
  const absl::Status result = statuses().Get(acme_, request, status);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(result), ElementsAre("as_of_date"));
}

TEST_F(LoyaltyStatusesTest, AsOfBefore1900IsRefused) {
  // A year-1 as-of date put the rolling window's first day in year 0, which
  // a google.type.Date cannot hold.
  v1::GetLoyaltyStatusRequest request;
  request.set_guest(NewGuest());
  v1::LoyaltyStatus status;
  for (absl::CivilDay refused :
       {absl::CivilDay(1, 1, 1), absl::CivilDay(1899, 12, 31)}) {
    *request.mutable_as_of_date() = ToProtoDate(refused);
    const absl::Status result = statuses().Get(acme_, request, status);
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(ViolatedFields(result), ElementsAre("as_of_date"));
  }
  *request.mutable_as_of_date() = ToProtoDate(absl::CivilDay(1900, 1, 1));
  ASSERT_TRUE(statuses().Get(acme_, request, status).ok());
  EXPECT_GE(status.window_start_date().year(), 1899);
}

}  // namespace
}  // namespace guestvoice::service
