// google.type.Date and absl::CivilDay, day numbers and month arithmetic.

#include "service/core/proto_date.h"

#include <optional>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace guestvoice::service {
namespace {

using ::testing::Optional;

google::type::Date Date(int year, int month, int day) {
  google::type::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

const absl::CivilDay kEpoch(1970, 1, 1);

TEST(FromProtoDateTest, AcceptsFullDatesFromYearOneTo9999) {
  EXPECT_THAT(FromProtoDate(Date(2024, 2, 29)),
              Optional(absl::CivilDay(2024, 2, 29)));
  EXPECT_THAT(FromProtoDate(Date(2000, 2, 29)),
              Optional(absl::CivilDay(2000, 2, 29)));
  EXPECT_THAT(FromProtoDate(Date(1, 1, 1)), Optional(absl::CivilDay(1, 1, 1)));
  EXPECT_THAT(FromProtoDate(Date(9999, 12, 31)),
              Optional(absl::CivilDay(9999, 12, 31)));
}

TEST(FromProtoDateTest, RefusesPartialDates) {
  EXPECT_EQ(FromProtoDate(Date(2025, 0, 0)), std::nullopt);  // a year
  EXPECT_EQ(FromProtoDate(Date(2025, 6, 0)), std::nullopt);  // a month
  EXPECT_EQ(FromProtoDate(Date(0, 6, 15)), std::nullopt);    // an anniversary
  EXPECT_EQ(FromProtoDate(google::type::Date()), std::nullopt);
}

TEST(FromProtoDateTest, RefusesDatesThatDoNotExist) {
  for (const google::type::Date& date :
       {Date(2025, 2, 29), Date(1900, 2, 29), Date(2024, 2, 30),
        Date(2024, 4, 31), Date(2024, 12, 32), Date(2024, 13, 1),
        Date(2024, -1, 1), Date(2024, 1, -1), Date(10000, 1, 1),
        Date(-1, 1, 1)}) {
    EXPECT_EQ(FromProtoDate(date), std::nullopt) << date.ShortDebugString();
  }
}

TEST(ToProtoDateTest, RoundTrips) {
  const google::type::Date date = ToProtoDate(absl::CivilDay(2026, 3, 9));
  EXPECT_EQ(date.year(), 2026);
  EXPECT_EQ(date.month(), 3);
  EXPECT_EQ(date.day(), 9);
  EXPECT_THAT(FromProtoDate(date), Optional(absl::CivilDay(2026, 3, 9)));
}

TEST(UtcDayTest, IsTheCalendarDayInUtc) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  EXPECT_EQ(
      UtcDay(absl::FromCivil(absl::CivilSecond(2026, 1, 15, 23, 59, 59), utc)),
      absl::CivilDay(2026, 1, 15));
  EXPECT_EQ(
      UtcDay(absl::FromCivil(absl::CivilSecond(2026, 1, 16, 0, 0, 0), utc)),
      absl::CivilDay(2026, 1, 16));
  EXPECT_EQ(UtcDay(absl::UnixEpoch() - absl::Nanoseconds(1)),
            absl::CivilDay(1969, 12, 31));
}

TEST(DayNumberTest, CountsDaysFromTheEpoch) {
  EXPECT_EQ(DayNumber(kEpoch), 0);
  EXPECT_EQ(DayNumber(absl::CivilDay(1970, 1, 2)), 1);
  EXPECT_EQ(DayNumber(absl::CivilDay(1969, 12, 31)), -1);
  EXPECT_EQ(DayNumber(absl::CivilDay(2000, 3, 1)), 11017);
  EXPECT_EQ(DayFromNumber(0), kEpoch);
  EXPECT_EQ(DayFromNumber(-1), absl::CivilDay(1969, 12, 31));
  EXPECT_EQ(DayFromNumber(11017), absl::CivilDay(2000, 3, 1));
}

TEST(DayNumberTest, AgreesWithCivilDayEveryDayOfTwoCenturies) {
  // Every day, so that each month end, leap day and century rule is crossed.
  for (absl::CivilDay day(1900, 1, 1); day <= absl::CivilDay(2100, 12, 31);
       ++day) {
    const int64_t number = DayNumber(day);
    ASSERT_EQ(number, day - kEpoch) << day;
    ASSERT_EQ(DayFromNumber(number), day) << number;
  }
}

TEST(DayNumberTest, AgreesWithCivilDayFromYearOneTo9999) {
  for (absl::CivilDay day(1, 1, 1); day <= absl::CivilDay(9999, 12, 31);
       day += 997) {
    const int64_t number = DayNumber(day);
    ASSERT_EQ(number, day - kEpoch) << day;
    ASSERT_EQ(DayFromNumber(number), day) << number;
  }
  EXPECT_EQ(DayFromNumber(DayNumber(absl::CivilDay(1, 1, 1))),
            absl::CivilDay(1, 1, 1));
  EXPECT_EQ(DayFromNumber(DayNumber(absl::CivilDay(9999, 12, 31))),
            absl::CivilDay(9999, 12, 31));
}

TEST(AddMonthsTest, KeepsTheDayOfMonth) {
  EXPECT_EQ(AddMonths(absl::CivilDay(2025, 1, 15), 1),
            absl::CivilDay(2025, 2, 15));
  EXPECT_EQ(AddMonths(absl::CivilDay(2025, 12, 15), 1),
            absl::CivilDay(2026, 1, 15));
  EXPECT_EQ(AddMonths(absl::CivilDay(2025, 1, 15), -1),
            absl::CivilDay(2024, 12, 15));
  EXPECT_EQ(AddMonths(absl::CivilDay(2025, 1, 31), 0),
            absl::CivilDay(2025, 1, 31));
  EXPECT_EQ(AddMonths(absl::CivilDay(2025, 5, 31), 24),
            absl::CivilDay(2027, 5, 31));
}

TEST(AddMonthsTest, ClampsToTheEndOfAShorterMonth) {
  EXPECT_EQ(AddMonths(absl::CivilDay(2024, 2, 29), 12),
            absl::CivilDay(2025, 2, 28));
  EXPECT_EQ(AddMonths(absl::CivilDay(2025, 1, 31), 1),
            absl::CivilDay(2025, 2, 28));
  EXPECT_EQ(AddMonths(absl::CivilDay(2024, 1, 31), 1),
            absl::CivilDay(2024, 2, 29));
  EXPECT_EQ(AddMonths(absl::CivilDay(2025, 3, 31), 1),
            absl::CivilDay(2025, 4, 30));
  EXPECT_EQ(AddMonths(absl::CivilDay(2025, 3, 31), -1),
            absl::CivilDay(2025, 2, 28));
  EXPECT_EQ(AddMonths(absl::CivilDay(2024, 2, 29), 48),
            absl::CivilDay(2028, 2, 29));
}

}  // namespace
}  // namespace guestvoice::service
