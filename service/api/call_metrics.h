#ifndef GUESTVOICE_SERVICE_API_CALL_METRICS_H_
#define GUESTVOICE_SERVICE_API_CALL_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "common/duration_histogram.h"
#include "common/prometheus_text.h"
#include "google/protobuf/descriptor.h"
#include "service/api/finished_call.h"

namespace guestvoice::service {

// Calls counted by method and status code, their durations, and the calls
// each API key made (by its resource name, never its secret).
//
// Unary calls and streams are counted alike, a stream once, as it ends, with
// its final status. Their durations go to two histograms, though: a unary
// call's latency (milliseconds) in guestvoice_call_duration_seconds, and a
// stream's lifetime (an import's seconds to minutes, a watch's hours) in
// guestvoice_stream_duration_seconds, so that a quantile of the first never
// mixes the two.
//
// Counting costs a call a hash lookup in a table built once (the methods of
// the services, from their descriptors) and a few relaxed atomic increments;
// the per-key count takes one of 16 shard mutexes, as the rate limiter does.
// Thread-safe.
class CallMetrics {
 public:
  // Upper bounds of the unary latency buckets, in seconds.
  static constexpr std::array<double, 14> kLatencyBounds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
      0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  // Upper bounds of the stream duration buckets, in seconds: 10 ms to a day.
  static constexpr std::array<double, 10> kStreamDurationBounds = {
      0.01, 0.1, 1, 10, 60, 300, 1800, 3600, 21600, 86400};

  // Knows every method of `services` (full names such as
  // "guestvoice.v1.FeedbackService"), which must be in the generated
  // descriptor pool, by its request type: gRPC 1.51 does not tell a callback
  // call its method, and each request message names its method
  // (AIP-style, enforced by buf lint's RPC_REQUEST_STANDARD_NAME). A request
  // type that two methods share counts for neither.
  explicit CallMetrics(const std::vector<std::string>& services);

  // Counts `call`, of the method whose request is call.request_type, and
  // returns that method's name ("guestvoice.v1.HotelService/ListHotels"); a
  // type of no known method is not counted, and its name is "".
  std::string_view Record(const FinishedCall& call);

  // Writes guestvoice_calls_total, guestvoice_forwarded_calls_total,
  // guestvoice_call_duration_seconds, guestvoice_stream_duration_seconds and
  // guestvoice_api_key_calls_total.
  void WriteTo(PrometheusText& out) const;

 private:
  static constexpr int kStatusCodes = 17;  // OK .. UNAUTHENTICATED

  struct Method {
    explicit Method(bool is_stream)
        : stream(is_stream),
          duration(is_stream ? absl::MakeConstSpan(kStreamDurationBounds)
                             : absl::MakeConstSpan(kLatencyBounds)) {}

    std::string service;
    std::string name;
    // service/name
    std::string full_name;
    // Streams from the client, the server or both.
    const bool stream;
    std::array<std::atomic<uint64_t>, kStatusCodes> calls{};
    // Of those, the calls forwarded to the node that answered them.
    std::atomic<uint64_t> forwarded{0};
    DurationHistogram duration;
  };
  struct KeyShard {
    mutable absl::Mutex mutex;
    absl::flat_hash_map<std::string, uint64_t> calls ABSL_GUARDED_BY(mutex);
  };
  static constexpr size_t kKeyShards = 16;

  void WriteDurations(PrometheusText& out, bool streams) const;

  // Built by the constructor, read-only afterwards: lookups need no lock.
  // By request type; the methods, owned, in the order written.
  absl::flat_hash_map<const google::protobuf::Descriptor*, Method*>
      by_request_type_;
  std::vector<std::unique_ptr<Method>> methods_;
  std::array<KeyShard, kKeyShards> keys_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_CALL_METRICS_H_
