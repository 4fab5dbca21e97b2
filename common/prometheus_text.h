#ifndef GUESTVOICE_COMMON_PROMETHEUS_TEXT_H_
#define GUESTVOICE_COMMON_PROMETHEUS_TEXT_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "absl/types/span.h"

namespace guestvoice {

// A sample's labels, in the order written: {{"code", "OK"}, ...}.
using MetricLabels =
    std::initializer_list<std::pair<std::string_view, std::string_view>>;

// Writes metrics in the Prometheus text exposition format (version 0.0.4):
// each family is a HELP and a TYPE line followed by its samples. Label values
// and help texts are escaped here; metric and label names are the caller's
// constants and must already be valid.
class PrometheusText {
 public:
  // Starts a family; its samples follow. `type` is "counter", "gauge" or
  // "histogram".
  void Family(std::string_view name, std::string_view type,
              std::string_view help);

  void Sample(std::string_view name, MetricLabels labels, double value);
  void Sample(std::string_view name, MetricLabels labels, uint64_t value);

  // A histogram's samples under `name` (whose family was started as
  // "histogram"): the _bucket series, cumulative, with le="+Inf" last, then
  // _sum and _count. `counts` holds the observations per bucket, not
  // cumulative: counts[i] fell at or below upper_bounds[i] (and above the
  // bound before it), and the one extra last count above every bound.
  void Histogram(std::string_view name, MetricLabels labels,
                 absl::Span<const double> upper_bounds,
                 absl::Span<const uint64_t> counts, double sum);

  const std::string& text() const { return text_; }

 private:
  void WriteSeries(std::string_view name, MetricLabels labels,
                   std::string_view le);

  std::string text_;
};

}  // namespace guestvoice

#endif  // GUESTVOICE_COMMON_PROMETHEUS_TEXT_H_
