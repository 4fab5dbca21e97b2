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
#include "common/prometheus_text.h"
#include "google/protobuf/descriptor.h"
#include "service/api/finished_call.h"

namespace guestvoice::service {

// Calls counted by method and status code, their latency histograms, and
// the calls each API key made (by its resource name, never its secret).
//
// Counting costs a call a hash lookup in a table built once (the methods of
// the services, from their descriptors) and a few relaxed atomic increments;
// the per-key count takes one of 16 shard mutexes, as the rate limiter does.
// Thread-safe.
class CallMetrics {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 14> kLatencyBounds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
      0.1,    0.25,  0.5,    1,     2.5,  5,     10};

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

  // Writes guestvoice_calls_total, guestvoice_call_duration_seconds and
  // guestvoice_api_key_calls_total.
  void WriteTo(PrometheusText& out) const;

 private:
  static constexpr int kStatusCodes = 17;  // OK .. UNAUTHENTICATED

  struct Method {
    std::string service;
    std::string name;
    // service/name
    std::string full_name;
    std::array<std::atomic<uint64_t>, kStatusCodes> calls{};
    // One bucket per bound, and one beyond them all.
    std::array<std::atomic<uint64_t>, kLatencyBounds.size() + 1> latency{};
    std::atomic<uint64_t> latency_micros = 0;
  };
  struct KeyShard {
    mutable absl::Mutex mutex;
    absl::flat_hash_map<std::string, uint64_t> calls ABSL_GUARDED_BY(mutex);
  };
  static constexpr size_t kKeyShards = 16;

  // Built by the constructor, read-only afterwards: lookups need no lock.
  // By request type; the methods, owned, in the order written.
  absl::flat_hash_map<const google::protobuf::Descriptor*, Method*>
      by_request_type_;
  std::vector<std::unique_ptr<Method>> methods_;
  std::array<KeyShard, kKeyShards> keys_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_CALL_METRICS_H_
