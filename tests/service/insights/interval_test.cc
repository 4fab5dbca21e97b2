// How an insight interval is checked and mapped to whole hotel-local days,
// and the previous interval of equal length (docs/insights.md).

#include "service/insights/interval.h"

#include <optional>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;

absl::TimeZone Zone(const char* name) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone(name, &zone)) << name;
  return zone;
}

absl::Time Utc(int year, int month, int day, int hour = 0, int minute = 0) {
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, 0),
                         absl::UTCTimeZone());
}

google::type::Interval Interval(absl::Time start, absl::Time end) {
  return ToProtoInterval({start, end});
}

int64_t Day(int year, int month, int day) {
  return DayNumber(absl::CivilDay(year, month, day));
}

// The status CheckInterval leaves for `interval` checked as "interval".
absl::Status Check(const google::type::Interval& interval) {
  FieldViolations violations;
  CheckInterval(violations, "interval", interval);
  return violations.ToStatus();
}

TEST(CheckIntervalTest, ReturnsTheBounds) {
  FieldViolations violations;
  const absl::Time start = Utc(2026, 1, 1) + absl::Nanoseconds(5);
  const std::optional<TimeBounds> bounds =
      CheckInterval(violations, "interval", Interval(start, Utc(2026, 2, 1)));
  ASSERT_TRUE(bounds.has_value());
  EXPECT_EQ(bounds->start, start);
  EXPECT_EQ(bounds->end, Utc(2026, 2, 1));
  EXPECT_TRUE(violations.empty());
}

TEST(CheckIntervalTest, BoundsMustBeValidTimestamps) {
  google::type::Interval interval = Interval(Utc(2026, 1, 1), Utc(2026, 1, 2));
  interval.mutable_start_time()->set_nanos(-1);
  interval.mutable_end_time()->set_seconds(int64_t{1} << 62);
  EXPECT_THAT(Check(interval),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: interval.start_time: not a valid "
                       "timestamp; interval.end_time: not a valid timestamp"));
}

TEST(CheckIntervalTest, BoundsLieWithinTheCalendarSpan) {
  EXPECT_THAT(Check(Interval(Utc(1, 1, 1), Utc(1, 1, 3))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: interval.start_time: before "
                       "1900-01-01T00:00:00Z"));
  EXPECT_THAT(
      Check(Interval(Utc(1900, 1, 1) - absl::Nanoseconds(1), Utc(1900, 1, 2))),
      StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Check(Interval(Utc(9999, 12, 30), Utc(9999, 12, 31, 0, 1))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: interval.end_time: after "
                       "9999-12-31T00:00:00Z"));
  // The widest accepted bounds stay within years 1899..9999 in the zones
  // furthest west and east.
  const TimeBounds first{Utc(1900, 1, 1), Utc(1900, 1, 2)};
  const TimeBounds last{Utc(9999, 12, 30), Utc(9999, 12, 31)};
  EXPECT_THAT(Check(Interval(first.start, first.end)), IsOk());
  EXPECT_THAT(Check(Interval(last.start, last.end)), IsOk());
  EXPECT_EQ(HotelDays(first, Zone("Etc/GMT+12")).Previous().first_day,
            Day(1899, 12, 29));
  EXPECT_EQ(HotelDays(last, Zone("Pacific/Kiritimati")).last_day,
            Day(9999, 12, 31));
}

TEST(CheckIntervalTest, BothBoundsAreRequired) {
  google::type::Interval interval = Interval(Utc(2026, 1, 1), Utc(2026, 1, 2));
  interval.clear_end_time();
  EXPECT_THAT(Check(interval),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: interval: both start_time and "
                       "end_time are required"));
  interval = Interval(Utc(2026, 1, 1), Utc(2026, 1, 2));
  interval.clear_start_time();
  EXPECT_THAT(Check(interval), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Check(google::type::Interval()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: interval: both start_time and "
                       "end_time are required"))
      << "one violation for the interval, not one per bound";
}

