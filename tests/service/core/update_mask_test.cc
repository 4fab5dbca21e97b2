// AIP-134 update masks: what an empty mask, "*" and unknown paths mean.

#include "service/core/update_mask.h"

#include <string>
#include <string_view>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/feedback.pb.h"
#include "guestvoice/v1/hotel.pb.h"
#include "guestvoice/v1/loyalty_program.pb.h"
#include "tests/testing/status_details.h"

namespace guestvoice::service {
namespace {

constexpr std::string_view kHotelPaths[] = {"display_name", "time_zone",
                                            "region_code", "locality"};
constexpr MutableFields kHotelFields{.resource = "hotel", .paths = kHotelPaths};

google::protobuf::FieldMask Mask(std::vector<std::string> paths) {
  google::protobuf::FieldMask mask;
  for (std::string& path : paths) mask.add_paths(std::move(path));
  return mask;
}

// The paths of `fields` that `changed` contains, in their order.
std::vector<std::string> Changed(const ChangedFields& changed,
                                 const MutableFields& fields) {
  std::vector<std::string> paths;
  for (std::string_view path : fields.paths) {
    if (changed.Contains(path)) paths.emplace_back(path);
  }
  return paths;
}

TEST(UpdateMaskTest, AnEmptyMaskChangesTheMutableFieldsThatAreSet) {
  v1::Hotel update;
  update.set_name("organizations/acme/hotels/lisbon");  // set, not mutable
  update.set_display_name("Riverside");
  update.set_locality("Lisbon");
  FieldViolations violations;
  const ChangedFields changed =
      ResolveUpdateMask(violations, Mask({}), update, kHotelFields);
  EXPECT_TRUE(violations.empty());
  EXPECT_THAT(Changed(changed, kHotelFields),
              ::testing::ElementsAre("display_name", "locality"));
}

TEST(UpdateMaskTest, AnEmptyMaskOfAnEmptyUpdateIsRefused) {
  FieldViolations violations;
  EXPECT_TRUE(ResolveUpdateMask(violations, Mask({}), v1::Hotel(), kHotelFields)
                  .empty());
  EXPECT_THAT(testing::FieldViolationsOf(violations.ToStatus()),
              ::testing::ElementsAre(
                  ::testing::Pair("update_mask", "names no field to change")));
}

TEST(UpdateMaskTest, SetMeansPresentMessagesNonEmptyListsAndNonZeroScalars) {
  static constexpr std::string_view kPaths[] = {
      "tiers", "window", "points_per_night", "downgrade_policy"};
  static constexpr MutableFields kFields{.resource = "loyalty program",
                                         .paths = kPaths};
  v1::LoyaltyProgram update;
  update.mutable_window();  // present, though every field in it is default
  update.set_downgrade_policy(v1::DOWNGRADE_POLICY_NEVER);
  FieldViolations violations;
  EXPECT_THAT(Changed(ResolveUpdateMask(violations, Mask({}), update, kFields),
                      kFields),
              ::testing::ElementsAre("window", "downgrade_policy"));

  update.add_tiers();
  update.set_points_per_night(100);
  EXPECT_THAT(Changed(ResolveUpdateMask(violations, Mask({}), update, kFields),
                      kFields),
              ::testing::ElementsAre("tiers", "window", "points_per_night",
                                     "downgrade_policy"));
  EXPECT_TRUE(violations.empty());
}

TEST(UpdateMaskTest, NestedPathsAreSetWhenTheirLastFieldIs) {
  static constexpr std::string_view kPaths[] = {"case.state", "case.assignee"};
  static constexpr MutableFields kFields{.resource = "feedback",
                                         .paths = kPaths};
  v1::Feedback update;
  update.mutable_case_();  // present, but no path ends in a set field
  FieldViolations unset;
  EXPECT_TRUE(ResolveUpdateMask(unset, Mask({}), update, kFields).empty());

  FieldViolations violations;
  update.mutable_case_()->set_state(v1::CASE_STATE_RESOLVED);
  EXPECT_THAT(Changed(ResolveUpdateMask(violations, Mask({}), update, kFields),
                      kFields),
              ::testing::ElementsAre("case.state"));
  EXPECT_TRUE(violations.empty());
}

TEST(UpdateMaskTest, MaskedFieldsChangeWhetherOrNotTheUpdateSetsThem) {
  v1::Hotel update;
  update.set_display_name("Riverside");
  update.set_time_zone("Europe/Lisbon");
  FieldViolations violations;
  // locality is empty in the update: masking it clears it.
  EXPECT_THAT(
      Changed(ResolveUpdateMask(violations, Mask({"locality", "display_name"}),
                                update, kHotelFields),
              kHotelFields),
      ::testing::ElementsAre("display_name", "locality"));
  EXPECT_TRUE(violations.empty());
}

TEST(UpdateMaskTest, AStarChangesEveryMutableField) {
  FieldViolations violations;
  EXPECT_THAT(Changed(ResolveUpdateMask(violations, Mask({"*"}), v1::Hotel(),
                                        kHotelFields),
                      kHotelFields),
              ::testing::ElementsAre("display_name", "time_zone", "region_code",
                                     "locality"));
  EXPECT_TRUE(violations.empty());
}

TEST(UpdateMaskTest, UnknownPathsAreViolationsThatNameTheMutablePaths) {
  FieldViolations violations;
  const ChangedFields changed = ResolveUpdateMask(
      violations, Mask({"create_time", "time_zone", "hotel.locality"}),
      v1::Hotel(), kHotelFields);
  EXPECT_THAT(Changed(changed, kHotelFields),
              ::testing::ElementsAre("time_zone"));
  EXPECT_EQ(violations.ToStatus().message(),
            "invalid request: "
            "update_mask: \"create_time\" is not a mutable hotel field (use "
            "display_name, time_zone, region_code, locality or *); "
            "update_mask: \"hotel.locality\" is not a mutable hotel field (use "
            "display_name, time_zone, region_code, locality or *)");
}

TEST(UpdateMaskTest, PathsAfterAStarAreNotRead) {
  FieldViolations violations;
  EXPECT_THAT(Changed(ResolveUpdateMask(violations, Mask({"*", "create_time"}),
                                        v1::Hotel(), kHotelFields),
                      kHotelFields),
              ::testing::SizeIs(4));
  EXPECT_TRUE(violations.empty());

  EXPECT_THAT(Changed(ResolveUpdateMask(violations, Mask({"create_time", "*"}),
                                        v1::Hotel(), kHotelFields),
                      kHotelFields),
              ::testing::SizeIs(4));
  EXPECT_FALSE(violations.empty());
}

}  // namespace
}  // namespace guestvoice::service
