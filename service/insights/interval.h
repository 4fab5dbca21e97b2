#ifndef GUESTVOICE_SERVICE_INSIGHTS_INTERVAL_H_
#define GUESTVOICE_SERVICE_INSIGHTS_INTERVAL_H_

// How an insight request's google.type.Interval maps to whole hotel-local
// days, the unit every pre-aggregate is kept in (docs/insights.md):
//
//   first day = the hotel-local day containing `start`
//   last day  = the hotel-local day containing the last instant before `end`
//
// so an interval between two local midnights covers exactly the days in
// between, and any other bound widens to its whole day. The previous
// interval is the same number of days just before the first day.

#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/type/interval.pb.h"
#include "service/core/errors.h"

namespace guestvoice::service {

// end - start may be at most this long (three years and a leap day).
inline constexpr int64_t kMaxIntervalDays = 1096;

// An interval's bounds as absl::Time, checked.
struct TimeBounds {
  absl::Time start;
  absl::Time end;
};

// Adds violations under `field` for a missing bound, one outside the
// calendar's span (proto_date.h: starting before 1900-01-01T00:00:00Z or
// ending after 9999-12-31T00:00:00Z), an empty or inverted interval, or one
// longer than kMaxIntervalDays; nullopt then.
std::optional<TimeBounds> CheckInterval(FieldViolations& violations,
                                        std::string_view field,
                                        const google::type::Interval& interval);

// Whole days as days since 1970-01-01, first..last inclusive.
struct DayRange {
  int64_t first_day = 0;
  int64_t last_day = 0;

  int64_t days() const { return last_day - first_day + 1; }
  bool Contains(int64_t day) const {
    return day >= first_day && day <= last_day;
  }
  // The same number of days just before first_day.
  DayRange Previous() const { return {first_day - days(), first_day - 1}; }
};

// The hotel-local days `bounds` covers in `zone`.
DayRange HotelDays(const TimeBounds& bounds, absl::TimeZone zone);

// [local midnight of first_day, local midnight after last_day) in `zone`.
TimeBounds DayRangeBounds(const DayRange& range, absl::TimeZone zone);
google::type::Interval ToProtoInterval(const TimeBounds& bounds);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_INSIGHTS_INTERVAL_H_
