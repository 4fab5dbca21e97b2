#include "service/core/proto_date.h"

#include <algorithm>

namespace guestvoice::service {
std::optional<absl::CivilDay> FromProtoDate(const google::type::Date& date) {
  if (date.year() < 1 || date.year() > 9999 || date.month() < 1 ||
      date.month() > 12 || date.day() < 1) {
    return std::nullopt;
  }
  const absl::CivilDay day(date.year(), date.month(), date.day());
  // CivilDay normalises overflow (Feb 30 -> Mar 2): a changed field means the
  // date does not exist.
  if (day.month() != date.month() || day.day() != date.day()) {
    return std::nullopt;
  }
  return day;
}

google::type::Date ToProtoDate(absl::CivilDay day) {
  google::type::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

absl::Time EarliestCalendarTime() {
  return absl::FromCivil(kEarliestCalendarDay, absl::UTCTimeZone());
}

absl::Time LatestCalendarIntervalEnd() {
  return absl::FromCivil(absl::CivilDay(9999, 12, 31), absl::UTCTimeZone());
}

absl::CivilDay UtcDay(absl::Time time) {
  return absl::ToCivilDay(time, absl::UTCTimeZone());
}

// Both directions in closed form (H. Hinnant, "chrono-Compatible Low-Level
// Date Algorithms"): CivilDay arithmetic normalises far-away days year by
// year, which made converting every ledger entry the cost of a status read.
int64_t DayNumber(absl::CivilDay day) {
  const int64_t month = day.month();
  const int64_t year = day.year() - (month <= 2 ? 1 : 0);
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year =
      (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day.day() - 1;
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

absl::CivilDay DayFromNumber(int64_t day_number) {
  const int64_t shifted = day_number + 719468;
  const int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
  const int64_t day_of_era = shifted - era * 146097;
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 +
                               day_of_era / 36524 - day_of_era / 146096) /
                              365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_index = (5 * day_of_year + 2) / 153;
  const int day =
      static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
  const int month =
      static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return absl::CivilDay(year, month, day);
}

absl::CivilDay AddMonths(absl::CivilDay day, int months) {
  const absl::CivilMonth month = absl::CivilMonth(day) + months;
  const absl::CivilDay first(month);
  const int days_in_month = static_cast<int>(absl::CivilDay(month + 1) - first);
  return first + (std::min(day.day(), days_in_month) - 1);
}

}  // namespace guestvoice::service
