#ifndef GUESTVOICE_COMMON_DURATION_HISTOGRAM_H_
#define GUESTVOICE_COMMON_DURATION_HISTOGRAM_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "absl/types/span.h"
#include "common/prometheus_text.h"

namespace guestvoice {

// A histogram of durations that many threads add to without a lock, for a
// metric: Add is a binary search of the bounds and two relaxed atomic
// increments, and never allocates, so it may sit on a hot path (one call, one
// analysed item). Thread-safe.
class DurationHistogram {
 public:
  // `upper_bounds` in seconds, ascending; an observation above the last one
  // falls in a bucket of its own (Prometheus' le="+Inf").
  explicit DurationHistogram(absl::Span<const double> upper_bounds);

  void Add(absl::Duration duration);

  // Observations so far.
  uint64_t count() const;

  // Writes the histogram's samples under `name`, whose family the caller
  // has started as "histogram".
  void WriteTo(PrometheusText& out, std::string_view name,
               MetricLabels labels) const;

 private:
  const std::vector<double> upper_bounds_;
  // One per bound, and one beyond them all.
  const std::unique_ptr<std::atomic<uint64_t>[]> counts_;
  // Nanoseconds: an analysed item takes tens of microseconds.
  std::atomic<uint64_t> sum_nanos_ = 0;
};

}  // namespace guestvoice

#endif  // GUESTVOICE_COMMON_DURATION_HISTOGRAM_H_
