#ifndef GUESTVOICE_SERVICE_TENANCY_BOOTSTRAP_H_
#define GUESTVOICE_SERVICE_TENANCY_BOOTSTRAP_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "service/core/id_source.h"
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
// The key's secret is drawn here (ApiKeySecret::Draw); CreateFirstOrganization
// stores it by its hash. `ids` draws the key's id.
absl::StatusOr<BootstrapResult> BootstrapIfEmpty(storage::Store& store,
                                                 const Clock& clock,
                                                 IdSource& ids);

// The domain write of the first start, given only the SHA-256 of the admin
// key's secret (drawn, and written where its owner finds it, by whoever
// received the start): organization "default" and an API key with every
// scope, created at `now`, its id drawn from `ids`. Does nothing on a store
// that has organizations; true when it wrote.
absl::StatusOr<bool> CreateFirstOrganization(storage::Store& store,
                                             absl::Time now, IdSource& ids,
                                             std::string_view admin_key_sha256);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_BOOTSTRAP_H_
