// The default loyalty program, program validation and updates.

#include "service/loyalty/program.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::HasFieldViolation;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::testing::AllOf;
using ::testing::IsEmpty;

// What CheckLoyaltyProgram finds wrong with `program`, as a status.
absl::Status Check(const v1::LoyaltyProgram& program) {
  FieldViolations violations;
  CheckLoyaltyProgram(violations, "loyalty_program", program);
  return violations.ToStatus();
}

TEST(LoyaltyProgramTest, DefaultFollowsTheBigChains) {
  const v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  EXPECT_THAT(Check(program), IsOk());
  ASSERT_EQ(program.tiers_size(), 4);
  EXPECT_EQ(program.tiers(0).tier_id(), "member");
  EXPECT_EQ(program.tiers(1).min_nights(), 10);
  EXPECT_EQ(program.tiers(1).min_stays(), 4);
  EXPECT_EQ(program.tiers(2).min_nights(), 25);
  EXPECT_EQ(program.tiers(2).min_stays(), 10);
  EXPECT_EQ(program.tiers(3).min_nights(), 50);
  EXPECT_EQ(program.tiers(3).min_stays(), 20);
  EXPECT_EQ(program.window().rolling_days(), 365);
  EXPECT_EQ(program.points_expiry_months(), 24);
  for (const v1::Tier& tier : program.tiers()) {
    EXPECT_THAT(tier.benefits(), ::testing::Not(IsEmpty())) << tier.tier_id();
  }
}

TEST(LoyaltyProgramTest, ThresholdsMustRise) {
  v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  program.mutable_tiers(2)->set_min_nights(10);  // Gold = Silver's nights
  EXPECT_THAT(Check(program),
              HasFieldViolation("loyalty_program.tiers[2].min_nights"));
}

TEST(LoyaltyProgramTest, BaseTierHasNoThresholdsAndOthersHaveOne) {
  v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  program.mutable_tiers(0)->set_min_nights(1);
  program.mutable_tiers(1)->set_min_nights(0);
  program.mutable_tiers(1)->set_min_stays(0);
  EXPECT_THAT(Check(program),
              AllOf(HasFieldViolation("loyalty_program.tiers[0]"),
                    HasFieldViolation("loyalty_program.tiers[1]")));
}

TEST(LoyaltyProgramTest, TierIdsAreValidAndUnique) {
  v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  program.mutable_tiers(2)->set_tier_id("silver");
  program.mutable_tiers(3)->set_tier_id("Platinum!");
  EXPECT_THAT(Check(program),
              AllOf(HasFieldViolation("loyalty_program.tiers[2].tier_id"),
                    HasFieldViolation("loyalty_program.tiers[3].tier_id")));
  program.clear_tiers();
  EXPECT_THAT(Check(program), HasFieldViolation("loyalty_program.tiers"));
}

TEST(LoyaltyProgramTest, WindowCurrencyRatesAndExpiryAreBounded) {
  v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  program.mutable_window()->set_rolling_days(1097);
  program.set_points_currency_code("XYZ");
  program.set_points_per_night(-1);
  program.set_points_expiry_months(121);
  EXPECT_THAT(Check(program),
              AllOf(HasFieldViolation("loyalty_program.window.rolling_days"),
                    HasFieldViolation("loyalty_program.points_currency_code"),
                    HasFieldViolation("loyalty_program.points_per_night"),
                    HasFieldViolation("loyalty_program.points_expiry_months")));
  program.clear_window();
  EXPECT_THAT(Check(program), HasFieldViolation("loyalty_program.window"));
}

TEST(LoyaltyProgramTest, UpdateCopiesOnlyMaskedFields) {
  v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  v1::UpdateLoyaltyProgramRequest request;
  request.mutable_loyalty_program()->set_points_per_night(7);
  request.mutable_loyalty_program()->set_points_expiry_months(12);
  request.mutable_update_mask()->add_paths("points_per_night");
  ASSERT_TRUE(ApplyLoyaltyProgramUpdate(request, program).ok());
  EXPECT_EQ(program.points_per_night(), 7);
  EXPECT_EQ(program.points_expiry_months(), 24);

  request.clear_update_mask();
  ASSERT_TRUE(ApplyLoyaltyProgramUpdate(request, program).ok());
  EXPECT_EQ(program.points_expiry_months(), 12)
      << "an empty mask updates every populated field";
  EXPECT_EQ(program.tiers_size(), 4) << "unpopulated fields stay";

  request.mutable_update_mask()->add_paths("name");
  EXPECT_THAT(ApplyLoyaltyProgramUpdate(request, program),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace guestvoice::service
