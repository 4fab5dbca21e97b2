// The loyalty rules as pure computation: thresholds, windows, downgrade
// policies, manual floors, points and their expiry.

#include "service/loyalty/rules.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_date.h"
#include "service/loyalty/program.h"

namespace guestvoice::service {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

absl::CivilDay Day(int year, int month, int day) {
  return absl::CivilDay(year, month, day);
}

// Member; Silver 10 nights or 4 stays; Gold 25 or 10; Platinum 50 or 20.
v1::LoyaltyProgram Program(v1::DowngradePolicy policy, int rolling_days = 365) {
  v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  program.set_downgrade_policy(policy);
  if (rolling_days > 0) {
    program.mutable_window()->set_rolling_days(rolling_days);
  } else {
    program.mutable_window()->set_calendar_year(true);
  }
  return program;
}

LoyaltyActivity Stay(absl::CivilDay day, int nights, int64_t points = 0) {
  return {.day = day, .nights = nights, .stays = 1, .points = points};
}

LoyaltyActivity CheckIn(absl::CivilDay day) {
  return {.day = day, .check_ins = 1};
}

v1::LoyaltyStatus StatusOn(const v1::LoyaltyProgram& program,
                           std::vector<LoyaltyActivity> activity,
                           absl::CivilDay as_of,
                           std::vector<ManualTierAssignment> manual = {}) {
  return ComputeLoyaltyStatus(program, std::move(activity), manual, as_of);
}

std::string Tier(const v1::LoyaltyProgram& program,
                 std::vector<LoyaltyActivity> activity, absl::CivilDay as_of,
                 std::vector<ManualTierAssignment> manual = {}) {
  return StatusOn(program, std::move(activity), as_of, std::move(manual))
      .tier();
}

// "2026-01-15 member->silver" for each change.
std::vector<std::string> History(const v1::LoyaltyStatus& status) {
  std::vector<std::string> changes;
  for (const v1::TierChange& change : status.tier_history()) {
    const absl::CivilDay day = *FromProtoDate(change.date());
    changes.push_back(absl::FormatCivilTime(day) + " " + change.from_tier() +
                      "->" + change.to_tier());
  }
  return changes;
}

const v1::LoyaltyProgram kToEarned =
    Program(v1::DOWNGRADE_POLICY_TO_EARNED_TIER);

TEST(LoyaltyRulesTest, DayNumbersMatchCivilArithmetic) {
  const absl::CivilDay epoch(1970, 1, 1);
  for (absl::CivilDay day(1600, 1, 1); day < absl::CivilDay(2401, 1, 1);
       day += 13) {
    ASSERT_EQ(DayNumber(day), day - epoch) << day;
    ASSERT_EQ(DayFromNumber(day - epoch), day) << day;
  }
  EXPECT_EQ(DayFromNumber(DayNumber(Day(2024, 2, 29)) + 1), Day(2024, 3, 1));
}

TEST(LoyaltyRulesTest, AddMonthsClampsToTheEndOfTheMonth) {
  EXPECT_EQ(AddMonths(Day(2024, 2, 29), 12), Day(2025, 2, 28));
  EXPECT_EQ(AddMonths(Day(2024, 2, 29), 48), Day(2028, 2, 29));
  EXPECT_EQ(AddMonths(Day(2025, 1, 31), 1), Day(2025, 2, 28));
  EXPECT_EQ(AddMonths(Day(2025, 10, 31), 24), Day(2027, 10, 31));
}

TEST(LoyaltyRulesTest, AStayCountsOnItsDepartureDay) {
  EXPECT_EQ(StayCreditDay(Day(2024, 2, 27), 3), Day(2024, 3, 1));
  EXPECT_EQ(StayCreditDay(Day(2025, 12, 30), 2), Day(2026, 1, 1));
}

TEST(LoyaltyRulesTest, ExactlyTheNightThresholdReachesTheTier) {
  const absl::CivilDay as_of = Day(2026, 3, 1);
  EXPECT_EQ(Tier(kToEarned, {Stay(Day(2026, 1, 5), 9)}, as_of), "member");
  EXPECT_EQ(Tier(kToEarned, {Stay(Day(2026, 1, 5), 10)}, as_of), "silver");
  EXPECT_EQ(Tier(kToEarned, {Stay(Day(2026, 1, 5), 24)}, as_of), "silver");
  EXPECT_EQ(Tier(kToEarned, {Stay(Day(2026, 1, 5), 25)}, as_of), "gold");
  EXPECT_EQ(Tier(kToEarned, {Stay(Day(2026, 1, 5), 50)}, as_of), "platinum");
}

TEST(LoyaltyRulesTest, AnyOneThresholdIsEnough) {
  const absl::CivilDay as_of = Day(2026, 3, 1);
  std::vector<LoyaltyActivity> three_stays = {Stay(Day(2026, 1, 1), 1),
                                              Stay(Day(2026, 1, 8), 1),
                                              Stay(Day(2026, 1, 15), 1)};
  EXPECT_EQ(Tier(kToEarned, three_stays, as_of), "member");
  three_stays.push_back(Stay(Day(2026, 1, 22), 1));
  EXPECT_EQ(Tier(kToEarned, three_stays, as_of), "silver")
      << "4 one-night stays meet Silver's stay threshold";

  v1::LoyaltyProgram with_check_ins = kToEarned;
  with_check_ins.mutable_tiers(1)->set_min_check_ins(3);
  std::vector<LoyaltyActivity> check_ins = {CheckIn(Day(2026, 2, 1)),
                                            CheckIn(Day(2026, 2, 2))};
  EXPECT_EQ(Tier(with_check_ins, check_ins, as_of), "member");
  check_ins.push_back(CheckIn(Day(2026, 2, 3)));
  EXPECT_EQ(Tier(with_check_ins, check_ins, as_of), "silver");
  EXPECT_EQ(Tier(kToEarned, check_ins, as_of), "member")
      << "without a check-in threshold, check-ins reach no tier";
}

TEST(LoyaltyRulesTest, EachNightAndEachDaysCheckInCountOnce) {
  const absl::CivilDay as_of = Day(2026, 3, 1);
  // The nights of January 1-5 booked twice (two rooms, or one booking
  // recorded under two references), then a stay of January 2-6 elsewhere:
  // 6 nights in 2 stays, where the bookings add up to 15 in 3. Each booking
  // earns its points, as chains pay them per room.
  const std::vector<LoyaltyActivity> stays = {Stay(Day(2026, 1, 6), 5, 100),
                                              Stay(Day(2026, 1, 6), 5, 100),
                                              Stay(Day(2026, 1, 7), 5, 100)};
  v1::LoyaltyStatus status = StatusOn(kToEarned, stays, as_of);
  EXPECT_EQ(status.qualifying_nights(), 6);
  EXPECT_EQ(status.qualifying_stays(), 2);
  EXPECT_EQ(status.points_balance(), 300);

  // Twenty check-ins on one day are that day's one.
  v1::LoyaltyProgram with_check_ins = kToEarned;
  with_check_ins.mutable_tiers(1)->set_min_check_ins(3);
  std::vector<LoyaltyActivity> check_ins(20, CheckIn(Day(2026, 2, 1)));
  check_ins.push_back(CheckIn(Day(2026, 2, 2)));
  status = StatusOn(with_check_ins, check_ins, as_of);
  EXPECT_EQ(status.qualifying_check_ins(), 2);
  EXPECT_EQ(status.tier(), "member");
  check_ins.push_back(CheckIn(Day(2026, 2, 3)));
  EXPECT_EQ(Tier(with_check_ins, check_ins, as_of), "silver");
}

TEST(LoyaltyRulesTest, RollingWindowIncludesItsFirstDayOnly) {
  const absl::CivilDay stay_day = Day(2025, 6, 10);
  const std::vector<LoyaltyActivity> activity = {Stay(stay_day, 10)};
  EXPECT_EQ(Tier(kToEarned, activity, stay_day - 1), "member");
  EXPECT_EQ(Tier(kToEarned, activity, stay_day), "silver");
  EXPECT_EQ(Tier(kToEarned, activity, stay_day + 364), "silver")
      << "day 365 of the window is the stay's own day";
  const v1::LoyaltyStatus after = StatusOn(kToEarned, activity, stay_day + 365);
  EXPECT_EQ(after.tier(), "member");
  EXPECT_EQ(after.qualifying_nights(), 0);
  EXPECT_EQ(*FromProtoDate(after.window_start_date()), stay_day + 1);
  EXPECT_EQ(*FromProtoDate(after.window_end_date()), stay_day + 365);
  EXPECT_THAT(History(after), ElementsAre("2025-06-10 member->silver",
                                          "2026-06-10 silver->member"));
}

TEST(LoyaltyRulesTest, RollingWindowCountsTheLeapDay) {
  // 2023-03-01 .. 2024-02-28 is 365 days; through 2024-02-29 it is 366.
  const std::vector<LoyaltyActivity> activity = {Stay(Day(2023, 3, 1), 10)};
  EXPECT_EQ(Tier(kToEarned, activity, Day(2024, 2, 28)), "silver");
  const v1::LoyaltyStatus leap_day =
      StatusOn(kToEarned, activity, Day(2024, 2, 29));
  EXPECT_EQ(leap_day.tier(), "member");
  EXPECT_EQ(*FromProtoDate(leap_day.window_start_date()), Day(2023, 3, 2));
  // The same dates a year earlier, without a leap day: out on 03-01.
  const std::vector<LoyaltyActivity> earlier = {Stay(Day(2022, 3, 1), 10)};
  EXPECT_EQ(Tier(kToEarned, earlier, Day(2023, 2, 28)), "silver");
  EXPECT_EQ(Tier(kToEarned, earlier, Day(2023, 3, 1)), "member");
}

TEST(LoyaltyRulesTest, CalendarYearStatusLastsThroughTheNextYear) {
  const v1::LoyaltyProgram calendar =
      Program(v1::DOWNGRADE_POLICY_TO_EARNED_TIER, /*rolling_days=*/0);
  const std::vector<LoyaltyActivity> activity = {Stay(Day(2025, 3, 1), 25)};
  const v1::LoyaltyStatus next_year =
      StatusOn(calendar, activity, Day(2026, 12, 31));
  EXPECT_EQ(next_year.tier(), "gold");
  EXPECT_EQ(next_year.qualifying_nights(), 0) << "2026 itself has no nights";
  EXPECT_EQ(*FromProtoDate(next_year.window_start_date()), Day(2026, 1, 1));
  EXPECT_EQ(*FromProtoDate(next_year.window_end_date()), Day(2026, 12, 31));
  const v1::LoyaltyStatus year_after =
      StatusOn(calendar, activity, Day(2027, 1, 1));
  EXPECT_EQ(year_after.tier(), "member");
  EXPECT_THAT(History(year_after), ElementsAre("2025-03-01 member->gold",
                                               "2027-01-01 gold->member"));
}

TEST(LoyaltyRulesTest, CalendarAndRollingWindowsDifferAcrossNewYear) {
  // 6 nights credited in December, 4 in January.
  const std::vector<LoyaltyActivity> activity = {Stay(Day(2025, 12, 20), 6),
                                                 Stay(Day(2026, 1, 10), 4)};
  const absl::CivilDay as_of = Day(2026, 1, 31);
  EXPECT_EQ(Tier(kToEarned, activity, as_of), "silver");
  const v1::LoyaltyProgram calendar =
      Program(v1::DOWNGRADE_POLICY_TO_EARNED_TIER, /*rolling_days=*/0);
  const v1::LoyaltyStatus status = StatusOn(calendar, activity, as_of);
  EXPECT_EQ(status.tier(), "member");
  EXPECT_EQ(status.qualifying_nights(), 4);
  EXPECT_EQ(status.next_tier().nights_needed(), 6);
}

TEST(LoyaltyRulesTest, CalendarWindowInALeapYearEndsOnDecember31) {
  const v1::LoyaltyProgram calendar =
      Program(v1::DOWNGRADE_POLICY_TO_EARNED_TIER, /*rolling_days=*/0);
  const v1::LoyaltyStatus status =
      StatusOn(calendar, {Stay(Day(2024, 2, 29), 10)}, Day(2024, 2, 29));
  EXPECT_EQ(status.tier(), "silver");
  EXPECT_EQ(*FromProtoDate(status.window_start_date()), Day(2024, 1, 1));
  EXPECT_EQ(*FromProtoDate(status.window_end_date()), Day(2024, 12, 31));
}

TEST(LoyaltyRulesTest, ToEarnedTierDropsStraightToWhatActivitySupports) {
  const absl::CivilDay day = Day(2025, 1, 10);
  const v1::LoyaltyStatus status =
      StatusOn(kToEarned, {Stay(day, 50)}, day + 365);
  EXPECT_EQ(status.tier(), "member");
  EXPECT_THAT(History(status), ElementsAre("2025-01-10 member->platinum",
                                           "2026-01-10 platinum->member"));
}

TEST(LoyaltyRulesTest, OneTierPerPeriodLosesOneTierPerWindow) {
  const v1::LoyaltyProgram program =
      Program(v1::DOWNGRADE_POLICY_ONE_TIER_PER_PERIOD);
  const absl::CivilDay day = Day(2025, 1, 10);
  const std::vector<LoyaltyActivity> activity = {Stay(day, 50)};
  EXPECT_EQ(Tier(program, activity, day + 364), "platinum");
  EXPECT_EQ(Tier(program, activity, day + 365), "gold");
  EXPECT_EQ(Tier(program, activity, day + 729), "gold");
  EXPECT_EQ(Tier(program, activity, day + 730), "silver");
  const v1::LoyaltyStatus status = StatusOn(program, activity, day + 2000);
  EXPECT_EQ(status.tier(), "member");
  EXPECT_THAT(
      History(status),
      ElementsAre("2025-01-10 member->platinum", "2026-01-10 platinum->gold",
                  "2027-01-10 gold->silver", "2028-01-10 silver->member"));
}

TEST(LoyaltyRulesTest, OneTierPerPeriodStopsAtTheSupportedTier) {
  const v1::LoyaltyProgram program =
      Program(v1::DOWNGRADE_POLICY_ONE_TIER_PER_PERIOD);
  // Platinum in January 2025; 25 more nights in June keep Gold supported
  // until June 2026; the next step down waits a window after the first.
  const std::vector<LoyaltyActivity> activity = {Stay(Day(2025, 1, 10), 50),
                                                 Stay(Day(2025, 6, 1), 25)};
  EXPECT_EQ(Tier(program, activity, Day(2026, 1, 10)), "gold");
  EXPECT_EQ(Tier(program, activity, Day(2026, 6, 1)), "gold");
  EXPECT_EQ(Tier(program, activity, Day(2027, 1, 9)), "gold");
  EXPECT_EQ(Tier(program, activity, Day(2027, 1, 10)), "silver");
}

TEST(LoyaltyRulesTest, OneTierPerCalendarYear) {
  const v1::LoyaltyProgram program =
      Program(v1::DOWNGRADE_POLICY_ONE_TIER_PER_PERIOD, /*rolling_days=*/0);
  const v1::LoyaltyStatus status =
      StatusOn(program, {Stay(Day(2025, 5, 1), 50)}, Day(2030, 1, 1));
  EXPECT_THAT(
      History(status),
      ElementsAre("2025-05-01 member->platinum", "2027-01-01 platinum->gold",
                  "2028-01-01 gold->silver", "2029-01-01 silver->member"));
}

TEST(LoyaltyRulesTest, NeverDowngradeKeepsTheHighestTier) {
  const v1::LoyaltyProgram program = Program(v1::DOWNGRADE_POLICY_NEVER);
  const std::vector<LoyaltyActivity> activity = {Stay(Day(2020, 1, 1), 25)};
  EXPECT_EQ(Tier(program, activity, Day(2026, 1, 1)), "gold");
}

TEST(LoyaltyRulesTest, ManualTierIsAFloorFromItsEffectiveDay) {
  const std::vector<LoyaltyActivity> activity = {Stay(Day(2026, 1, 5), 10)};
  const std::vector<ManualTierAssignment> manual = {{Day(2026, 2, 1), "gold"},
                                                    {Day(2026, 4, 1), ""}};
  EXPECT_EQ(Tier(kToEarned, activity, Day(2026, 1, 31), manual), "silver");
  const v1::LoyaltyStatus during =
      StatusOn(kToEarned, activity, Day(2026, 2, 1), manual);
  EXPECT_EQ(during.tier(), "gold");
  EXPECT_EQ(during.manual_tier(), "gold");
  EXPECT_EQ(during.next_tier().tier(), "platinum");
  const v1::LoyaltyStatus after =
      StatusOn(kToEarned, activity, Day(2026, 4, 1), manual);
  EXPECT_EQ(after.tier(), "silver");
  EXPECT_EQ(after.manual_tier(), "");
  EXPECT_THAT(History(after), ElementsAre("2026-01-05 member->silver",
                                          "2026-02-01 silver->gold",
                                          "2026-04-01 gold->silver"));
}

TEST(LoyaltyRulesTest, ManualTierBelowTheEarnedTierChangesNothing) {
  const std::vector<LoyaltyActivity> activity = {Stay(Day(2026, 1, 5), 50)};
  EXPECT_EQ(
      Tier(kToEarned, activity, Day(2026, 3, 1), {{Day(2026, 2, 1), "silver"}}),
      "platinum");
  EXPECT_EQ(
      Tier(kToEarned, {}, Day(2026, 3, 1), {{Day(2026, 2, 1), "no-such-tier"}}),
      "member")
      << "a tier the program no longer has sets no floor";
}

TEST(LoyaltyRulesTest, NextTierSaysWhatIsStillNeeded) {
  const v1::LoyaltyStatus status =
      StatusOn(kToEarned, {Stay(Day(2026, 1, 5), 4), Stay(Day(2026, 2, 5), 3)},
               Day(2026, 3, 1));
  EXPECT_EQ(status.tier(), "member");
  EXPECT_EQ(status.qualifying_nights(), 7);
  EXPECT_EQ(status.qualifying_stays(), 2);
  EXPECT_EQ(status.next_tier().tier(), "silver");
  EXPECT_EQ(status.next_tier().nights_needed(), 3);
  EXPECT_EQ(status.next_tier().stays_needed(), 2);
  EXPECT_EQ(status.next_tier().check_ins_needed(), 0);
  EXPECT_FALSE(StatusOn(kToEarned, {Stay(Day(2026, 1, 5), 60)}, Day(2026, 3, 1))
                   .has_next_tier())
      << "nothing above the top tier";
}

TEST(LoyaltyRulesTest, ActivityAfterTheAsOfDateDoesNotCountYet) {
  const std::vector<LoyaltyActivity> activity = {Stay(Day(2026, 1, 5), 10),
                                                 Stay(Day(2026, 5, 5), 20)};
  const v1::LoyaltyStatus past = StatusOn(kToEarned, activity, Day(2026, 2, 1));
  EXPECT_EQ(past.tier(), "silver");
  EXPECT_EQ(past.qualifying_nights(), 10);
  EXPECT_THAT(History(past), ElementsAre("2026-01-05 member->silver"));
  // The past status is what it was before the later stay existed.
  const v1::LoyaltyStatus before_it =
      StatusOn(kToEarned, {activity[0]}, Day(2026, 2, 1));
  EXPECT_EQ(past.SerializeAsString(), before_it.SerializeAsString());
  EXPECT_EQ(Tier(kToEarned, activity, Day(2026, 5, 5)), "gold");
}

TEST(LoyaltyRulesTest, RemovedActivityIsRemovedFromThePastToo) {
  // Cancelling a stay removes it from the records the status is computed
  // from, so even past dates no longer count it.
  std::vector<LoyaltyActivity> activity = {Stay(Day(2026, 1, 5), 10)};
  EXPECT_EQ(Tier(kToEarned, activity, Day(2026, 2, 1)), "silver");
  activity.clear();
  const v1::LoyaltyStatus status =
      StatusOn(kToEarned, activity, Day(2026, 2, 1));
  EXPECT_EQ(status.tier(), "member");
  EXPECT_THAT(status.tier_history(), IsEmpty());
}

TEST(LoyaltyRulesTest, StayPointsCountNightsAndSpendInTheProgramCurrency) {
  const v1::LoyaltyProgram program =
      DefaultLoyaltyProgram();  // 100/night, 10/USD
  google::type::Money usd;
  usd.set_currency_code("USD");
  usd.set_units(200);
  usd.set_nanos(990'000'000);
  EXPECT_EQ(StayPoints(program, 3, usd), 3 * 100 + 200 * 10)
      << "only whole units earn";
  google::type::Money eur = usd;
  eur.set_currency_code("EUR");
  EXPECT_EQ(StayPoints(program, 3, eur), 300);
  EXPECT_EQ(StayPoints(program, 3, google::type::Money()), 300);
}

TEST(LoyaltyRulesTest, PointsExpireAfterMonthsWithoutActivity) {
  const v1::LoyaltyProgram program = DefaultLoyaltyProgram();  // 24 months
  const std::vector<LoyaltyActivity> activity = {
      Stay(Day(2024, 1, 10), 2, 500)};
  const v1::LoyaltyStatus before = StatusOn(program, activity, Day(2026, 1, 9));
  EXPECT_EQ(before.points_balance(), 500);
  EXPECT_EQ(before.points_expiring(), 500);
  EXPECT_EQ(*FromProtoDate(before.points_expire_date()), Day(2026, 1, 10));
  const v1::LoyaltyStatus on = StatusOn(program, activity, Day(2026, 1, 10));
  EXPECT_EQ(on.points_balance(), 0);
  EXPECT_EQ(on.points_expiring(), 0);
  EXPECT_FALSE(on.has_points_expire_date());
}

TEST(LoyaltyRulesTest, ACheckInKeepsPointsAlive) {
  const v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  const std::vector<LoyaltyActivity> activity = {Stay(Day(2024, 1, 10), 2, 500),
                                                 CheckIn(Day(2025, 6, 1))};
  const v1::LoyaltyStatus status = StatusOn(program, activity, Day(2026, 6, 1));
  EXPECT_EQ(status.points_balance(), 500);
  EXPECT_EQ(*FromProtoDate(status.points_expire_date()), Day(2027, 6, 1));
}

TEST(LoyaltyRulesTest, ExpiredPointsAreGoneWhenActivityResumes) {
  const v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  const std::vector<LoyaltyActivity> activity = {
      Stay(Day(2022, 1, 10), 2, 500), Stay(Day(2024, 1, 10), 1, 100)};
  EXPECT_EQ(StatusOn(program, activity, Day(2024, 2, 1)).points_balance(), 100)
      << "the 2022 points expired on 2024-01-10, the day of the next stay";
}

TEST(LoyaltyRulesTest, ExpiryDateIsClampedToTheEndOfAShortMonth) {
  v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  program.set_points_expiry_months(12);
  const v1::LoyaltyStatus status =
      StatusOn(program, {Stay(Day(2024, 2, 29), 1, 100)}, Day(2024, 3, 1));
  EXPECT_EQ(*FromProtoDate(status.points_expire_date()), Day(2025, 2, 28));
  EXPECT_EQ(
      StatusOn(program, {Stay(Day(2024, 2, 29), 1, 100)}, Day(2025, 2, 28))
          .points_balance(),
      0);
}

TEST(LoyaltyRulesTest, PointsNeverExpireWithoutAnExpiry) {
  v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  program.set_points_expiry_months(0);
  const v1::LoyaltyStatus status =
      StatusOn(program, {Stay(Day(2010, 1, 1), 1, 100)}, Day(2026, 1, 1));
  EXPECT_EQ(status.points_balance(), 100);
  EXPECT_EQ(status.points_expiring(), 0);
}

}  // namespace
}  // namespace guestvoice::service