TEST(CheckIntervalTest, TheEndMustBeAfterTheStart) {
  const absl::Time now = Utc(2026, 1, 15, 12);
  EXPECT_THAT(Check(Interval(now, now)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: interval: end_time must be after "
                       "start_time"));
  EXPECT_THAT(Check(Interval(now, now - absl::Nanoseconds(1))),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Check(Interval(now, now + absl::Nanoseconds(1))), IsOk());
}

TEST(CheckIntervalTest, AnIntervalIsAtMost1096DaysLong) {
  const absl::Time start = Utc(2023, 1, 1);
  EXPECT_THAT(Check(Interval(start, start + absl::Hours(24 * 1096))), IsOk());
  EXPECT_THAT(Check(Interval(start, start + absl::Hours(24 * 1096) +
                                        absl::Nanoseconds(1))),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: interval: the interval may be at "
                       "most 1096 days long"));
}

TEST(CheckIntervalTest, NamesTheGivenFieldBesideOtherViolations) {
  FieldViolations violations;
  violations.Add("scope", "required");
  EXPECT_EQ(CheckInterval(violations, "window", google::type::Interval()),
            std::nullopt);
  EXPECT_THAT(violations.ToStatus(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: scope: required; window: both "
                       "start_time and end_time are required"));
}

TEST(HotelDaysTest, LocalMidnightToLocalMidnightCoversTheDaysBetween) {
  // The example of docs/insights.md; Lisbon moves to summer time on 29 March,
  // so the end is 23:00 UTC.
  const absl::TimeZone lisbon = Zone("Europe/Lisbon");
  const TimeBounds bounds{absl::FromCivil(absl::CivilDay(2026, 1, 1), lisbon),
                          absl::FromCivil(absl::CivilDay(2026, 4, 1), lisbon)};
  ASSERT_EQ(bounds.end, Utc(2026, 3, 31, 23));
  const DayRange days = HotelDays(bounds, lisbon);
  EXPECT_EQ(days.first_day, Day(2026, 1, 1));
  EXPECT_EQ(days.last_day, Day(2026, 3, 31));
  EXPECT_EQ(days.days(), 90);
}

TEST(HotelDaysTest, OtherBoundsWidenToTheirWholeDays) {
  const absl::TimeZone tokyo = Zone("Asia/Tokyo");
  const auto at = [&](int day, int hour) {
    return absl::FromCivil(absl::CivilSecond(2026, 1, day, hour, 0, 0), tokyo);
  };
  DayRange days = HotelDays({at(10, 15), at(12, 9)}, tokyo);
  EXPECT_EQ(days.first_day, Day(2026, 1, 10));
  EXPECT_EQ(days.last_day, Day(2026, 1, 12));

  // The end is exclusive: ending at midnight leaves that day out, ending an
  // instant later takes it in whole.
  days = HotelDays({at(10, 15), at(12, 0)}, tokyo);
  EXPECT_EQ(days.last_day, Day(2026, 1, 11));
  days = HotelDays({at(10, 15), at(12, 0) + absl::Nanoseconds(1)}, tokyo);
  EXPECT_EQ(days.last_day, Day(2026, 1, 12));

  days = HotelDays({at(10, 15), at(10, 16)}, tokyo);
  EXPECT_EQ(days.days(), 1) << "an hour is its whole day";
}

TEST(HotelDaysTest, TheSameInstantsAreOtherDaysInAnotherZone) {
  // 20:00 to 02:00 UTC: two days in Lisbon, one (05:00 to 11:00) in Tokyo.
  const TimeBounds bounds{Utc(2026, 1, 14, 20), Utc(2026, 1, 15, 2)};
  const DayRange lisbon = HotelDays(bounds, Zone("Europe/Lisbon"));
  EXPECT_EQ(lisbon.first_day, Day(2026, 1, 14));
  EXPECT_EQ(lisbon.last_day, Day(2026, 1, 15));
  const DayRange tokyo = HotelDays(bounds, Zone("Asia/Tokyo"));
  EXPECT_EQ(tokyo.first_day, Day(2026, 1, 15));
  EXPECT_EQ(tokyo.last_day, Day(2026, 1, 15));
  const DayRange new_york = HotelDays(bounds, Zone("America/New_York"));
  EXPECT_EQ(new_york.first_day, Day(2026, 1, 14));
  EXPECT_EQ(new_york.last_day, Day(2026, 1, 14));
}

