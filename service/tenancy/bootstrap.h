#ifndef GUESTVOICE_SERVICE_TENANCY_BOOTSTRAP_H_
#define GUESTVOICE_SERVICE_TENANCY_BOOTSTRAP_H_

#include <string>

#include "absl/status/statusor.h"
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
absl::StatusOr<BootstrapResult> BootstrapIfEmpty(storage::Store& store,
                                                 const Clock& clock,
                                                 IdSource& ids);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_BOOTSTRAP_H_
