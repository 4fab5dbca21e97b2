#ifndef GUESTVOICE_SERVICE_TENANCY_BOOTSTRAP_H_
#define GUESTVOICE_SERVICE_TENANCY_BOOTSTRAP_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "service/core/id_source.h"
#include "service/tenancy/organizations.h"
#include "storage/store.h"

namespace guestvoice::service {

inline constexpr char kBootstrapOrganization[] = "default";
inline constexpr char kAdminKeyFileName[] = "admin-api-key";

struct BootstrapResult {
  // True when this start created the first organization and its key.
  bool created = false;
  // The 0600 file holding the first admin key, when created.
  std::string admin_key_file;
};

// On a store without organizations, creates organization "default" and an API
// key with every scope (SCOPE_PLATFORM_ADMIN included), writes the key to
// `<data_dir>/admin-api-key` with mode 0600, and only then stores it, so a key
// that works is never lost. A store that has organizations is left alone.
absl::StatusOr<BootstrapResult> BootstrapIfEmpty(storage::Store& store,
                                                 const Clock& clock,
                                                 IdSource& ids);

// The steps of BootstrapIfEmpty, for the cluster mode, where the key is
// minted and written to a file on one node and stored by a command every
// node applies (docs/cluster.md).
//
// Whether `store` holds any organization.
absl::StatusOr<bool> HasOrganizations(const storage::Store& store);
// A new key of organization "default" with every scope, made at `now`.
NewApiKey MintBootstrapKey(absl::Time now, IdSource& ids);
// Writes `key_string` to `<data_dir>/admin-api-key` (mode 0600, synced);
// returns the file's path.
absl::StatusOr<std::string> WriteAdminKeyFile(const std::string& data_dir,
                                              const std::string& key_string);
// Unless `store` holds an organization, stores organization "default"
// (created at `now`) and `admin_key` in one WriteBatch; returns whether it
// did.
absl::StatusOr<bool> StoreBootstrapIfEmpty(
    storage::Store& store, absl::Time now,
    const internal::v1::StoredApiKey& admin_key);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_BOOTSTRAP_H_
