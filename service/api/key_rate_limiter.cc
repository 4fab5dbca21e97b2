#include "service/api/key_rate_limiter.h"

#include <algorithm>
#include <cmath>

#include "absl/hash/hash.h"
#include "absl/strings/str_format.h"
#include "common/absl_view.h"
#include "service/core/errors.h"

namespace guestvoice::service {

KeyRateLimiter::KeyRateLimiter(Limits limits, const Clock& clock)
    : limits_(limits), clock_(clock) {}

absl::Status KeyRateLimiter::Admit(std::string_view key) {
  if (limits_.calls_per_second <= 0) return absl::OkStatus();
  const absl::Time now = clock_.Now();
  Shard& shard = shards_[absl::HashOf(AbslView(key)) % kShards];
  absl::MutexLock lock(&shard.mutex);
  auto [entry, first_call] = shard.buckets.try_emplace(AbslView(key));
  Bucket& bucket = entry->second;
  if (first_call) {
    bucket.calls = limits_.burst;
  } else {
    // A clock that steps back refills nothing rather than draining.
    const double elapsed =
        std::max(0.0, absl::ToDoubleSeconds(now - bucket.filled_at));
    bucket.calls = std::min(limits_.burst,
                            bucket.calls + elapsed * limits_.calls_per_second);
  }
  bucket.filled_at = now;
  if (bucket.calls >= 1) {
    bucket.calls -= 1;
    return absl::OkStatus();
  }
  rejections_.fetch_add(1, std::memory_order_relaxed);
  const absl::Duration retry_after = absl::Seconds(
      std::ceil((1 - bucket.calls) / limits_.calls_per_second * 1000) / 1000);
  return LimitExceeded(
      absl::StrFormat(
          "this API key made more than %g calls a second (bursts "
          "of %g); retry after the RetryInfo delay, or ask an "
          "administrator for a higher --rate_limit_calls_per_second",
          limits_.calls_per_second, limits_.burst),
      retry_after);
}

void KeyRateLimiter::Refund(std::string_view key) {
  if (limits_.calls_per_second <= 0) return;
  Shard& shard = shards_[absl::HashOf(AbslView(key)) % kShards];
  absl::MutexLock lock(&shard.mutex);
  const auto entry = shard.buckets.find(AbslView(key));
  if (entry == shard.buckets.end()) return;
  entry->second.calls = std::min(limits_.burst, entry->second.calls + 1);
}

}  // namespace guestvoice::service
