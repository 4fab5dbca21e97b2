#ifndef GUESTVOICE_SERVICE_API_SERVER_METRICS_H_
#define GUESTVOICE_SERVICE_API_SERVER_METRICS_H_

#include <string>

#include "service/api/call_metrics.h"
#include "service/api/counting_publisher.h"
#include "service/api/feedback_watchers.h"
#include "service/api/key_rate_limiter.h"
#include "storage/store.h"

namespace guestvoice::service {

// What guestvoiced reports on its metrics endpoint (docs/operations.md lists
// every metric).
struct MetricSources {
  const CallMetrics& calls;
  const CountingPublisher& ingested;
  const FeedbackWatchers& watchers;
  const KeyRateLimiter& rate_limiter;
  const storage::Store& store;
};

// One scrape's text, in the Prometheus text exposition format.
std::string MetricsText(const MetricSources& sources);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_SERVER_METRICS_H_
