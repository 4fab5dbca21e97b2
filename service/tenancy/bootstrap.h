#ifndef GUESTVOICE_SERVICE_TENANCY_BOOTSTRAP_H_
#define GUESTVOICE_SERVICE_TENANCY_BOOTSTRAP_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "guestvoice/internal/v1/records.pb.h"
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

// The steps of the first start, for the cluster mode, where one node draws
// the key's secret and writes its file, and a command every node applies
// stores the key by its hash (docs/cluster.md).
//
// Whether `store` holds any organization.
absl::StatusOr<bool> HasOrganizations(const storage::Store& store);
// The record of organization "default"'s first key, with every scope, made at
// `now`, its id drawn from `ids`, authenticated by `admin_key_sha256`.
// (Qualified in full: an `internal` namespace of guestvoice::service, as in
// service/api/wire_messages.h, would otherwise hide guestvoice::internal.)
::guestvoice::internal::v1::StoredApiKey MintBootstrapKey(
    absl::Time now, IdSource& ids, std::string_view admin_key_sha256);
// Writes `key_string` to `<data_dir>/admin-api-key` (mode 0600, synced);
// returns the file's path.
absl::StatusOr<std::string> WriteAdminKeyFile(const std::string& data_dir,
                                              const std::string& key_string);
// Unless `store` holds organization "default", stores it (created at
// `now`) and `admin_key` in one WriteBatch; returns whether it did. It asks
// about "default" alone, not about any organization: a cluster node applies
// this command in "default"'s partition, and other organizations are
// created by commands of their own partitions, which a node rebuilding from
// the log may apply first (docs/cluster.md, "How a command is applied").
absl::StatusOr<bool> StoreBootstrapIfAbsent(
    storage::Store& store, absl::Time now,
    const ::guestvoice::internal::v1::StoredApiKey& admin_key);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_BOOTSTRAP_H_
