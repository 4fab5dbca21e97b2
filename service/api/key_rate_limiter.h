#ifndef GUESTVOICE_SERVICE_API_KEY_RATE_LIMITER_H_
#define GUESTVOICE_SERVICE_API_KEY_RATE_LIMITER_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"

namespace guestvoice::service {

// A token bucket per API key: each key may start `calls_per_second` calls a
// second on average, and up to `burst` at once after a quiet spell. One
// tenant's busy or runaway client is refused early, with a RetryInfo, before
// its calls fill the queues every tenant shares.
class KeyRateLimiter {
 public:
  struct Limits {
    // 0 turns the limiter off.
    double calls_per_second = 1000;
    // The bucket's size: at least 1 when the limiter is on.
    double burst = 2000;
  };

  KeyRateLimiter(Limits limits, const Clock& clock);

  // Takes a call from `key`'s bucket: OK, or RESOURCE_EXHAUSTED
  // (LIMIT_EXCEEDED) with a RetryInfo for when the bucket next holds a call.
  // Keys are API key resource names, so buckets grow with the keys the
  // server has verified, never with what callers send.
  absl::Status Admit(std::string_view key);

  // Gives back the call Admit took from `key`'s bucket for a call that was
  // then refused before it ran (its queue was full): the caller is asked to
  // retry after the RetryInfo delay, and that retry is the call it is
  // charged for. The bucket holds at most `burst` calls still.
  void Refund(std::string_view key);

  // Calls refused so far, for monitoring.
  uint64_t rejections() const {
    return rejections_.load(std::memory_order_relaxed);
  }

 private:
  struct Bucket {
    double calls = 0;
    absl::Time filled_at;
  };
  // Keys hash to shards so that concurrent callers rarely share a mutex.
  struct Shard {
    absl::Mutex mutex;
    absl::flat_hash_map<std::string, Bucket> buckets ABSL_GUARDED_BY(mutex);
  };
  static constexpr size_t kShards = 16;

  const Limits limits_;
  const Clock& clock_;
  std::array<Shard, kShards> shards_;
  std::atomic<uint64_t> rejections_ = 0;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_KEY_RATE_LIMITER_H_
