#include "service/insights/interval.h"

#include "absl/strings/str_cat.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "service/feedback/aggregates.h"

namespace guestvoice::service {

std::optional<TimeBounds> CheckInterval(
    FieldViolations& violations, std::string_view field,
    const google::type::Interval& interval) {
  const std::string name(field);
  if (!interval.has_start_time() || !interval.has_end_time()) {
    violations.Add(name, "both start_time and end_time are required");
    return std::nullopt;
  }
  bool valid = true;
  for (const auto& [bound, timestamp] :
       {std::pair{".start_time", &interval.start_time()},
        std::pair{".end_time", &interval.end_time()}}) {
    if (!IsValidTimestamp(*timestamp)) {
      violations.Add(absl::StrCat(name, bound), "not a valid timestamp");
      valid = false;
    }
  }
  if (!valid) return std::nullopt;
  const TimeBounds bounds{FromProtoTimestamp(interval.start_time()),
                          FromProtoTimestamp(interval.end_time())};
  if (bounds.start < EarliestCalendarTime()) {
    violations.Add(absl::StrCat(name, ".start_time"),
                   "before 1900-01-01T00:00:00Z");
    return std::nullopt;
  }
  if (bounds.end > LatestCalendarIntervalEnd()) {
    violations.Add(absl::StrCat(name, ".end_time"),
                   "after 9999-12-31T00:00:00Z");
    return std::nullopt;
  }
  if (bounds.end <= bounds.start) {
    violations.Add(name, "end_time must be after start_time");
    return std::nullopt;
  }
  if (bounds.end - bounds.start > absl::Hours(24 * kMaxIntervalDays)) {
    violations.Add(name, absl::StrCat("the interval may be at most ",
                                      kMaxIntervalDays, " days long"));
    return std::nullopt;
  }
  return bounds;
}

DayRange HotelDays(const TimeBounds& bounds, absl::TimeZone zone) {
  return {HotelDay(bounds.start, zone),
          HotelDay(bounds.end - absl::Nanoseconds(1), zone)};
}

TimeBounds DayRangeBounds(const DayRange& range, absl::TimeZone zone) {
  return {absl::FromCivil(DayFromNumber(range.first_day), zone),
          absl::FromCivil(DayFromNumber(range.last_day + 1), zone)};
}

google::type::Interval ToProtoInterval(const TimeBounds& bounds) {
  google::type::Interval interval;
  *interval.mutable_start_time() = ToProtoTimestamp(bounds.start);
  *interval.mutable_end_time() = ToProtoTimestamp(bounds.end);
  return interval;
}

}  // namespace guestvoice::service
