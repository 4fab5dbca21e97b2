// LoyaltyPrograms on a store of its own, without a server: the default until
// an update, and updates that keep the program valid.

#include "service/loyalty/loyalty_programs.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
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

constexpr char kProgram[] = "organizations/acme/loyaltyProgram";

class LoyaltyProgramsTest : public LoyaltyFixture {
 protected:
  v1::LoyaltyProgram Program() {
    v1::GetLoyaltyProgramRequest request;
    request.set_name(kProgram);
    v1::LoyaltyProgram program;
    const absl::Status status = programs().Get(acme_, request, program);
    EXPECT_TRUE(status.ok()) << status;
    return program;
  }
};

TEST_F(LoyaltyProgramsTest, TheDefaultHoldsUntilAnUpdate) {
  v1::LoyaltyProgram expected = DefaultLoyaltyProgram();
  expected.set_name(kProgram);
  EXPECT_EQ(Program().SerializeAsString(), expected.SerializeAsString());
}

TEST_F(LoyaltyProgramsTest, UpdateChangesTheMaskedFieldsOnly) {
  v1::UpdateLoyaltyProgramRequest request;
  request.mutable_loyalty_program()->set_name(kProgram);
  request.mutable_loyalty_program()->set_points_per_night(50);
  request.mutable_loyalty_program()->set_points_expiry_months(12);
  request.mutable_update_mask()->add_paths("points_per_night");
  v1::LoyaltyProgram updated;
  ASSERT_THAT(programs().Update(acme_, request, updated), IsOk());

  v1::LoyaltyProgram expected = DefaultLoyaltyProgram();
  expected.set_name(kProgram);
  expected.set_points_per_night(50);
  *expected.mutable_update_time() = ToProtoTimestamp(clock_.Now());
  EXPECT_EQ(updated.SerializeAsString(), expected.SerializeAsString());
  EXPECT_EQ(Program().SerializeAsString(), expected.SerializeAsString());
}

TEST_F(LoyaltyProgramsTest, AnUpdateThatBreaksTheProgramStoresNothing) {
  v1::UpdateLoyaltyProgramRequest request;
  request.mutable_loyalty_program()->set_name(kProgram);
  request.mutable_update_mask()->add_paths("tiers");
  v1::LoyaltyProgram updated;
  const absl::Status status = programs().Update(acme_, request, updated);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(status), ElementsAre("loyalty_program.tiers"));
  EXPECT_EQ(Program().tiers_size(), 4);
}

TEST_F(LoyaltyProgramsTest, AnotherTenantsProgramIsNotFound) {
  v1::GetLoyaltyProgramRequest get;
  get.set_name(kProgram);
  v1::LoyaltyProgram program;
  EXPECT_THAT(programs().Get(rival_, get, program),
              StatusIs(absl::StatusCode::kNotFound));
  v1::UpdateLoyaltyProgramRequest update;
  update.mutable_loyalty_program()->set_name(kProgram);
  update.mutable_loyalty_program()->set_points_per_night(1);
  EXPECT_THAT(programs().Update(rival_, update, program),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(Program().points_per_night(), 100);
}

}  // namespace
}  // namespace guestvoice::service