TEST(DayRangeTest, CountsAndContainsItsDaysInclusively) {
  const DayRange range{Day(2026, 1, 10), Day(2026, 1, 12)};
  EXPECT_EQ(range.days(), 3);
  EXPECT_FALSE(range.Contains(Day(2026, 1, 9)));
  EXPECT_TRUE(range.Contains(Day(2026, 1, 10)));
  EXPECT_TRUE(range.Contains(Day(2026, 1, 12)));
  EXPECT_FALSE(range.Contains(Day(2026, 1, 13)));
  EXPECT_EQ((DayRange{Day(2026, 1, 10), Day(2026, 1, 10)}).days(), 1);
}

TEST(DayRangeTest, ThePreviousRangeIsAsLongAndEndsTheDayBefore) {
  const DayRange quarter{Day(2026, 1, 1), Day(2026, 3, 31)};
  const DayRange previous = quarter.Previous();
  EXPECT_EQ(previous.days(), 90);
  EXPECT_EQ(previous.first_day, Day(2025, 10, 3));
  EXPECT_EQ(previous.last_day, Day(2025, 12, 31));

  const DayRange one_day{Day(2026, 3, 1), Day(2026, 3, 1)};
  EXPECT_EQ(one_day.Previous().first_day, Day(2026, 2, 28));
  EXPECT_EQ(one_day.Previous().last_day, Day(2026, 2, 28));
}

TEST(DayRangeBoundsTest, AreTheLocalMidnightsAroundTheDays) {
  const absl::TimeZone tokyo = Zone("Asia/Tokyo");
  const TimeBounds bounds =
      DayRangeBounds({Day(2026, 1, 10), Day(2026, 1, 12)}, tokyo);
  EXPECT_EQ(bounds.start, Utc(2026, 1, 9, 15));
  EXPECT_EQ(bounds.end, Utc(2026, 1, 12, 15));
}

TEST(DayRangeBoundsTest, LocalDaysAreNotAlways24Hours) {
  const absl::TimeZone lisbon = Zone("Europe/Lisbon");
  // Summer time starts on 29 March 2026 and ends on 25 October 2026.
  TimeBounds day = DayRangeBounds({Day(2026, 3, 29), Day(2026, 3, 29)}, lisbon);
  EXPECT_EQ(day.start, Utc(2026, 3, 29));
  EXPECT_EQ(day.end - day.start, absl::Hours(23));
  day = DayRangeBounds({Day(2026, 10, 25), Day(2026, 10, 25)}, lisbon);
  EXPECT_EQ(day.start, Utc(2026, 10, 24, 23));
  EXPECT_EQ(day.end - day.start, absl::Hours(25));
}

TEST(DayRangeBoundsTest, ThePreviousIntervalOfAQuarterInLisbon) {
  // Jan-Mar 2026 in Lisbon; the 90 days before start on 3 October 2025,
  // still summer time (UTC+1).
  const absl::TimeZone lisbon = Zone("Europe/Lisbon");
  const TimeBounds bounds{Utc(2026, 1, 1), Utc(2026, 3, 31, 23)};
  const TimeBounds previous =
      DayRangeBounds(HotelDays(bounds, lisbon).Previous(), lisbon);
  EXPECT_EQ(previous.start, Utc(2025, 10, 2, 23));
  EXPECT_EQ(previous.end, bounds.start);
}

TEST(ToProtoIntervalTest, KeepsEveryNanosecond) {
  const TimeBounds bounds{Utc(2026, 1, 1) + absl::Nanoseconds(123456789),
                          Utc(2026, 1, 2) + absl::Nanoseconds(1)};
  const google::type::Interval interval = ToProtoInterval(bounds);
  EXPECT_EQ(FromProtoTimestamp(interval.start_time()), bounds.start);
  EXPECT_EQ(FromProtoTimestamp(interval.end_time()), bounds.end);
  EXPECT_EQ(interval.start_time().nanos(), 123456789);
}

}  // namespace
}  // namespace guestvoice::service
