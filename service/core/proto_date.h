#ifndef GUESTVOICE_SERVICE_CORE_PROTO_DATE_H_
#define GUESTVOICE_SERVICE_CORE_PROTO_DATE_H_

// google.type.Date <-> absl::CivilDay, and the day numbers keys are made of.

#include <cstdint>
#include <optional>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/type/date.pb.h"

namespace guestvoice::service {

// The day of a full date (year 1-9999, month and day given and valid), or
// nullopt for partial or impossible dates such as 2025-02-29.
std::optional<absl::CivilDay> FromProtoDate(const google::type::Date& date);
google::type::Date ToProtoDate(absl::CivilDay day);

// The span of days the service puts on a calendar. Times and dates a caller
// sends that become days (feedback post_time, check-in times, insight
// intervals, stay arrivals, as-of dates) are refused before
// kEarliestCalendarDay (its midnight UTC for times): no hotel feedback or stay
// is older, and a time of year 1 west of UTC falls on a day of year 0, which
// google.type.Date cannot hold. An insight interval must also end by
// LatestCalendarIntervalEnd(), so that its last day is 9999-12-31 at the
// latest in every zone (UTC+14 is the furthest east).
inline constexpr absl::CivilDay kEarliestCalendarDay(1900, 1, 1);
absl::Time EarliestCalendarTime();
absl::Time LatestCalendarIntervalEnd();

// The UTC calendar day of `time`.
absl::CivilDay UtcDay(absl::Time time);

// Days since 1970-01-01, as stored in keys, and back.
int64_t DayNumber(absl::CivilDay day);
absl::CivilDay DayFromNumber(int64_t day_number);

// `day` plus `months` calendar months, clamped to the end of a shorter month
// (2024-02-29 + 12 months = 2025-02-28; 2025-01-31 + 1 month = 2025-02-28).
absl::CivilDay AddMonths(absl::CivilDay day, int months);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_PROTO_DATE_H_
