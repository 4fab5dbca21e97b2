#ifndef GUESTVOICE_SERVICE_API_AUTHENTICATOR_H_
#define GUESTVOICE_SERVICE_API_AUTHENTICATOR_H_

#include <grpcpp/server_context.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/clock.h"
#include "service/api/key_rate_limiter.h"
#include "service/core/principal.h"
#include "service/tenancy/api_key_verifier.h"

namespace guestvoice::service {

// The scope of methods open to every valid key of the organization they
// address (they authorize by resource instead).
inline constexpr v1::Scope kAnyScope = v1::SCOPE_UNSPECIFIED;

// Turns `authorization: Bearer <key>` metadata into a Principal through the
// ApiKeyVerifier (which remembers verified keys); keys themselves are never
// stored. Every call passes through here, so this is also where each key's
// rate limit is applied.
class Authenticator {
 public:
  Authenticator(ApiKeyVerifier& verifier, KeyRateLimiter& rate_limiter,
                const Clock& clock)
      : verifier_(verifier), rate_limiter_(rate_limiter), clock_(clock) {}

  // The caller of `context`, whose key must grant `required` (kAnyScope:
  // any valid key, for methods that authorize by resource). UNAUTHENTICATED
  // with API_KEY_MISSING (no, several or malformed metadata), API_KEY_INVALID
  // (unknown or revoked) or API_KEY_EXPIRED; RESOURCE_EXHAUSTED
  // (LIMIT_EXCEEDED, with a RetryInfo) for a key over its rate limit, which
  // every authenticated call counts against; PERMISSION_DENIED
  // (SCOPE_MISSING) for a key without `required`.
  absl::StatusOr<Principal> Authenticate(const grpc::ServerContextBase& context,
                                         v1::Scope required) const;

  // Authenticate again for a call that was authenticated before it waited
  // (in a queue): the same checks, and the same errors, without counting
  // the call against its key's rate limit a second time.
  absl::StatusOr<Principal> Recheck(const grpc::ServerContextBase& context,
                                    v1::Scope required) const;

  // Gives back the rate-limit call Authenticate took for `caller`'s call,
  // which was then refused before it ran, for a full queue
  // (KeyRateLimiter::Refund).
  void Refund(const Principal& caller) const;

  // Changes whenever a key is revoked (ApiKeyVerifier::forget_count): a call
  // authenticated before a change is rechecked before it runs.
  uint64_t revocations() const { return verifier_.forget_count(); }

 private:
  // The caller holding the call's key, without the rate limit or the scope.
  absl::StatusOr<Principal> Verify(
      const grpc::ServerContextBase& context) const;

  ApiKeyVerifier& verifier_;
  KeyRateLimiter& rate_limiter_;
  const Clock& clock_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_AUTHENTICATOR_H_
