#include "common/duration_histogram.h"

#include <algorithm>

namespace guestvoice {

DurationHistogram::DurationHistogram(absl::Span<const double> upper_bounds)
    : upper_bounds_(upper_bounds.begin(), upper_bounds.end()),
      counts_(new std::atomic<uint64_t>[upper_bounds.size() + 1]()) {}

void DurationHistogram::Add(absl::Duration duration) {
  const double seconds = absl::ToDoubleSeconds(duration);
  const size_t bucket =
      std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), seconds) -
      upper_bounds_.begin();
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_nanos_.fetch_add(static_cast<uint64_t>(std::max<int64_t>(
                           0, absl::ToInt64Nanoseconds(duration))),
                       std::memory_order_relaxed);
}

uint64_t DurationHistogram::count() const {
  uint64_t total = 0;
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) {
    total += counts_[i].load(std::memory_order_relaxed);
  }
  return total;
}

void DurationHistogram::WriteTo(PrometheusText& out, std::string_view name,
                                MetricLabels labels) const {
  std::vector<uint64_t> counts(upper_bounds_.size() + 1);
  for (size_t i = 0; i < counts.size(); ++i) {
    counts[i] = counts_[i].load(std::memory_order_relaxed);
  }
  out.Histogram(name, labels, upper_bounds_, counts,
                sum_nanos_.load(std::memory_order_relaxed) / 1e9);
}

}  // namespace guestvoice
