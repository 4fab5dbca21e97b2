#include "service/proto_date.h"

#include <algorithm>

namespace guestvoice::service {
namespace {

const absl::CivilDay kEpoch(1970, 1, 1);

}  // namespace

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

absl::CivilDay UtcDay(absl::Time time) {
  return absl::ToCivilDay(time, absl::UTCTimeZone());
}

int64_t DayNumber(absl::CivilDay day) { return day - kEpoch; }

absl::CivilDay DayFromNumber(int64_t day_number) { return kEpoch + day_number; }

absl::CivilDay AddMonths(absl::CivilDay day, int months) {
  const absl::CivilMonth month = absl::CivilMonth(day) + months;
  const absl::CivilDay first(month);
  const int days_in_month = static_cast<int>(absl::CivilDay(month + 1) - first);
  return first + (std::min(day.day(), days_in_month) - 1);
}

}  // namespace guestvoice::service
