#ifndef GUESTVOICE_SERVICE_TENANCY_ORGANIZATIONS_H_
#define GUESTVOICE_SERVICE_TENANCY_ORGANIZATIONS_H_

// Reading and writing organizations and API keys: shared by AdminService and
// the first-start bootstrap, so both store them the same way.

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/admin.pb.h"
#include "service/core/principal.h"
#include "storage/store.h"

namespace guestvoice::service {

// The organization with id `organization`, or nullopt.
absl::StatusOr<std::optional<v1::Organization>> ReadOrganization(
    const storage::Store& store, std::string_view organization);

// Adds an organization's record and its listing entry to `batch`.
void PutOrganization(storage::WriteBatch& batch, std::string_view organization,
                     const v1::Organization& record);

// A new API key for `organization` with the given display name, scopes and
// expiry: `stored` is what goes to disk, and the returned ApiKey carries the
// secret in key_string, to be shown once.
struct NewApiKey {
  v1::ApiKey with_secret;
  internal::v1::StoredApiKey stored;
};
NewApiKey MintApiKey(std::string_view organization, const v1::ApiKey& request,
                     absl::Time now);

// Adds (or replaces) an API key's record and its hash index entry.
void PutApiKey(storage::WriteBatch& batch, std::string_view organization,
               std::string_view key_id,
               const internal::v1::StoredApiKey& stored);

// The stored API key, or nullopt.
absl::StatusOr<std::optional<internal::v1::StoredApiKey>> ReadApiKey(
    const storage::Store& store, std::string_view organization,
    std::string_view key_id);

// The caller holding API key `key` (the secret itself, as sent): looked up by
// its SHA-256, since keys themselves are never stored. UNAUTHENTICATED with
// API_KEY_INVALID (unknown or revoked) or API_KEY_EXPIRED (at `now`).
absl::StatusOr<Principal> AuthenticateApiKey(const storage::Store& store,
                                             absl::Time now,
                                             std::string_view key);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_ORGANIZATIONS_H_
