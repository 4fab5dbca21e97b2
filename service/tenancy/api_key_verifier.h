#ifndef GUESTVOICE_SERVICE_TENANCY_API_KEY_VERIFIER_H_
#define GUESTVOICE_SERVICE_TENANCY_API_KEY_VERIFIER_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "service/core/principal.h"
#include "service/tenancy/organizations.h"
#include "storage/store.h"

namespace guestvoice::service {

// Verifies the API key of every call. A key verified once is remembered (by
// the SHA-256 of its secret), so later calls cost no store read; revoking a
// key forgets it at once (Forget), and a remembered key past its expiry time
// fails like a stored one. Unknown keys are never remembered: each costs the
// one index read it always did. Thread-safe.
class ApiKeyVerifier {
 public:
  // Remembers at most `capacity` keys; when full it starts over.
  explicit ApiKeyVerifier(const storage::Store& store, size_t capacity = 4096)
      : store_(store), capacity_(capacity) {}

  // The caller holding `key` at `now` (LookupApiKeyHolder, then
  // CheckApiKeyExpiry). UNAUTHENTICATED with API_KEY_INVALID (unknown or
  // revoked) or API_KEY_EXPIRED.
  absl::StatusOr<Principal> Verify(std::string_view key, absl::Time now);

  // Forgets the key named `api_key_name` (after its revocation is durable),
  // and makes a verification that read the store before this call not
  // remember what it read.
  void Forget(std::string_view api_key_name);

  // How many times Forget ran: a caller authenticated before a change of it
  // may hold a key revoked since. Takes no lock.
  uint64_t forget_count() const {
    return generation_.load(std::memory_order_acquire);
  }

  // Has every later Forget also tell `listener` the key's name (outside the
  // verifier's lock), so that what a revoked key holds open ends with it:
  // its WatchFeedback streams. Set once, before calls arrive.
  void OnForget(
      absl::AnyInvocable<void(std::string_view api_key_name)> listener);

 private:
  const storage::Store& store_;
  const size_t capacity_;
  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, ApiKeyHolder> verified_
      ABSL_GUARDED_BY(mutex_);
  // Bumped by every Forget: a verification remembers its result only if no
  // Forget happened while it read the store.
  // Changed under mutex_ only; read without it by forget_count.
  std::atomic<uint64_t> generation_{0};
  absl::AnyInvocable<void(std::string_view)> forget_listener_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_API_KEY_VERIFIER_H_
