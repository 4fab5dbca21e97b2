#ifndef GUESTVOICE_TESTS_LOAD_MIXED_TRAFFIC_H_
#define GUESTVOICE_TESTS_LOAD_MIXED_TRAFFIC_H_

#include <grpcpp/channel.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tests/load/latencies.h"

namespace guestvoice::load {

// What the callers share: the server, its key, the hotels, and feedback
// names to look up.
struct Target {
  std::string address;
  std::string key;
  std::vector<std::string> hotels;
  std::vector<std::string> feedback_names;
};

struct TrafficShape {
  int callers = 64;
  // Of the callers, how many hold a WatchFeedback stream open and read it.
  int watchers = 8;
  // Connections the callers share, round robin.
  int connections = 8;
  uint64_t seed = 1;
};

// What the watchers saw.
struct WatchTotals {
  // Streams held open for the whole run.
  int64_t streams = 0;
  int64_t events = 0;
  int64_t missed = 0;
};

// Runs the callers until `until`: each unary caller loops over a weighted
// mix of IngestFeedback, ImportFeedback (streams of 10), GetFeedback,
// ListFeedback, GetHotelSummary and ListTopIssues; each watcher reads its
// stream until the end. Returns when every caller has stopped.
Latencies RunMixedTraffic(const Target& target, const TrafficShape& shape,
                          absl::Time until, WatchTotals& watched);

}  // namespace guestvoice::load

#endif  // GUESTVOICE_TESTS_LOAD_MIXED_TRAFFIC_H_
