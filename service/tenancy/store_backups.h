#ifndef GUESTVOICE_SERVICE_TENANCY_STORE_BACKUPS_H_
#define GUESTVOICE_SERVICE_TENANCY_STORE_BACKUPS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "guestvoice/v1/admin.pb.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "service/core/principal.h"
#include "storage/backups.h"

namespace guestvoice::service {

// AdminService's backup operations. Backups are of the whole installation,
// so the gRPC layer requires SCOPE_PLATFORM_ADMIN; and they take no
// DomainContext: storage::Backups holds the store, and a backup needs no
// lock (RocksDB takes a consistent copy by itself).
class StoreBackups {
 public:
  // `backups` is null when the server has no --backup_dir; every call then
  // fails with BACKUPS_NOT_CONFIGURED. Create keeps the newest `retention`
  // backups (0 keeps all).
  StoreBackups(storage::Backups* backups, uint32_t retention)
      : backups_(backups), retention_(retention) {}

  absl::Status Create(const Principal& caller,
                      const v1::CreateBackupRequest& request,
                      v1::Backup& response) const;
  absl::Status List(const Principal& caller,
                    const v1::ListBackupsRequest& request,
                    v1::ListBackupsResponse& response) const;
  absl::Status Delete(const Principal& caller,
                      const v1::DeleteBackupRequest& request) const;

 private:
  absl::Status RequireConfigured() const;

  storage::Backups* backups_;
  uint32_t retention_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_STORE_BACKUPS_H_
