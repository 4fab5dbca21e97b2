#ifndef GUESTVOICE_SERVICE_API_SERVER_METRICS_H_
#define GUESTVOICE_SERVICE_API_SERVER_METRICS_H_

#include <array>
#include <string>

#include "common/duration_histogram.h"
#include "service/api/call_metrics.h"
#include "service/api/counting_publisher.h"
#include "service/api/feedback_watchers.h"
#include "service/api/key_rate_limiter.h"
#include "storage/store.h"

namespace guestvoice::service {

// Upper bounds of guestvoice_analysis_duration_seconds' buckets, in seconds:
// a typical review takes tens of microseconds, the longest texts the API
// accepts milliseconds.
inline constexpr std::array<double, 12> kAnalysisDurationBounds = {
    0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005,
    0.001,   0.0025,   0.005,   0.01,   0.025,   0.1};

// What guestvoiced reports on its metrics endpoint (docs/operations.md lists
// every metric).
struct MetricSources {
  const CallMetrics& calls;
  const CountingPublisher& ingested;
  // The time the analyser took per ingested item (kAnalysisDurationBounds).
  const DurationHistogram& analysis_times;
  const FeedbackWatchers& watchers;
  const KeyRateLimiter& rate_limiter;
  const storage::Store& store;
};

// One scrape's text, in the Prometheus text exposition format.
std::string MetricsText(const MetricSources& sources);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_SERVER_METRICS_H_
